import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** Rows of a page when the caller does not say. */
export const PAGE_LIMIT_DEFAULT = 50;
/** Most rows one page may ask for. */
export const PAGE_LIMIT_MAX = 200;

/**
 * The paging half of every list query (vendor, operations and internal APIs): an opaque cursor from a
 * previous page's `nextCursor`, and how many rows to return. List queries extend it with their filters.
 */
export class PageQuery {
  @ApiPropertyOptional({ description: 'opaque cursor from a previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_LIMIT_MAX, default: PAGE_LIMIT_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit?: number;
}

/** The number of rows a page query asks for, the default applied (pages themselves: Page in libs/platform). */
export function pageLimit(q: Pick<PageQuery, 'limit'>): number {
  return q.limit ?? PAGE_LIMIT_DEFAULT;
}
