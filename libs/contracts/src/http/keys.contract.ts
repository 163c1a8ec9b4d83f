import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { NoControlCharacters, OptionalNotNull } from '@careplan/platform';

/**
 * An office's API keys as operators manage them. The gateway owns the keys (it checks one on every request)
 * and serves them on its internal API: GET/POST /internal/v1/offices/:officeNumber/keys and
 * POST …/keys/:id/revoke. The archive's operations API (/ops/v1/offices/:no/keys) checks the operator's scope
 * and the registry, calls those routes and answers their bodies as they are.
 */
/**
 * What a key may do. `admin` manages the office's keys, webhook and directory listing; `member` sends, receives
 * and reads (submissions, inbox, history, receipts, validation). An office's first key is admin, and an office
 * always keeps one active admin key.
 */
export const KEY_ROLES = ['admin', 'member'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

export class IssueKeyBody {
  @ApiPropertyOptional({ description: 'which PC or program the key is for' })
  @OptionalNotNull()
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  label?: string;

  @ApiPropertyOptional({
    enum: KEY_ROLES,
    description:
      "the key's role; an operator's key is admin unless told otherwise (it is how an office gets back in)",
  })
  @OptionalNotNull()
  @IsIn(KEY_ROLES)
  role?: KeyRole;
}

/** As the operations API takes an operator's name; the first administrator's (command line) is clipped to it. */
export const OPERATOR_NAME_MAX_LENGTH = 200;

/**
 * The operator an internal key call acts for, as its authenticated token named it in the archive: the gateway's
 * audit trail of the office names it (actor type operator). Never taken from the operations API's own body.
 */
export class OperatorRef {
  @IsUUID() id!: string;
  @IsString() @NoControlCharacters() @MinLength(1) @MaxLength(OPERATOR_NAME_MAX_LENGTH) name!: string;
}

// `operator` is optional so that an archive older than the gateway still issues and revokes (its entries then
// name no operator); the archive always sends it.

/** POST /internal/v1/offices/:no/keys: the operations API's body and the operator who sent it. */
export class OperatorIssueKeyBody extends IssueKeyBody {
  @IsOptional() @ValidateNested() @Type(() => OperatorRef) operator?: OperatorRef;
}

/** POST /internal/v1/offices/:no/keys/:id/revoke: the operator who revokes. */
export class OperatorRevokeKeyBody {
  @IsOptional() @ValidateNested() @Type(() => OperatorRef) operator?: OperatorRef;
}

/** A key as operators see it: never the key (except once, when issued), never its hash. */
export class OfficeKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() officeNumber!: string;
  @ApiProperty({ description: 'first characters of the key, to tell keys apart', example: 'cpx_AbCdEfGh' })
  keyPrefix!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: KEY_ROLES }) role!: KeyRole;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'to the minute' }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
}

/** Answered once, when the key is issued: the key itself is never stored. */
export class IssuedOfficeKeyDto extends OfficeKeyDto {
  @ApiProperty({ description: 'the key itself, shown this once only' }) apiKey!: string;
}

export class OfficeKeyListDto {
  @ApiProperty({ type: [OfficeKeyDto] }) items!: OfficeKeyDto[];
}

/** A revocation: the key, and whether this call revoked it (false: it already was, its first time kept). */
export class KeyRevocationDto {
  @ApiProperty({ type: OfficeKeyDto }) key!: OfficeKeyDto;
  @ApiProperty() revokedNow!: boolean;
}
