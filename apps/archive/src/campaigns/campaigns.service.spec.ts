import type { DataSource } from 'typeorm';
import type { OperatorContext } from '../operators/operator-scope';
import { CampaignRepository } from './campaign.repository';
import { CampaignsService } from './campaigns.service';
import type { CreateCampaignDto } from './dto/campaign.dto';

const central: OperatorContext = { id: 'c', name: 'central', role: 'central', prefecture: null };
const okinawa: OperatorContext = { id: 'o', name: 'okinawa', role: 'prefecture', prefecture: '47' };
// Refusals happen before any database access.
const service = new CampaignsService({} as DataSource, new CampaignRepository());
const base: CreateCampaignDto = {
  code: 'FY2027_WAIVER',
  nameJa: '令和9年度 免除',
  nameEn: 'FY2027 waiver',
  appliesFrom: '2027-04-01',
  appliesTo: '2028-03-31',
  freeFrom: '2027-04-01',
  freeTo: '2028-03-31',
};

describe('CampaignsService.create refusals', () => {
  it('is for central administrators only', async () => {
    await expect(service.create(okinawa, base)).rejects.toMatchObject({ code: 'OPS_ROLE' });
  });

  it.each<[string, Partial<CreateCampaignDto>]>([
    ['both kinds of free period', { freeMonths: 12 }],
    ['no free period', { freeFrom: undefined, freeTo: undefined }],
    ['a reversed free period', { freeFrom: '2028-03-31', freeTo: '2027-04-01' }],
    ['a reversed application period', { appliesFrom: '2028-04-01' }],
    ['a day that does not exist', { appliesTo: '2027-02-30' }],
  ])('refuses %s', async (_, change) => {
    await expect(service.create(central, { ...base, ...change })).rejects.toMatchObject({
      code: 'CAMPAIGN_INVALID',
    });
  });
});
