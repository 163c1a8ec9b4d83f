import { groupConsecutiveByTopic } from './outbox';

describe('groupConsecutiveByTopic', () => {
  it('keeps commit order inside and across runs of one topic', () => {
    const rows = ['a1', 'a2', 'b1', 'a3'].map((id) => ({ id, topic: id[0] }));
    expect(groupConsecutiveByTopic(rows).map((g) => [g.topic, g.rows.map((r) => r.id)])).toEqual([
      ['a', ['a1', 'a2']],
      ['b', ['b1']],
      ['a', ['a3']],
    ]);
  });

  it('returns nothing for nothing', () => expect(groupConsecutiveByTopic([])).toEqual([]));
});
