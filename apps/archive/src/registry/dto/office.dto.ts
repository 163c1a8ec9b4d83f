import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NoControlCharacters, OptionalNotNull, type Page } from '@careplan/platform';
import {
  DISTRICT_PATTERN,
  OFFICE_NUMBER_PATTERN,
  PageQuery,
  PREFECTURE_MESSAGE,
  PREFECTURE_PATTERN,
} from '@careplan/contracts';

const OFFICE_NUMBER_PREFIX = /^[0-9A-Za-z]{1,10}$/;

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

/** Search filters, combined (all must match); the operator's scope narrows them further. */
export class ListOfficesQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '13',
    description: "office-number digits 1–2; a prefecture operator's own one only (another: OPS_SCOPE)",
  })
  @IsOptional()
  @Matches(PREFECTURE_PATTERN, { message: PREFECTURE_MESSAGE })
  prefecture?: string;

  @ApiPropertyOptional({ example: '12', description: 'office-number digits 4–5 (郡市区番号)' })
  @IsOptional()
  @Matches(DISTRICT_PATTERN, { message: 'district must be two digits' })
  district?: string;

  @ApiPropertyOptional({
    example: '13712',
    description: 'the start of the office number (1–10 characters, letters in either case)',
  })
  @IsOptional()
  @Matches(OFFICE_NUMBER_PREFIX, { message: 'number must be 1–10 letters or digits of an office number' })
  number?: string;

  @ApiPropertyOptional({
    example: 'さくら',
    description:
      'part of the name, matched literally regardless of case and of full- or half-width forms (NFKC: ＡＢＣ = abc, ｶﾅ = カナ)',
  })
  @IsOptional()
  @IsString()
  @NoControlCharacters()
  @MinLength(1)
  @MaxLength(100)
  name?: string;
}

export class OfficeDto {
  @ApiProperty({ example: '4712000012' }) officeNumber!: string;
  @ApiProperty({ example: '47', description: 'JIS prefecture code, from the office number' })
  prefecture!: string;
  @ApiProperty({ example: '20', description: "the office number's 4th and 5th digits" })
  district!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '居宅介護支援' }) kind!: string;
  @ApiProperty({ description: 'false once deactivated: its keys no longer work' }) active!: boolean;
  @ApiProperty({ description: "whether other offices find it in the gateway's directory" }) listed!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class OfficePageDto implements Page<OfficeDto> {
  @ApiProperty({ type: [OfficeDto] }) items!: OfficeDto[];
  @ApiProperty({ type: String, nullable: true, description: 'null on the last page' }) nextCursor!:
    string | null;
}
