import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NoControlCharacters, OptionalNotNull } from '@careplan/platform';
import { PREFECTURE_PATTERN } from '@careplan/contracts';
import { OPERATOR_ROLES, OperatorRole } from '../operator.entity';

export class CreateOperatorDto {
  @ApiProperty() @IsString() @NoControlCharacters() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: OPERATOR_ROLES }) @IsIn(OPERATOR_ROLES) role!: OperatorRole;
  @ApiPropertyOptional({ description: 'required for prefecture operators', example: '13' })
  @OptionalNotNull()
  @Matches(PREFECTURE_PATTERN)
  prefecture?: string;
}

export interface OperatorDto {
  id: string;
  name: string;
  role: OperatorRole;
  prefecture: string | null;
  createdAt: string;
  /** When a central administrator revoked the operator's token; null while it works. */
  revokedAt: string | null;
}

/** Returned once, at creation: only the token's hash is kept. */
export interface CreatedOperatorDto extends OperatorDto {
  token: string;
}
