import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FILE_TYPES, isKnownFileType, jsonSchemaFor, JsonSchema } from '@careplan/spec';
import { Problems } from '@careplan/contracts';
import { ApiProblems, problem, PublicRoute } from '@careplan/platform';
import { FileTypeSummaryDto, JSON_SCHEMA_MEDIA_TYPE, RECORD_SCHEMA_OUTLINE } from './dto/spec.dto';

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
  @ApiOkResponse({
    type: [FileTypeSummaryDto],
    description: 'every interface file type of ケアプランデータ連携標準仕様 V4.1',
  })
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
  @ApiOkResponse({
    description: 'JSON Schema (2020-12) of one record of the file type',
    content: { [JSON_SCHEMA_MEDIA_TYPE]: { schema: RECORD_SCHEMA_OUTLINE } },
  })
  @Header('content-type', `${JSON_SCHEMA_MEDIA_TYPE}; charset=utf-8`)
  schema(@Param('fileType') fileType: string): JsonSchema {
    if (!isKnownFileType(fileType) || !FILE_TYPES.find((f) => f.id === fileType)?.isCsv) {
      throw problem(Problems.FILE_TYPE_UNKNOWN, { fileType }, { value: fileType });
    }
    return jsonSchemaFor(fileType);
  }
}
