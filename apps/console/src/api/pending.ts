// The console contract's endpoints that openapi/ops.json does not list yet (sign-in, set-up and what
// operator management gains): their call sites are written here, against temporary types named Pending…, with the
// same client options and middleware as the generated client. Once the archive serves them, `npm run openapi`
// generates their types into ops.schema.ts, these call sites move to `api` and this file goes.
import createClient from 'openapi-fetch';
import { consoleMiddleware, type Problem, type Schemas } from './client';

export interface PendingSessionDto {
  operator: Schemas['OperatorContextDto'];
  csrfToken: string;
  idleExpiresAt: string;
  expiresAt: string;
}

export interface PendingSignInBody {
  name: string;
  password: string;
  /** The 6-digit TOTP code. */
  code: string;
}

export interface PendingSetupInfoDto {
  name: string;
  otpauthUri: string;
  /** A PNG data: URL of the QR code of otpauthUri. */
  qrDataUrl: string;
}

export interface PendingSetupBody {
  password: string;
  code: string;
}

export type PendingCreatedOperatorDto = Schemas['CreatedOperatorDto'] & {
  /** The one-time set-up link (password and second factor) for the new operator. */
  setupUrl: string;
};

export type PendingUpdateOperatorBody = Partial<Pick<Schemas['CreateOperatorDto'], 'role' | 'prefecture'>>;

export interface PendingResetSecondFactorDto {
  setupUrl: string;
}

// openapi-typescript's shape of the same operations, so openapi-fetch types these call sites as it will the
// generated ones.
interface AnyHeaders {
  [name: string]: unknown;
}
interface Json<T> {
  headers: AnyHeaders;
  content: { 'application/json': T };
}
interface ProblemJson {
  headers: AnyHeaders;
  content: { 'application/problem+json': Problem };
}
interface NoContent {
  headers: AnyHeaders;
  content?: never;
}
interface Refusals {
  400: ProblemJson;
  401: ProblemJson;
  403: ProblemJson;
  404: ProblemJson;
  423: ProblemJson;
  429: ProblemJson;
  503: ProblemJson;
}
interface NoParameters {
  query?: never;
  header?: never;
  path?: never;
  cookie?: never;
}
interface PathParameters<P> {
  query?: never;
  header?: never;
  path: P;
  cookie?: never;
}
interface Operation<Params, Responses> {
  parameters: Params;
  requestBody?: never;
  responses: Responses & Refusals;
}
interface OperationWithBody<Params, Body, Responses> {
  parameters: Params;
  requestBody: { content: { 'application/json': Body } };
  responses: Responses & Refusals;
}

export interface PendingPaths {
  '/ops/v1/session': {
    parameters: NoParameters;
    get: Operation<NoParameters, { 200: Json<PendingSessionDto> }>;
    post: OperationWithBody<NoParameters, PendingSignInBody, { 200: Json<PendingSessionDto> }>;
    delete: Operation<NoParameters, { 204: NoContent }>;
  };
  '/ops/v1/setup/{token}': {
    parameters: NoParameters;
    get: Operation<PathParameters<{ token: string }>, { 200: Json<PendingSetupInfoDto> }>;
    post: OperationWithBody<
      PathParameters<{ token: string }>,
      PendingSetupBody,
      { 200: Json<PendingSessionDto> }
    >;
  };
  '/ops/v1/operators': {
    parameters: NoParameters;
    post: OperationWithBody<
      NoParameters,
      Schemas['CreateOperatorDto'],
      { 201: Json<PendingCreatedOperatorDto> }
    >;
  };
  '/ops/v1/operators/{id}': {
    parameters: NoParameters;
    patch: OperationWithBody<
      PathParameters<{ id: string }>,
      PendingUpdateOperatorBody,
      { 200: Json<Schemas['OperatorDto']> }
    >;
  };
  '/ops/v1/operators/{id}/reset-second-factor': {
    parameters: NoParameters;
    post: Operation<PathParameters<{ id: string }>, { 200: Json<PendingResetSecondFactorDto> }>;
  };
}

export const pendingApi = createClient<PendingPaths>({ baseUrl: '', credentials: 'same-origin' });
pendingApi.use(consoleMiddleware);
