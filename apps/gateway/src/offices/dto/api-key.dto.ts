import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { KEY_ROLES, type KeyRole } from '@careplan/contracts';
import { OptionalNotNull } from '@careplan/platform';

export class CreateApiKeyDto {
  @ApiProperty({
    description: 'what the key is for: a PC or a program of the office',
    example: '事務所PC-2 (請求ソフト)',
    minLength: 1,
    maxLength: 100,
  })
  @IsString()
  @Length(1, 100)
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u001f\u007f]*\S[^\u0000-\u001f\u007f]*$/, {
    message: 'label must contain visible characters and no control characters',
  })
  label!: string;

  @ApiPropertyOptional({
    enum: KEY_ROLES,
    default: 'member',
    description: 'admin: manages keys, webhook and directory listing; member: sends, receives and reads',
  })
  @OptionalNotNull()
  @IsIn(KEY_ROLES)
  role?: KeyRole;
}

/** A key as its office sees it: never its hash, never the key itself (except once, at creation). */
export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: KEY_ROLES }) role!: KeyRole;
  @ApiProperty({ description: 'first characters of the key, to tell keys apart', example: 'cpx_AbCdEfGh' })
  prefix!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'to the minute' })
  lastUsedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'the key itself, shown this once only: store it now' }) key!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
}
