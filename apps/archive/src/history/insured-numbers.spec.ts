import { buildBundle, buildFile, rawFile, USERS } from '@careplan/spec/testing';
import { insuredNumbersIn } from './insured-numbers';

describe('insuredNumbersIn', () => {
  it('collects the 被保険者番号 of every standard CSV file, once each, sorted', () => {
    expect(insuredNumbersIn(buildBundle('plan'))).toEqual(USERS.map((u) => u.insuredNo).sort());
  });

  it('reads only the users a file holds', () => {
    expect(insuredNumbersIn([buildFile('UPJSK')])).toEqual([USERS[0].insuredNo]);
  });

  it('skips attachments and files that cannot be parsed', () => {
    const broken = rawFile(
      'UPPLAN_202505_1371201367_43_1371500420_11_20250425103000.CSV',
      '"unterminated\r\n',
    );
    const memo = { name: 'memo.txt', bytes: Buffer.from('0000123456') };
    expect(insuredNumbersIn([broken, memo])).toEqual([]);
  });
});
