import type {
  IssuedOfficeKeyDto,
  IssueKeyBody,
  KeyRevocationDto,
  OfficeKeyListDto,
} from '@careplan/contracts';
import { Problems } from '@careplan/contracts';
import { InternalHttpClient, InternalHttpOptions, problem } from '@careplan/platform';

const unavailable = () => problem(Problems.API_KEYS_UNAVAILABLE);

/**
 * The gateway's internal key API (GATEWAY_URL): the gateway owns API keys, since it checks them on every
 * request; the archive never keeps a copy. Its problems (404 API_KEY_NOT_FOUND, 409 API_KEY_LIMIT_REACHED …)
 * reach the operator as they are.
 */
export class GatewayKeysClient {
  private readonly gateway: InternalHttpClient;

  constructor(options: InternalHttpOptions) {
    this.gateway = new InternalHttpClient(options, unavailable);
  }

  list(officeNumber: string): Promise<OfficeKeyListDto> {
    return this.gateway.json(`/internal/v1/offices/${officeNumber}/keys`);
  }

  issue(officeNumber: string, body: IssueKeyBody): Promise<IssuedOfficeKeyDto> {
    return this.gateway.json(`/internal/v1/offices/${officeNumber}/keys`, { method: 'POST', json: body });
  }

  revoke(officeNumber: string, keyId: string): Promise<KeyRevocationDto> {
    return this.gateway.json(
      `/internal/v1/offices/${officeNumber}/keys/${encodeURIComponent(keyId)}/revoke`,
      { method: 'POST' },
    );
  }
}
