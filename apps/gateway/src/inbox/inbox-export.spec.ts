import { unzipSync } from 'fflate';
import { buildBundle } from '@careplan/spec/testing';
import { bundleZip } from './inbox-export';

/** General purpose flag of the local header of the entry at `offset`: bit 11 is "name is UTF-8". */
const flagAt = (zip: Buffer, offset: number) => zip.readUInt16LE(offset + 6);

describe('bundleZip', () => {
  it('keeps every file byte for byte under its name, Japanese names flagged as UTF-8', () => {
    const [plan] = buildBundle('plan');
    const files = [
      { name: plan.name, kind: 'csv', bytes: Buffer.from(plan.bytes) },
      { name: 'モニタリングシート.pdf', kind: 'attachment', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
    ];
    const zip = bundleZip(files, new Date('2025-05-01T10:00:00Z'));
    const back = unzipSync(zip);
    expect(Object.keys(back)).toEqual(files.map((f) => f.name));
    for (const f of files) expect(Buffer.from(back[f.name]).equals(f.bytes)).toBe(true);
    // The first entry (an ASCII name) starts at 0; the second follows its header, name and data.
    expect(flagAt(zip, 0) & 0x800).toBe(0);
    const second = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 4);
    expect(flagAt(zip, second) & 0x800).toBe(0x800);
    expect(zip.subarray(second + 30, second + 30 + 31).toString('utf8')).toBe('モニタリングシート.pdf');
  });

  it('is not confused by a file named like an object property', () => {
    const zip = bundleZip(
      [{ name: 'constructor.txt', kind: 'attachment', bytes: Buffer.from('x') }],
      new Date(),
    );
    expect(Object.keys(unzipSync(zip))).toEqual(['constructor.txt']);
  });
});
