import { dlqIdOf, parseDlqId, planPage } from './kafka-dlq.paging';

const A = 'careplan.a.v1.dlq';
const B = 'careplan.b.v1.dlq';
const ORDER = [A, B];
const marks = [
  { topic: A, partition: 0, low: 0, high: 3 },
  { topic: A, partition: 1, low: 0, high: 0 },
  { topic: A, partition: 2, low: 5, high: 7 },
  { topic: B, partition: 0, low: 0, high: 1 },
];

describe('planPage', () => {
  it('walks topics, partitions and offsets in order, skipping empty partitions and trimmed offsets', () => {
    expect(planPage(marks, ORDER, null, 4)).toEqual({
      ranges: [
        { topic: A, partition: 0, from: 0, to: 3 },
        { topic: A, partition: 2, from: 5, to: 6 },
      ],
      next: { topic: A, partition: 2, offset: 6 },
    });
  });

  it('continues from the cursor and ends with no next page', () => {
    expect(planPage(marks, ORDER, { topic: A, partition: 2, offset: 6 }, 4)).toEqual({
      ranges: [
        { topic: A, partition: 2, from: 6, to: 7 },
        { topic: B, partition: 0, from: 0, to: 1 },
      ],
      next: null,
    });
  });

  it('points the next page at the next partition that holds messages when a page ends on a partition end', () => {
    expect(planPage(marks, ORDER, null, 3).next).toEqual({ topic: A, partition: 2, offset: 5 });
  });

  it('starts at the low watermark when the cursor points at offsets the broker no longer holds', () => {
    expect(planPage(marks, ORDER, { topic: A, partition: 2, offset: 1 }, 1).ranges).toEqual([
      { topic: A, partition: 2, from: 5, to: 6 },
    ]);
  });
});

describe('dead-letter ids', () => {
  it('round-trip, and anything but <dlq topic>:<partition>:<offset> is refused', () => {
    const p = { topic: A, partition: 2, offset: 41 };
    expect(parseDlqId(dlqIdOf(p))).toEqual(p);
    for (const bad of ['careplan.a.v1:0:1', `${A}:0`, `${A}:x:1`, `${A}:0:-1`, ''])
      expect(parseDlqId(bad)).toBeNull();
  });
});
