import type { DataSource } from 'typeorm';
import { ApiKeysRepository } from './api-keys.repository';
import { OfficesRepository } from './offices.repository';
import { OfficesService } from './offices.service';

/** For integration specs that build services by hand: the offices service over a data source. */
export function officesServiceOn(ds: DataSource): OfficesService {
  return new OfficesService(new OfficesRepository(ds), new ApiKeysRepository(ds));
}
