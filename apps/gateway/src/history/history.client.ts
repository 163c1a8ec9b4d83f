import { Injectable } from '@nestjs/common';
import type { ExportHistoryQuery, HistoryPageDto, ListHistoryQuery } from '@careplan/contracts';
import { Problems } from '@careplan/contracts';
import { InternalHttpClient, InternalHttpOptions, problem } from '@careplan/platform';

export interface HistoryCsv {
  contentType: string;
  contentDisposition: string;
  bytes: Buffer;
}

/** Reads the archive's history for one office over its internal API: the gateway never reads archive tables. */
@Injectable()
export class HistoryClient {
  private readonly archive: InternalHttpClient;

  constructor(options: InternalHttpOptions) {
    this.archive = new InternalHttpClient(options, unavailable);
  }

  list(officeNumber: string, query: ListHistoryQuery): Promise<HistoryPageDto> {
    return this.archive.json<HistoryPageDto>(`/internal/v1/offices/${officeNumber}/history`, {
      query: { ...query },
    });
  }

  async exportCsv(officeNumber: string, query: ExportHistoryQuery): Promise<HistoryCsv> {
    const res = await this.archive.request(`/internal/v1/offices/${officeNumber}/history.csv`, {
      query: { ...query },
    });
    return {
      contentType: res.headers.get('content-type') ?? 'text/csv',
      contentDisposition: res.headers.get('content-disposition') ?? 'attachment; filename="history.csv"',
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }
}

const unavailable = () => problem(Problems.HISTORY_UNAVAILABLE);
