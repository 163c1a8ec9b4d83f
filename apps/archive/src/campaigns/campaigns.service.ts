import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { problem } from '@careplan/platform';
import { Problems } from '@careplan/contracts';
import { advisoryLock } from '@careplan/persistence';
import { recordAudit } from '../audit/audit';
import { isCalendarDate } from '../licenses/calendar';
import { OperatorContext, requireCentral } from '../operators/operator-scope';
import { CampaignEntity } from './campaign.entity';
import { CampaignRepository } from './campaign.repository';
import { CampaignDto, CreateCampaignDto } from './dto/campaign.dto';

const invalid = (fields: string) => problem(Problems.CAMPAIGN_INVALID, { fields }, { fields });

/** Campaigns are data: created by central operators, read by the license rules. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
  ) {}

  async list(): Promise<CampaignDto[]> {
    return (await this.campaigns.all(this.dataSource.manager)).map(toCampaignDto);
  }

  async create(op: OperatorContext, dto: CreateCampaignDto): Promise<CampaignDto> {
    requireCentral(op);
    checkCampaign(dto);
    return this.dataSource.transaction(async (m) => {
      await advisoryLock(m, `campaign:${dto.code}`);
      if (await this.campaigns.exists(m, dto.code)) {
        throw problem(Problems.CAMPAIGN_EXISTS, { campaign: dto.code });
      }
      const row = await this.campaigns.insert(m, {
        ...dto,
        freeMonths: dto.freeMonths ?? null,
        freeFrom: dto.freeFrom ?? null,
        freeTo: dto.freeTo ?? null,
        priority: dto.priority ?? 0,
      });
      await recordAudit(m, op, 'campaign.create', dto.code, { ...dto });
      return toCampaignDto(row);
    });
  }
}

function checkCampaign(dto: CreateCampaignDto): void {
  const dates = [dto.appliesFrom, dto.appliesTo, dto.freeFrom, dto.freeTo].filter((d) => d !== undefined);
  if (!dates.every(isCalendarDate) || dto.appliesFrom > dto.appliesTo) {
    throw invalid('appliesFrom, appliesTo');
  }
  const hasFixed = dto.freeFrom !== undefined || dto.freeTo !== undefined;
  const valid =
    dto.freeMonths !== undefined
      ? !hasFixed
      : dto.freeFrom !== undefined && dto.freeTo !== undefined && dto.freeFrom <= dto.freeTo;
  if (!valid) {
    throw invalid('freeMonths, freeFrom, freeTo');
  }
}

function toCampaignDto(c: CampaignEntity): CampaignDto {
  return {
    code: c.code,
    nameJa: c.nameJa,
    nameEn: c.nameEn,
    appliesFrom: c.appliesFrom,
    appliesTo: c.appliesTo,
    freeMonths: c.freeMonths,
    freeFrom: c.freeFrom,
    freeTo: c.freeTo,
    priority: c.priority,
  };
}
