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
