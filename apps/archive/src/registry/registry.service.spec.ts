import type { DataSource } from 'typeorm';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import type { OutboxRelay } from '@careplan/messaging';
import type { AppException } from '@careplan/platform';
import type { OperatorContext } from '../operators/operator-scope';
import { RegistryService } from './registry.service';
import { RegistryOfficeRepository } from './registry-office.repository';

const central: OperatorContext = { id: 'c', name: 'central', role: 'central', prefecture: null };
const tokyo: OperatorContext = { id: 't', name: 'tokyo', role: 'prefecture', prefecture: '13' };
// Refusals happen before any database access: the data source is never touched.
const service = new RegistryService({} as DataSource, {} as OutboxRelay, new RegistryOfficeRepository());

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'resolved',
    (e: AppException) => e.code,
  );
}

describe('RegistryService.create refusals', () => {
  it('refuses an office number whose check digit is wrong', async () => {
    const valid = withOfficeCheckDigit('471200001');
    const wrong = valid.slice(0, 9) + String((Number(valid[9]) + 1) % 10);
    expect(await codeOf(service.create(central, { officeNumber: wrong, name: 'x', kind: 'y' }))).toBe(
      'OFFICE_NUMBER_CHECK_DIGIT',
    );
  });

  it("refuses a prefecture operator another prefecture's office", async () => {
    const osaka = withOfficeCheckDigit('271200001');
    expect(await codeOf(service.create(tokyo, { officeNumber: osaka, name: 'x', kind: 'y' }))).toBe(
      'OPS_SCOPE',
    );
  });
});
