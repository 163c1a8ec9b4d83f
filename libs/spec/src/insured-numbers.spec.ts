import { recordsToCsv } from './records';
import { buildBundle, buildFile, defaultRecords, fixtureFileName, rawFile, USERS } from './testing/fixtures';
import {
  INSURED_NUMBERS_READ_BYTES,
  INSURED_NUMBERS_READ_RECORDS,
  InsuredNumberSet,
  insuredNumbersIn,
  MAX_INSURED_NUMBERS,
} from './insured-numbers';
import { validateBundle, validateBundleWithInsuredNumbers } from './validate';

const sortedUsers = () => USERS.map((u) => u.insuredNo).sort();

describe('insured numbers of a bundle', () => {
  it('come with the validation, from the records it read anyway, the report unchanged', () => {
    const bundle = buildBundle('plan');
    const { report, insuredNumbers } = validateBundleWithInsuredNumbers(bundle);
    expect(insuredNumbers).toEqual({ insuredNumbers: sortedUsers(), truncated: false });
    expect(report).toEqual(validateBundle(bundle));
  });

  it('are read from the files when no validation gave them: standard CSV files only, once each, sorted', () => {
    expect(insuredNumbersIn(buildBundle('plan'))).toEqual({
      insuredNumbers: sortedUsers(),
      truncated: false,
    });
    expect(insuredNumbersIn([buildFile('UPJSK')]).insuredNumbers).toEqual([USERS[0].insuredNo]);
    const broken = rawFile(fixtureFileName('UPPLAN'), '"unterminated\r\n');
    const memo = { name: 'memo.txt', bytes: Buffer.from('0000123456') };
    expect(insuredNumbersIn([broken, memo]).insuredNumbers).toEqual([]);
  });

  it('keep at most MAX_INSURED_NUMBERS and say so', () => {
    const set = new InsuredNumberSet();
    for (let i = 0; i <= MAX_INSURED_NUMBERS; i++) set.add(String(i).padStart(10, '0'));
    set.add('x'.repeat(21)); // no 被保険者番号
    const { insuredNumbers, truncated } = set.result();
    expect(insuredNumbers).toHaveLength(MAX_INSURED_NUMBERS);
    expect(truncated).toBe(true);
  });

  it('read a 5,000,000-record file within bounds: the first records only, none kept', () => {
    const huge = {
      name: fixtureFileName('UPPLAN'),
      bytes: new Uint8Array(Buffer.from('1\n'.repeat(5_000_000))),
    };
    const heap = process.memoryUsage().heapUsed;
    // The record budget is spent on the huge file: the next file is not read at all.
    expect(insuredNumbersIn([huge, buildFile('UPJSK')])).toEqual({ insuredNumbers: [], truncated: true });
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(100 * 1024 * 1024);
  });

  it('read only the first bytes of a file', () => {
    const head = recordsToCsv('UPPLAN', defaultRecords('UPPLAN'));
    const wide = Buffer.from(`${'1,'.repeat(10)}"${'x'.repeat(INSURED_NUMBERS_READ_BYTES)}"\r\n`);
    const beyond = defaultRecords('UPPLAN').map((r) => ({ ...r, insuredNo: '9999999999' }));
    const tail = recordsToCsv('UPPLAN', beyond);
    const big = { name: fixtureFileName('UPPLAN'), bytes: new Uint8Array(Buffer.concat([head, wide, tail])) };
    expect(insuredNumbersIn([big])).toEqual({ insuredNumbers: sortedUsers(), truncated: true });
    expect(INSURED_NUMBERS_READ_RECORDS).toBeLessThanOrEqual(20_000);
  });
});
