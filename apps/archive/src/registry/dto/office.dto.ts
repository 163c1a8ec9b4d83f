import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NoControlCharacters, OptionalNotNull } from '@careplan/platform';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';

export const PREFECTURE_PATTERN = /^(0[1-9]|[1-3]\d|4[0-7])$/;
export const DISTRICT_PATTERN = /^\d{2}$/;

export class CreateOfficeDto {
  @ApiProperty({ example: '4712000012' }) @Matches(OFFICE_NUMBER_PATTERN) officeNumber!: string;
  @ApiProperty() @IsString() @NoControlCharacters() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: '居宅介護支援' })
  @IsString()
  @NoControlCharacters()
  @MinLength(1)
  @MaxLength(50)
  kind!: string;
}

export class UpdateOfficeDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @NoControlCharacters()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @NoControlCharacters()
  @MinLength(1)
  @MaxLength(50)
  kind?: string;
}

export class ListOfficesQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(PREFECTURE_PATTERN) prefecture?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class IssueKeyDto {
  @ApiPropertyOptional({ description: 'which PC or program the key is for' })
  @OptionalNotNull()
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  label?: string;
}

export class SetListedDto {
  @ApiProperty() @IsBoolean() listed!: boolean;
}

export interface OfficeDto {
  officeNumber: string;
  prefecture: string;
  district: string;
  name: string;
  kind: string;
  active: boolean;
  listed: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OfficePageDto {
  items: OfficeDto[];
  nextCursor: string | null;
}

export interface KeyDto {
  id: string;
  officeNumber: string;
  keyPrefix: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Returned once, when the key is issued: the key itself is never stored. */
export interface IssuedKeyDto extends KeyDto {
  apiKey: string;
}
