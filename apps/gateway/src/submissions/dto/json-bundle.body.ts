import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';
import type { JsonAttachment, JsonBundle, JsonDocument } from '../json-bundle';

const SERVICE_KIND = /^[0-9A-Z]{2}$/;
const YYYYMM = /^\d{6}$/;
// More than the bundle may hold (MAX_FILES): the intake's TOO_MANY_FILES then names the limit.
const MAX_ITEMS = 1000;

/** One standard CSV file as records: rendered into the file the standard names. */
export class JsonDocumentBody implements JsonDocument {
  @ApiProperty({
    example: 'UPPLAN',
    description: 'a CSV file type of the standard (GET /v1/spec/file-types)',
  })
  @IsString()
  @MaxLength(32)
  fileType!: string;

  @ApiProperty({
    example: '43',
    pattern: SERVICE_KIND.source,
    description: "the sender's service kind (file name)",
  })
  @Matches(SERVICE_KIND)
  senderServiceKind!: string;

  @ApiProperty({
    example: '11',
    pattern: SERVICE_KIND.source,
    description: "the receiver's service kind (file name)",
  })
  @Matches(SERVICE_KIND)
  receiverServiceKind!: string;

  @ApiPropertyOptional({
    example: '202505',
    pattern: YYYYMM.source,
    description:
      '対象年月/提供年月 of the file name: required by UPHOSOKU, UPPLAN, UPJSK, DLTPLAN, DLTJSK, UPSIKYU only',
  })
  @IsOptional()
  @Matches(YYYYMM)
  yyyymm?: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: { type: 'string', nullable: true } },
    description:
      'the records, as GET /v1/inbox/{id}/files/{fileId}/records returns them; each one checked against ' +
      'GET /v1/spec/schemas/{fileType}',
  })
  @IsArray()
  @IsObject({ each: true })
  records!: object[];
}

/** An attachment (PDF, JPEG/JPG, GIF, PNG, TXT) in base64. */
export class JsonAttachmentBody implements JsonAttachment {
  @ApiProperty({ example: 'アセスメント.pdf', maxLength: 255 })
  @IsString()
  @MaxLength(255)
  name!: string;

  @ApiProperty({ example: 'application/pdf', description: 'must be the type the name and content are' })
  @IsString()
  @MaxLength(100)
  contentType!: string;

  @ApiProperty({ description: 'the bytes, base64 (RFC 4648)' })
  @IsString()
  contentBase64!: string;
}

/** The JSON body of POST /v1/submissions and POST /v1/validate. */
export class JsonBundleBody implements JsonBundle {
  @ApiProperty({
    example: '1371500421',
    pattern: OFFICE_NUMBER_PATTERN.source,
    description: 'receiving office number',
  })
  @IsString()
  to!: string;

  @ApiProperty({ type: [JsonDocumentBody] })
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => JsonDocumentBody)
  documents!: JsonDocumentBody[];

  @ApiPropertyOptional({ type: [JsonAttachmentBody] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => JsonAttachmentBody)
  attachments?: JsonAttachmentBody[];
}
