import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import type {
  FileReport,
  LocalizedMessage,
  Severity,
  ValidationIssue,
  ValidationReport,
} from '@careplan/spec';

// The validator's report as verdict events carry it and the API answers it: the libs/spec ValidationReport type,
// checked here like any other event field (consumers read it typed instead of re-checking its shape) and
// described here for the OpenAPI contract.

const SEVERITIES: readonly Severity[] = ['error', 'warning'];

class LocalizedMessagePayload implements LocalizedMessage {
  @ApiProperty() @IsString() ja!: string;
  @ApiProperty() @IsString() en!: string;
}

class ValidationIssuePayload implements ValidationIssue {
  @ApiProperty({ description: 'issue code, e.g. TOO_LONG (docs/standard)' }) @IsString() code!: string;
  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES) severity!: Severity;
  @ApiProperty({ type: Number, nullable: true, description: '1-based CSV row; null for the file as a whole' })
  @IsOptional()
  @IsInt()
  row!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '1-based item (column) number' })
  @IsOptional()
  @IsInt()
  column!: number | null;
  @ApiProperty({ type: String, nullable: true, description: "the item's name in the standard (Japanese)" })
  @IsOptional()
  @IsString()
  columnName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the offending value' })
  @IsOptional()
  @IsString()
  value!: string | null;
  @ApiProperty({ type: LocalizedMessagePayload })
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedMessagePayload)
  message!: LocalizedMessage;
}

class FileReportPayload implements FileReport {
  @ApiProperty({ description: 'file name as sent' }) @IsString() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'standard file type, null for an attachment' })
  @IsOptional()
  @IsString()
  fileType!: string | null;
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() csvVersion!: string | null;
  @ApiProperty() @IsInt() @Min(0) rows!: number;
  @ApiProperty() @IsInt() @Min(0) errorCount!: number;
  @ApiProperty() @IsInt() @Min(0) warningCount!: number;
  @ApiProperty({ type: [ValidationIssuePayload] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ValidationIssuePayload)
  issues!: ValidationIssue[];
}

export class ValidationReportPayload implements ValidationReport {
  @ApiProperty({ description: 'true when no file has an error (warnings do not reject)' })
  @IsBoolean()
  ok!: boolean;
  @ApiProperty({ type: [FileReportPayload] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FileReportPayload)
  files!: FileReport[];
}
