export interface LocalizedMessage {
  ja: string;
  en: string;
}

/** Where in a submitted file a problem sits, when it sits somewhere. */
export interface ProblemLocation {
  file?: string;
  row?: number | null;
  column?: number | null;
}

/**
 * One problem code of the wire: its HTTP status and the message a vendor can show its user, in Japanese and
 * English. `{name}` in a message is filled from the params the problem is raised with. The definitions are
 * data, listed once in `Problems` (libs/contracts/src/problems.ts); this interface is what platform code
 * takes, structurally, because libs/platform cannot import libs/contracts (contracts import platform).
 */
export interface ProblemDefinition {
  readonly code: string;
  readonly status: number;
  readonly ja: string;
  readonly en: string;
}

/** The `{name}` placeholders of a message template. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

export type ProblemParamValue = string | number;
export type ProblemParams<D extends ProblemDefinition> = Readonly<
  Record<Placeholders<D['ja']> | Placeholders<D['en']>, ProblemParamValue>
>;
export type ProblemExtra = ProblemLocation & Record<string, unknown>;

/** Definitions keyed by their code: the key is the code, so a registry cannot spell one twice. */
export function defineProblems<const T extends Record<string, Omit<ProblemDefinition, 'code'>>>(
  definitions: T,
): { readonly [K in keyof T & string]: T[K] & { readonly code: K } } {
  return Object.fromEntries(
    Object.entries(definitions).map(([code, d]) => [code, Object.freeze({ code, ...d })]),
  ) as { readonly [K in keyof T & string]: T[K] & { readonly code: K } };
}

/** A template with its `{name}` placeholders filled; a name without a value stays as written. */
export function fillMessage(template: string, params: Readonly<Record<string, ProblemParamValue>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/**
 * A domain failure with a stable machine-readable code and a message a vendor can show its user.
 * Built from a definition only (`problem(...)`), never from a code written at the throw site; turned into
 * one problem+json envelope by ProblemFilter.
 */
export class AppException extends Error {
  readonly code: string;
  readonly status: number;
  readonly messages: LocalizedMessage;

  constructor(
    readonly definition: ProblemDefinition,
    params: Readonly<Record<string, ProblemParamValue>> = {},
    readonly extra: ProblemExtra = {},
  ) {
    const messages = { ja: fillMessage(definition.ja, params), en: fillMessage(definition.en, params) };
    super(messages.en);
    this.code = definition.code;
    this.status = definition.status;
    this.messages = messages;
  }
}

// A definition whose messages are plain `string` (one relayed from another service) takes any params.
type ProblemArgs<D extends ProblemDefinition> = string extends D['ja'] | D['en']
  ? [params?: Readonly<Record<string, ProblemParamValue>>, extra?: ProblemExtra]
  : [Placeholders<D['ja']> | Placeholders<D['en']>] extends [never]
    ? [params?: Readonly<Record<string, never>>, extra?: ProblemExtra]
    : [params: ProblemParams<D>, extra?: ProblemExtra];

/** The exception for a registry definition, its placeholders filled (TypeScript asks for each one). */
export function problem<D extends ProblemDefinition>(
  definition: D,
  ...[params, extra]: ProblemArgs<D>
): AppException {
  return new AppException(definition, params ?? {}, extra ?? {});
}
