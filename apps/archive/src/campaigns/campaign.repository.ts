import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CampaignEntity } from './campaign.entity';

/**
 * Campaigns, always read in the caller's manager: the license rules read them inside the license's transaction.
 * Stateless, so the license lifecycle (run by the registry and the seed tool without a container) can hold one.
 */
@Injectable()
export class CampaignRepository {
  /** Highest priority first, then by code: the order the license rules pick a campaign in. */
  all(m: EntityManager): Promise<CampaignEntity[]> {
    return m.find(CampaignEntity, { order: { priority: 'DESC', code: 'ASC' } });
  }

  exists(m: EntityManager, code: string): Promise<boolean> {
    return m.exists(CampaignEntity, { where: { code } });
  }

  insert(m: EntityManager, fields: Omit<CampaignEntity, 'createdAt'>): Promise<CampaignEntity> {
    return m.save(m.create(CampaignEntity, fields));
  }
}
