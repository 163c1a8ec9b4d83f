import { DynamicModule, Global, Module } from '@nestjs/common';
import { InternalHttpOptions, SecretKeyring } from '@careplan/platform';
import type { UploadLimits } from '../submissions/multipart';
import { UPLOAD_LIMITS } from '../submissions/upload-limits';
import { GatewayEnv } from './gateway.env';

/** Where the archive's internal API answers and the token to call it with: history, receipts, directory. */
export const ARCHIVE_HTTP = Symbol('ARCHIVE_HTTP');

/**
 * The loaded environment and what is derived from it once at start: the webhook secrets' keyring, the
 * upload limits and the archive's address. Global, so feature modules inject them without importing it.
 */
@Global()
@Module({})
export class GatewayConfigModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    const limits: UploadLimits = {
      maxFileBytes: env.MAX_FILE_BYTES,
      maxFiles: env.MAX_FILES,
      maxBundleBytes: env.MAX_BUNDLE_BYTES,
    };
    const archive: InternalHttpOptions = { baseUrl: env.ARCHIVE_URL, internalToken: env.INTERNAL_TOKEN };
    return {
      module: GatewayConfigModule,
      providers: [
        { provide: GatewayEnv, useValue: env },
        { provide: SecretKeyring, useValue: SecretKeyring.parse(env.WEBHOOK_SECRET_KEY) },
        { provide: UPLOAD_LIMITS, useValue: limits },
        { provide: ARCHIVE_HTTP, useValue: archive },
      ],
      exports: [GatewayEnv, SecretKeyring, UPLOAD_LIMITS, ARCHIVE_HTTP],
    };
  }
}
