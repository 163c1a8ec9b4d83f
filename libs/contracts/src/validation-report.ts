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

// The validator's report as verdict events carry it: the libs/spec ValidationReport type, checked here
// like any other event field, so consumers read it typed instead of re-checking its shape.

const SEVERITIES: readonly Severity[] = ['error', 'warning'];

class LocalizedMessagePayload implements LocalizedMessage {
  @IsString() ja!: string;
  @IsString() en!: string;
}

class ValidationIssuePayload implements ValidationIssue {
  @IsString() code!: string;
  @IsIn(SEVERITIES) severity!: Severity;
  @IsOptional() @IsInt() row!: number | null;
  @IsOptional() @IsInt() column!: number | null;
  @IsOptional() @IsString() columnName!: string | null;
  @IsOptional() @IsString() value!: string | null;
  @IsObject() @ValidateNested() @Type(() => LocalizedMessagePayload) message!: LocalizedMessage;
}

class FileReportPayload implements FileReport {
  @IsString() name!: string;
  @IsOptional() @IsString() fileType!: string | null;
  @IsOptional() @IsString() csvVersion!: string | null;
  @IsInt() @Min(0) rows!: number;
  @IsInt() @Min(0) errorCount!: number;
  @IsInt() @Min(0) warningCount!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => ValidationIssuePayload) issues!: ValidationIssue[];
}

export class ValidationReportPayload implements ValidationReport {
  @IsBoolean() ok!: boolean;
  @IsArray() @ValidateNested({ each: true }) @Type(() => FileReportPayload) files!: FileReport[];
}
