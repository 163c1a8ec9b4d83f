import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NoControlCharacters } from '@careplan/platform';

export class DirectoryQuery {
  @ApiPropertyOptional({ example: '13', description: 'office-number digits 1–2' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  prefecture?: string;
  @ApiPropertyOptional({ example: '12', description: 'office-number digits 4–5 (郡市区番号)' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  district?: string;
  @ApiPropertyOptional({ description: 'part of the office name' })
  @IsOptional()
  @IsString()
  @NoControlCharacters()
  @MaxLength(100)
  name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ListingDto {
  @ApiProperty({ description: 'false: leave the searchable list (an exact number still answers)' })
  @IsBoolean()
  listed!: boolean;
}
