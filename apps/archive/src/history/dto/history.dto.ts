import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { HistoryFilterParams } from '../history.filter';

/** Filters shared by the list and the CSV export; their values are checked by parseHistoryFilter. */
export class HistoryFilterQuery implements HistoryFilterParams {
  @IsOptional() @IsString() @MaxLength(40) from?: string;
  @IsOptional() @IsString() @MaxLength(40) to?: string;
  @IsOptional() @IsString() @MaxLength(10) counterpart?: string;
  @IsOptional() @IsString() @MaxLength(20) fileType?: string;
  @IsOptional() @IsString() @MaxLength(200) event?: string;
  @IsOptional() @IsString() @MaxLength(20) insuredNo?: string;
}

export class ListHistoryQuery extends HistoryFilterQuery {
  @IsOptional() @IsString() cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ExportHistoryQuery extends HistoryFilterQuery {
  /** utf-8 (default) or ms932; checked by the service for a stable error code. */
  @IsOptional() @IsString() @MaxLength(20) encoding?: string;
}

export interface HistoryItemDto {
  id: string;
  event: string;
  role: 'sender' | 'receiver';
  officeNumber: string;
  counterpartOfficeNumber: string;
  submissionId: string;
  deliveryId: string | null;
  files: { name: string; kind: string; size: number; sha256: string }[];
  fileTypes: string[];
  insuredNumbers: string[];
  occurredAt: string;
}

export interface HistoryPageDto {
  items: HistoryItemDto[];
  nextCursor: string | null;
}

export interface HistoryExport {
  filename: string;
  contentType: string;
  bytes: Buffer;
}
