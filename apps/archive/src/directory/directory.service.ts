import { Injectable } from '@nestjs/common';

import {
  DirectoryEntryDto,
  DirectoryPageDto,
  DirectoryQuery,
  ListingDto,
  pageLimit,
  Problems,
} from '@careplan/contracts';
import { problem } from '@careplan/platform';

import { RegistryErrors } from '../registry/registry.errors';
import { ConnectedOffice, DirectoryRepository } from './directory.repository';

const notConnected = (officeNumber: string) =>
  problem(Problems.DIRECTORY_OFFICE_NOT_FOUND, { officeNumber }, { officeNumber });

/** Offices that can receive through the exchange: active, with an active license. */
@Injectable()
export class DirectoryService {
  constructor(private readonly directory: DirectoryRepository) {}

  /** An exact number always answers, even for an office that opted out of the searchable list. */
  async get(officeNumber: string): Promise<DirectoryEntryDto> {
    const connected = await this.directory.findConnected(officeNumber);
    if (!connected) throw notConnected(officeNumber);
    return toEntry(connected);
  }

  async list(q: DirectoryQuery): Promise<DirectoryPageDto> {
    const page = await this.directory.pageListed(q, q.cursor, pageLimit(q));
    return { ...page, items: page.items.map(toEntry) };
  }

  /** The office's own choice (from its vendor software, through the gateway). */
  async setListed(officeNumber: string, listed: boolean): Promise<ListingDto> {
    if (!(await this.directory.setListed(officeNumber, listed))) throw RegistryErrors.notFound(officeNumber);
    return { officeNumber, listed };
  }
}

function toEntry({ office, connectedSince }: ConnectedOffice): DirectoryEntryDto {
  return { officeNumber: office.officeNumber, name: office.name, kind: office.kind, connectedSince };
}
