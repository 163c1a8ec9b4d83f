import { firstHourOf, hourBuckets, japanDayStart } from './overview.hours';

describe('the overview clock', () => {
  it('starts the day at midnight in Japan, also while it is still the day before in UTC', () => {
    expect(japanDayStart(new Date('2027-03-01T14:59:59Z'))).toEqual({
      day: '2027-03-01',
      start: new Date('2027-02-28T15:00:00Z'),
    });
    expect(japanDayStart(new Date('2027-03-01T15:00:00Z'))).toEqual({
      day: '2027-03-02',
      start: new Date('2027-03-01T15:00:00Z'),
    });
  });

  it('gives the 24 hours up to the current one, zero where nothing happened', () => {
    const first = firstHourOf(new Date('2027-03-01T10:42:00Z'));
    expect(first).toEqual(new Date('2027-02-28T11:00:00Z'));
    const buckets = hourBuckets(first, [
      { hour: new Date('2027-03-01T10:00:00Z'), submitted: 3, delivered: 2, failed: 1 },
    ]);
    expect(buckets).toHaveLength(24);
    expect(buckets[0]).toEqual({ hour: '2027-02-28T11:00:00.000Z', submitted: 0, delivered: 0, failed: 0 });
    expect(buckets[23]).toEqual({ hour: '2027-03-01T10:00:00.000Z', submitted: 3, delivered: 2, failed: 1 });
  });
});
