import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DeadLetterPageDto,
  DeadLetterQuery,
  PAGE_LIMIT_MAX,
  Problems,
  ReplayDeadLettersBody,
  ReplayResultDto,
  replaySelectionValid,
} from '@careplan/contracts';
import { problem } from '@careplan/platform';
import { recordAudit } from '../audit/audit';
import { OperatorContext, prefectureFilter } from '../operators/operator-scope';
import { RouterClient } from './router.client';

const SCAN_PAGES = 50;

/** Shared by every replay endpoint (webhook and Kafka dead letters): one code, one wording. */
export const replayInvalid = () => problem(Problems.REPLAY_INVALID);

/** Dead letters live in the router; operators see and replay only their prefecture's. */
@Injectable()
export class DeadLettersService {
  constructor(
    @Inject(RouterClient) private readonly router: RouterClient,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  list(op: OperatorContext, q: DeadLetterQuery): Promise<DeadLetterPageDto> {
    return this.router.deadLetters({ ...q, prefecture: prefectureFilter(op, q.prefecture) ?? undefined });
  }

  async replay(op: OperatorContext, dto: ReplayDeadLettersBody): Promise<ReplayResultDto> {
    if (!replaySelectionValid(dto)) throw replayInvalid();
    const prefecture = prefectureFilter(op, dto.prefecture);
    const ids = dto.ids ? await this.ownIds(prefecture, dto.ids) : null;
    // None of the ids is the operator's: nothing to replay (the router refuses an empty list).
    const result = ids
      ? ids.length > 0
        ? await this.router.replay({ ids })
        : { replayed: 0 }
      : await this.router.replay(prefecture ? { all: true, prefecture } : { all: true });
    await this.dataSource.transaction((m) =>
      recordAudit(
        m,
        op,
        'dead-letters.replay',
        ids ? ids.join(',') : 'all',
        { ...dto, ...result },
        prefecture,
      ),
    );
    return result;
  }

  /** Keeps the ids of the operator's prefecture: another prefecture's dead letters are not replayed. */
  private async ownIds(prefecture: string | null, ids: string[]): Promise<string[]> {
    if (prefecture === null) return ids;
    const wanted = new Set(ids);
    const own: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < SCAN_PAGES; i++) {
      const page = await this.router.deadLetters({ prefecture, cursor, limit: PAGE_LIMIT_MAX });
      own.push(...page.items.filter((d) => wanted.has(d.id)).map((d) => d.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return own;
  }
}
