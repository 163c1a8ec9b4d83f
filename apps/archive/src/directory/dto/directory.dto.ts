import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NoControlCharacters } from '@careplan/platform';
import { DISTRICT_PATTERN, PREFECTURE_PATTERN } from '../../registry/dto/office.dto';

export class DirectoryQuery {
  @IsOptional() @Matches(PREFECTURE_PATTERN) prefecture?: string;
  @IsOptional() @Matches(DISTRICT_PATTERN) district?: string;
  @IsOptional() @IsString() @NoControlCharacters() @MaxLength(100) name?: string;
  @IsOptional() @IsString() cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export interface DirectoryEntryDto {
  officeNumber: string;
  name: string;
  kind: string;
  /** The day the office's license started: since when it can receive through the exchange. */
  connectedSince: string;
}

export interface DirectoryPageDto {
  items: DirectoryEntryDto[];
  nextCursor: string | null;
}

export interface ListingDto {
  officeNumber: string;
  listed: boolean;
}
