import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NoControlCharacters } from '@careplan/platform';
import { PageQuery } from './paging';
import { DISTRICT_PATTERN, PREFECTURE_MESSAGE, PREFECTURE_PATTERN } from './prefecture';

/**
 * The office directory (GET /v1/directory/offices at the gateway → GET /internal/v1/directory/offices at the
 * archive): the gateway validates the vendor's query with it and forwards it as is.
 */
export class DirectoryQuery extends PageQuery {
  @ApiPropertyOptional({ example: '13', description: 'office-number digits 1–2 (都道府県番号, 01–47)' })
  @IsOptional()
  @Matches(PREFECTURE_PATTERN, { message: PREFECTURE_MESSAGE })
  prefecture?: string;

  @ApiPropertyOptional({ example: '12', description: 'office-number digits 4–5 (郡市区番号)' })
  @IsOptional()
  @Matches(DISTRICT_PATTERN)
  district?: string;

  @ApiPropertyOptional({ description: 'part of the office name' })
  @IsOptional()
  @IsString()
  @NoControlCharacters()
  @MaxLength(100)
  name?: string;
}

/** An office that can receive through the exchange. */
export class DirectoryEntryDto {
  @ApiProperty({ example: '1371500420' }) officeNumber!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '居宅介護支援' }) kind!: string;
  @ApiProperty({
    example: '2026-04-01',
    description: "the day the office's license started: since when it can receive through the exchange",
  })
  connectedSince!: string;
}

export class DirectoryPageDto {
  @ApiProperty({ type: [DirectoryEntryDto] }) items!: DirectoryEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** PUT …/listing (the gateway's PUT /v1/directory/me): the office's choice to appear in the searchable list. */
export class SetListingBody {
  @ApiProperty({ description: 'false: leave the searchable list (an exact number still answers)' })
  @IsBoolean()
  listed!: boolean;
}

export class ListingDto {
  @ApiProperty() officeNumber!: string;
  @ApiProperty() listed!: boolean;
}
