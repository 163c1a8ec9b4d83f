import { IsString, MinLength } from 'class-validator';
import { CommonEnv } from '@careplan/platform';

export class ArchiveEnv extends CommonEnv {
  override PORT = 3003;
  /** Shared secret that the gateway presents on the internal API. Set it in production. */
  @IsString() @MinLength(16) INTERNAL_TOKEN = 'local-internal-token-change-me';
  /**
   * Ed25519 private key (PEM; "\n" escapes allowed) that signs proofs of exchange. Empty: a key is generated on
   * first use and kept in archive.receipt_keys, shared by every archive instance.
   */
  @IsString() RECEIPT_SIGNING_KEY = '';
}
