import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { keysetPage, Page, PageRows } from '@careplan/platform';
import { runPrepared } from '@careplan/persistence';
import { GATEWAY_SCHEMA } from '../database/schema';
import { advanceParams, advanceStatusUpdate } from '../submissions/submissions.repository';
import { InboxState } from './dto/inbox.dto';
import { InboxEntryEntity } from './inbox-entry.entity';

// The entries of the steps' deliveries, then advanceStatuses's UPDATE: one statement for a batch.
const ADD_DELIVERIES = {
  name: 'gateway-add-deliveries',
  text: advanceStatusUpdate(
    'delivered',
    `entries AS (
    INSERT INTO "${GATEWAY_SCHEMA}"."inbox_entries"
        (id, submission_id, receiver_office_number, sender_office_number, delivered_at)
    SELECT delivery_id, id, receiver, sender, at FROM steps
    ON CONFLICT DO NOTHING
  )`,
  ),
};

const STATE_CONDITION: Record<InboxState, string> = {
  new: 'e.downloadedAt IS NULL AND e.acknowledgedAt IS NULL',
  downloaded: 'e.downloadedAt IS NOT NULL AND e.acknowledgedAt IS NULL',
  acknowledged: 'e.acknowledgedAt IS NOT NULL',
};

export type NewInboxEntry = Pick<
  InboxEntryEntity,
  'id' | 'submissionId' | 'receiverOfficeNumber' | 'senderOfficeNumber' | 'deliveredAt'
>;

/** What a receiver's inbox narrows to: its own entries, maybe since then, from one sender, in one state. */
export interface ReceiverFilter {
  receiver: string;
  since?: Date;
  from?: string;
  state?: InboxState;
}

/** A receipt step, recorded once in its own column. */
export type InboxStep = 'downloaded' | 'acknowledged';

/** The inbox_entries table: every statement on it. */
@Injectable()
export class InboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds the entry unless it is there already (a repeated delivered event). */
  /**
   * A delivery: its inbox entry (a repeated one adds nothing) and its submission marked delivered for the
   * sender, in one statement of the consumer's transaction.
   */
  /** The entries and their submissions' delivered status, in one statement; an entry is added once. */
  async addDeliveries(m: EntityManager, entries: NewInboxEntry[]): Promise<void> {
    const steps = entries.map((e) => ({
      submissionId: e.submissionId,
      at: e.deliveredAt,
      delivery: {
        id: e.id,
        receiverOfficeNumber: e.receiverOfficeNumber,
        senderOfficeNumber: e.senderOfficeNumber,
      },
    }));
    await runPrepared(m, ADD_DELIVERIES, advanceParams('delivered', steps));
  }

  async insertIfAbsent(m: EntityManager, entry: NewInboxEntry): Promise<void> {
    await m.createQueryBuilder().insert().into(InboxEntryEntity).values(entry).orIgnore().execute();
  }

  /** A page of the receiver's entries, newest first. */
  pageForReceiver<D>(
    f: ReceiverFilter,
    cursor: string | undefined,
    limit: number,
    toDto: PageRows<InboxEntryEntity, D>,
  ): Promise<Page<D>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(InboxEntryEntity, 'e')
      .where('e.receiverOfficeNumber = :office', { office: f.receiver });
    if (f.since) qb.andWhere('e.deliveredAt >= :since', { since: f.since });
    if (f.from) qb.andWhere('e.senderOfficeNumber = :from', { from: f.from });
    if (f.state) qb.andWhere(STATE_CONDITION[f.state]);
    return keysetPage(qb, 'deliveredAt', cursor, limit, toDto);
  }

  /** Null when there is none, or it is another receiver's. */
  findForReceiver(receiver: string, id: string): Promise<InboxEntryEntity | null> {
    return this.dataSource.manager.findOne(InboxEntryEntity, {
      where: { id, receiverOfficeNumber: receiver },
    });
  }

  /** Sets the step's timestamp if it is not set yet; true only for the call that set it. */
  async markStepOnce(m: EntityManager, id: string, step: InboxStep, at: Date): Promise<boolean> {
    const column = step === 'downloaded' ? 'downloaded_at' : 'acknowledged_at';
    const [, updated] = await m.query<[unknown[], number]>(
      `UPDATE "${GATEWAY_SCHEMA}"."inbox_entries" SET ${column} = $2 WHERE id = $1 AND ${column} IS NULL RETURNING id`,
      [id, at],
    );
    return updated > 0;
  }
}
