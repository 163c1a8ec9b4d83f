import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class ListHistoryQuery {
  @IsOptional() @IsString() cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
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
  occurredAt: string;
}

export interface HistoryPageDto {
  items: HistoryItemDto[];
  nextCursor: string | null;
}
