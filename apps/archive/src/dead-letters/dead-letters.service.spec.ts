import type { DataSource } from 'typeorm';
import type { OperatorContext } from '../operators/operator-scope';
import { DeadLettersService } from './dead-letters.service';
import type { DeadLetterDto, DeadLetterPageDto } from '@careplan/contracts';
import type { RouterClient } from './router.client';

const central: OperatorContext = { id: 'c', name: 'central', role: 'central', prefecture: null };
const okinawa: OperatorContext = { id: 'o', name: 'okinawa', role: 'prefecture', prefecture: '47' };
const letter = (id: string, officeNumber: string) => ({ id, officeNumber }) as DeadLetterDto;

/** A stand-in for the router's HTTP API (the real one is exercised end to end in webhooks.e2e-spec.ts). */
class FakeRouter {
  replays: unknown[] = [];
  pages: Record<string, DeadLetterPageDto> = {
    '': { items: [letter('a', '4712000019')], nextCursor: 'p2' },
    p2: { items: [letter('b', '4715000011')], nextCursor: null },
  };
  deadLetters(q: { prefecture?: string; cursor?: string }): Promise<DeadLetterPageDto> {
    return Promise.resolve(
      q.prefecture === '47' ? this.pages[q.cursor ?? ''] : { items: [], nextCursor: null },
    );
  }
  replay(body: unknown): Promise<{ replayed: number }> {
    this.replays.push(body);
    return Promise.resolve({ replayed: 1 });
  }
}

describe('DeadLettersService', () => {
  let router: FakeRouter;
  let service: DeadLettersService;
  const audited: unknown[] = [];

  beforeEach(() => {
    router = new FakeRouter();
    const ds = {
      transaction: (work: (m: unknown) => Promise<void>) =>
        work({ save: (r: unknown) => audited.push(r), create: (_: unknown, r: unknown) => r }),
    };
    service = new DeadLettersService(router as unknown as RouterClient, ds as unknown as DataSource);
  });

  it("replays only the prefecture's own dead letters for a prefecture operator", async () => {
    await service.replay(okinawa, { ids: ['a', 'b', 'from-osaka'] });
    expect(router.replays).toEqual([{ ids: ['a', 'b'] }]);
  });

  it('replays all of the own prefecture, or everything for a central administrator', async () => {
    await service.replay(okinawa, { all: true });
    await service.replay(central, { all: true });
    expect(router.replays).toEqual([{ all: true, prefecture: '47' }, { all: true }]);
    expect(audited).not.toHaveLength(0);
  });

  it('refuses another prefecture and an ambiguous request', async () => {
    await expect(service.replay(okinawa, { all: true, prefecture: '27' })).rejects.toMatchObject({
      code: 'OPS_SCOPE',
    });
    await expect(service.replay(central, { all: true, ids: ['a'] })).rejects.toMatchObject({
      code: 'REPLAY_INVALID',
    });
    await expect(service.replay(central, {})).rejects.toMatchObject({ code: 'REPLAY_INVALID' });
    expect(router.replays).toEqual([]);
  });
});
