import type {
  IssuedOfficeKeyDto,
  IssueKeyBody,
  KeyRevocationDto,
  OfficeKeyListDto,
  OperatorIssueKeyBody,
  OperatorRef,
  OperatorRevokeKeyBody,
} from '@careplan/contracts';
import { OPERATOR_NAME_MAX_LENGTH, Problems } from '@careplan/contracts';
import { InternalHttpClient, InternalHttpOptions, problem } from '@careplan/platform';

const unavailable = () => problem(Problems.API_KEYS_UNAVAILABLE);

/**
 * The gateway's internal key API (GATEWAY_URL): the gateway owns API keys, since it checks them on every
 * request; the archive never keeps a copy. Its problems (404 API_KEY_NOT_FOUND, 409 API_KEY_LIMIT_REACHED …)
 * reach the operator as they are. Each change names the operator, whom the office's audit trail (GET /v1/audit)
 * then names too.
 */
export class GatewayKeysClient {
  private readonly gateway: InternalHttpClient;

  constructor(options: InternalHttpOptions) {
    this.gateway = new InternalHttpClient(options, unavailable);
  }

  list(officeNumber: string): Promise<OfficeKeyListDto> {
    return this.gateway.json(`/internal/v1/offices/${officeNumber}/keys`);
  }

  issue(officeNumber: string, operator: OperatorRef, body: IssueKeyBody): Promise<IssuedOfficeKeyDto> {
    const json: OperatorIssueKeyBody = { ...body, operator: operatorRef(operator) };
    return this.gateway.json(`/internal/v1/offices/${officeNumber}/keys`, { method: 'POST', json });
  }

  revoke(officeNumber: string, keyId: string, operator: OperatorRef): Promise<KeyRevocationDto> {
    const json: OperatorRevokeKeyBody = { operator: operatorRef(operator) };
    return this.gateway.json(
      `/internal/v1/offices/${officeNumber}/keys/${encodeURIComponent(keyId)}/revoke`,
      { method: 'POST', json },
    );
  }
}

/** Only the operator's id and name go to the gateway (the context also holds its role and prefecture). */
function operatorRef(op: OperatorRef): OperatorRef {
  return { id: op.id, name: op.name.slice(0, OPERATOR_NAME_MAX_LENGTH) };
}
