import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NoControlCharacters, OptionalNotNull, type Page } from '@careplan/platform';
import {
  OFFICE_NUMBER_PATTERN,
  PageQuery,
  PREFECTURE_MESSAGE,
  PREFECTURE_PATTERN,
} from '@careplan/contracts';

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

export class ListOfficesQuery extends PageQuery {
  @ApiPropertyOptional({ example: '13' })
  @IsOptional()
  @Matches(PREFECTURE_PATTERN, { message: PREFECTURE_MESSAGE })
  prefecture?: string;
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

export type OfficePageDto = Page<OfficeDto>;
