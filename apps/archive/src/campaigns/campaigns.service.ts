import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '@careplan/platform';
import { advisoryLock } from '@careplan/persistence';
import { recordAudit } from '../audit/audit';
import { isCalendarDate } from '../licenses/calendar';
import { OperatorContext, requireCentral } from '../operators/operator-scope';
import { CampaignEntity } from './campaign.entity';
import { CampaignRepository } from './campaign.repository';
import { CampaignDto, CreateCampaignDto } from './dto/campaign.dto';

const invalid = (reason: { ja: string; en: string }) =>
  new AppException('CAMPAIGN_INVALID', HttpStatus.UNPROCESSABLE_ENTITY, reason);

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
        throw new AppException('CAMPAIGN_EXISTS', HttpStatus.CONFLICT, {
          ja: `キャンペーン「${dto.code}」は登録済みです。`,
          en: `Campaign ${dto.code} already exists.`,
        });
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
    throw invalid({ ja: '適用期間の日付が正しくありません。', en: 'The application period is not valid.' });
  }
  const hasFixed = dto.freeFrom !== undefined || dto.freeTo !== undefined;
  const valid =
    dto.freeMonths !== undefined
      ? !hasFixed
      : dto.freeFrom !== undefined && dto.freeTo !== undefined && dto.freeFrom <= dto.freeTo;
  if (!valid) {
    throw invalid({
      ja: '無料期間は freeMonths か freeFrom〜freeTo のどちらか一方で指定してください。',
      en: 'Give the free period either as freeMonths or as freeFrom and freeTo.',
    });
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
