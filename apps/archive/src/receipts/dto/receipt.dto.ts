import { IsBase64, IsObject, IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '@careplan/platform';

/** A signed receipt as issued (`receipt` + `signature`), or the bytes of a receipt PDF in base64 (`pdf`). */
export class VerifyReceiptBody {
  @OptionalNotNull() @IsObject() receipt?: Record<string, unknown>;
  @OptionalNotNull() @IsString() @MaxLength(200) signature?: string;
  @OptionalNotNull() @IsBase64() @MaxLength(2_000_000) pdf?: string;
}

export interface VerificationDto {
  valid: boolean;
  keyId: string | null;
}

export interface PublicKeyDto {
  keyId: string;
  algorithm: string;
  publicKeyPem: string;
}
