import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FILE_TYPES, isKnownFileType, jsonSchemaFor, JsonSchema } from '@careplan/spec';
import { Problems } from '@careplan/contracts';
import { ApiProblems, problem, PublicRoute } from '@careplan/platform';

export interface FileTypeSummaryDto {
  id: string;
  nameJa: string;
  prefix: string;
  fileNameExample: string;
  columns: number;
  schemaUrl: string;
}

/**
 * The standard as published data, no key needed: which file types exist, and each one's records as a
 * JSON Schema (English keys, Japanese item names as titles) for software moving from CSV to JSON.
 */
@ApiTags('spec')
@ApiProblems(Problems.RATE_LIMITED)
@Controller('v1/spec')
export class SpecController {
  @ApiOperation({ summary: "The standard's file types — 標準仕様のファイル種別", security: [] })
  @Get('file-types')
  @PublicRoute()
  @ApiOkResponse({ description: 'every interface file type of ケアプランデータ連携標準仕様 V4.1' })
  fileTypes(): FileTypeSummaryDto[] {
    return FILE_TYPES.filter((f) => f.isCsv).map((f) => ({
      id: f.id,
      nameJa: f.nameJa,
      prefix: f.prefix,
      fileNameExample: f.fileNameExample,
      columns: f.columns.length,
      schemaUrl: `/v1/spec/schemas/${f.id}`,
    }));
  }

  @ApiOperation({
    summary: "JSON Schema of one file type's records — ファイル種別のJSON Schema",
    security: [],
  })
  @ApiProblems(Problems.FILE_TYPE_UNKNOWN)
  @Get('schemas/:fileType')
  @PublicRoute()
  @ApiOkResponse({ description: 'JSON Schema (2020-12) of one record of the file type' })
  schema(@Param('fileType') fileType: string): JsonSchema {
    if (!isKnownFileType(fileType) || !FILE_TYPES.find((f) => f.id === fileType)?.isCsv) {
      throw problem(Problems.FILE_TYPE_UNKNOWN, { fileType }, { value: fileType });
    }
    return jsonSchemaFor(fileType);
  }
}
