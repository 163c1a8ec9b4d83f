import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NoControlCharacters, OptionalNotNull } from '@careplan/platform';
import { OPERATOR_NAME_MAX_LENGTH, PREFECTURE_PATTERN } from '@careplan/contracts';
import { OPERATOR_ROLES, OperatorRole } from '../operator.entity';

export class CreateOperatorDto {
  @ApiProperty()
  @IsString()
  @NoControlCharacters()
  @MinLength(1)
  @MaxLength(OPERATOR_NAME_MAX_LENGTH)
  name!: string;
  @ApiProperty({ enum: OPERATOR_ROLES }) @IsIn(OPERATOR_ROLES) role!: OperatorRole;
  @ApiPropertyOptional({ description: 'required for prefecture operators', example: '13' })
  @OptionalNotNull()
  @Matches(PREFECTURE_PATTERN)
  prefecture?: string;
}

/** The signed-in operator (GET /ops/v1/me). */
export class OperatorContextDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OPERATOR_ROLES }) role!: OperatorRole;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '13',
    description: 'the one prefecture a prefecture operator sees; null for central administrators',
  })
  prefecture!: string | null;
}

export class OperatorDto extends OperatorContextDto {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "when a central administrator revoked the operator's token; null while it works",
  })
  revokedAt!: string | null;
  @ApiProperty({
    description: 'whether the operator has set up console sign-in (password and authenticator app)',
  })
  consoleEnrolled!: boolean;
}

/** PATCH /ops/v1/operators/:id: what is not given stays (a central administrator has no prefecture). */
export class UpdateOperatorDto {
  @ApiPropertyOptional({ enum: OPERATOR_ROLES }) @OptionalNotNull() @IsIn(OPERATOR_ROLES) role?: OperatorRole;
  @ApiPropertyOptional({ description: 'required when the role becomes prefecture', example: '13' })
  @OptionalNotNull()
  @Matches(PREFECTURE_PATTERN)
  prefecture?: string;
}

/** A one-time link where the operator sets up console sign-in (valid 72 hours). */
export class SetupLinkDto {
  @ApiProperty({
    example: 'http://127.0.0.1:3003/console/setup/Xk3…',
    description: 'give it to the operator only',
  })
  setupUrl!: string;
}

/** Returned once, at creation: only the token's hash is kept. */
export class CreatedOperatorDto extends OperatorDto {
  @ApiProperty({ description: 'the bearer token, shown only in this answer' }) token!: string;
  @ApiProperty({
    example: 'http://127.0.0.1:3003/console/setup/Xk3…',
    description: 'the one-time link (72 hours) where the operator sets up console sign-in',
  })
  setupUrl!: string;
}
