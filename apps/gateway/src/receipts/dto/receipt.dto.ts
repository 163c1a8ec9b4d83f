import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBase64, IsObject, IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '@careplan/platform';

export class SignedReceiptDto {
  @ApiProperty({
    description:
      'type, version, submissionId, deliveryId, sender, receiver, files [{name, kind, size, sha256}], ' +
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

/** Either a signed receipt as issued, or a receipt PDF's bytes in base64. */
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
  @MaxLength(1_000_000)
  pdf?: string;
}

export class VerificationDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ nullable: true, type: String }) keyId!: string | null;
}
