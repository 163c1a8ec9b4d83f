import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException, InternalHttpClient, InternalHttpOptions } from '@careplan/platform';

export interface DirectoryEntry {
  officeNumber: string;
  name: string;
  kind: string;
  connectedSince: string;
}

export interface DirectoryPage {
  items: DirectoryEntry[];
  nextCursor: string | null;
}

export interface DirectorySearch {
  prefecture?: string;
  district?: string;
  name?: string;
  cursor?: string;
  limit?: number;
}

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

  get(officeNumber: string): Promise<DirectoryEntry> {
    return this.archive.json(`/internal/v1/directory/offices/${officeNumber}`);
  }

  search(q: DirectorySearch): Promise<DirectoryPage> {
    return this.archive.json('/internal/v1/directory/offices', { query: { ...q } });
  }

  setListed(officeNumber: string, listed: boolean): Promise<{ officeNumber: string; listed: boolean }> {
    return this.archive.json(`/internal/v1/directory/offices/${officeNumber}/listing`, {
      method: 'PUT',
      json: { listed },
    });
  }
}
