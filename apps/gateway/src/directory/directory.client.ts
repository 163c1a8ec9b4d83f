import { Injectable } from '@nestjs/common';
import type { DirectoryEntryDto, DirectoryPageDto, DirectoryQuery, ListingDto } from '@careplan/contracts';
import { Problems } from '@careplan/contracts';
import { InternalHttpClient, InternalHttpOptions, problem } from '@careplan/platform';

const unavailable = () => problem(Problems.DIRECTORY_UNAVAILABLE);

/** The archive's directory over its internal API: the gateway never reads archive tables. */
@Injectable()
export class DirectoryClient {
  private readonly archive: InternalHttpClient;

  constructor(options: InternalHttpOptions) {
    this.archive = new InternalHttpClient(options, unavailable);
  }

  get(officeNumber: string): Promise<DirectoryEntryDto> {
    return this.archive.json(`/internal/v1/directory/offices/${officeNumber}`);
  }

  search(q: DirectoryQuery): Promise<DirectoryPageDto> {
    return this.archive.json('/internal/v1/directory/offices', { query: { ...q } });
  }

  setListed(officeNumber: string, listed: boolean): Promise<ListingDto> {
    return this.archive.json(`/internal/v1/directory/offices/${officeNumber}/listing`, {
      method: 'PUT',
      json: { listed },
    });
  }
}
