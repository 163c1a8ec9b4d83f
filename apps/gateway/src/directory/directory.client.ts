import { HttpStatus, Injectable } from '@nestjs/common';
import type { DirectoryEntryDto, DirectoryPageDto, DirectoryQuery, ListingDto } from '@careplan/contracts';
import { AppException, InternalHttpClient, InternalHttpOptions } from '@careplan/platform';

const unavailable = () =>
  new AppException('DIRECTORY_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, {
    ja: '事業所ディレクトリを一時的に利用できません。しばらくしてから再度お試しください。',
    en: 'The office directory is temporarily unavailable. Please retry shortly.',
  });

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
