import type { DataSource } from 'typeorm';
import { loadEnv } from '@careplan/platform';
import { CARE_OFFICE } from '@careplan/spec/testing';
import { AccessTokensService, Clock } from '../auth/access-tokens.service';
import { TokenKeyRepository } from '../auth/token-key.repository';
import { TokenKeysService } from '../auth/token-keys.service';
import { GatewayEnv } from '../config/gateway.env';
import { StaffUsersRepository } from '../staff/staff-users.repository';
import { ApiKeysRepository } from './api-keys.repository';
import { OfficesRepository } from './offices.repository';
import { OfficesService } from './offices.service';

/** For integration specs that build services by hand: the offices service over a data source. */
export function officesServiceOn(ds: DataSource): OfficesService {
  return new OfficesService(
    new OfficesRepository(ds),
    new ApiKeysRepository(ds),
    new StaffUsersRepository(ds),
  );
}

/** What a member key's request authenticates as, for specs that call services with a made-up office. */
export const MEMBER_KEY = { role: 'member', credential: 'apiKey' } as const;

/** A licensed care office sending with a member key, for specs that call the submissions service. */
export const CARE_SENDER = {
  officeNumber: CARE_OFFICE,
  name: '居宅',
  licenseActive: true,
  apiKeyId: 'it',
  ...MEMBER_KEY,
};

/** The access tokens service over a data source (its signing key generated there), for specs that build guards. */
export function accessTokensOn(ds: DataSource, clock?: Clock): AccessTokensService {
  const env = loadEnv(GatewayEnv, {});
  return new AccessTokensService(env, new TokenKeysService(env, new TokenKeyRepository(ds)), clock);
}
