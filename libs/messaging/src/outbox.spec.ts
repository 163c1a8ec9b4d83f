import { groupByTopic } from './outbox';

describe('groupByTopic', () => {
  it('keeps commit order within each topic, topics in the order they first appear', () => {
    const rows = ['a1', 'a2', 'b1', 'a3', 'c1', 'b2'].map((id) => ({ id, topic: id[0] }));
    expect(groupByTopic(rows).map((g) => [g.topic, g.rows.map((r) => r.id)])).toEqual([
      ['a', ['a1', 'a2', 'a3']],
      ['b', ['b1', 'b2']],
      ['c', ['c1']],
    ]);
  });

  it('returns nothing for nothing', () => expect(groupByTopic([])).toEqual([]));
});
