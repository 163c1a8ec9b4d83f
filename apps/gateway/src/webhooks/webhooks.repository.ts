import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WebhookEntity } from './webhook.entity';

/** The offices' webhook endpoints (one per office): every statement on their table. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sets the office's endpoint, replacing the one it had. */
  async upsert(m: EntityManager, officeNumber: string, url: string, createdAt: Date): Promise<void> {
    await m.upsert(WebhookEntity, { officeNumber, url, createdAt }, ['officeNumber']);
  }

  findByOffice(officeNumber: string): Promise<WebhookEntity | null> {
    return this.dataSource.manager.findOne(WebhookEntity, { where: { officeNumber } });
  }

  /** Removes the office's endpoint; false when it had none. */
  async deleteByOffice(m: EntityManager, officeNumber: string): Promise<boolean> {
    const result = await m.delete(WebhookEntity, { officeNumber });
    return Boolean(result.affected);
  }
}
