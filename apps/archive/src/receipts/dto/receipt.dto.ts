import { IsBase64, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** A signed receipt as issued (`receipt` + `signature`), or the bytes of a receipt PDF in base64 (`pdf`). */
export class VerifyReceiptBody {
  @IsOptional() @IsObject() receipt?: Record<string, unknown>;
  @IsOptional() @IsString() @MaxLength(200) signature?: string;
  @IsOptional() @IsBase64() @MaxLength(2_000_000) pdf?: string;
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
