import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsObject, IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '@careplan/platform';

/**
 * Proofs of exchange, issued and verified by the archive (/internal/v1/…/receipt[.pdf],
 * /internal/v1/receipts/…) and served to vendors by the gateway (/v1/…/receipt[.pdf], /v1/receipts/…).
 */
export class SignedReceiptDto {
  @ApiProperty({
    description:
      'type, version, submissionId, deliveryId, sender {officeNumber, actor? {type, id, label}}, receiver {officeNumber}, files [{name, kind, size, sha256}], ' +
      'steps {acceptedAt, validatedAt, rejectedAt, deliveredAt, downloadedAt, acknowledgedAt}, status, issuedAt, keyId',
  })
  receipt!: Record<string, unknown>;

  @ApiProperty({ description: 'Ed25519 signature (base64) over the canonical JSON (RFC 8785) of receipt' })
  signature!: string;
}

export class PublicKeyDto {
  @ApiProperty({ example: '757d553295c7d96b' }) keyId!: string;
  @ApiProperty({ example: 'Ed25519' }) algorithm!: string;
  @ApiProperty({ description: 'SubjectPublicKeyInfo, PEM' }) publicKeyPem!: string;
}

/**
 * Most base64 characters of a receipt PDF to verify (750 kB of PDF). A receipt PDF the archive issues is
 * far smaller (about 60 kB with 100 files: the Japanese font is embedded as a subset), and the body must
 * fit the services' 1 MiB JSON body limit at the gateway and again at the archive, which a larger value
 * could never reach.
 */
export const RECEIPT_PDF_MAX_BASE64 = 1_000_000;

/** Either a signed receipt as issued (`receipt` + `signature`), or a receipt PDF's bytes in base64 (`pdf`). */
export class VerifyReceiptBody {
  @ApiPropertyOptional({ description: 'the receipt object exactly as issued' })
  @OptionalNotNull()
  @IsObject()
  receipt?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'its signature (base64)' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  signature?: string;

  @ApiPropertyOptional({ description: 'instead of receipt and signature: a receipt PDF, base64' })
  @OptionalNotNull()
  @IsBase64()
  @MaxLength(RECEIPT_PDF_MAX_BASE64)
  pdf?: string;
}

export class VerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ nullable: true, type: String }) keyId!: string | null;
}
