import type { Readable } from 'node:stream';
import { AppException } from '@careplan/platform';
import { parseRecords } from '@careplan/spec';
import { buildBundle, buildFile } from '@careplan/spec/testing';
import { eventually } from '@careplan/testing';
import { recordsJson } from './records.stream';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppException) return e.code;
    throw e;
  }
  throw new Error('expected an AppException');
};

async function text(stream: Readable): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of stream) parts.push(String(chunk));
  return parts.join('');
}

describe('recordsJson', () => {
  it('renders a standard CSV file as parseRecords does: type, version and records', async () => {
    for (const f of [...buildBundle('plan'), buildFile('UPJSK'), ...buildBundle('careplan')]) {
      const out = JSON.parse(
        await text(recordsJson({ name: f.name, kind: 'csv', bytes: Buffer.from(f.bytes) })),
      );
      expect(out).toEqual(parseRecords(f));
    }
    const empty = buildFile('UPPLAN');
    const none = await text(recordsJson({ name: empty.name, kind: 'csv', bytes: Buffer.from('\r\n') }));
    expect(JSON.parse(none)).toEqual({ fileType: 'UPPLAN', csvVersion: null, records: [] });
  });

  it('refuses attachments and files that have no records with a code', () => {
    expect(code(() => recordsJson({ name: 'a.pdf', kind: 'attachment', bytes: Buffer.from('%PDF-') }))).toBe(
      'FILE_NOT_STANDARD_CSV',
    );
    expect(code(() => recordsJson({ name: 'notes.csv', kind: 'csv', bytes: Buffer.from('a,b\r\n') }))).toBe(
      'RECORDS_UNREADABLE',
    );
  });

  it('writes a 10 MB file record by record as it is read, never the whole JSON at once', async () => {
    const plan = buildFile('UPPLAN');
    const copies = Math.ceil((10 * 1024 * 1024) / plan.bytes.length);
    const bytes = Buffer.concat(Array.from({ length: copies }, () => Buffer.from(plan.bytes)));
    const stream = recordsJson({ name: plan.name, kind: 'csv', bytes });
    const iterator = stream[Symbol.asyncIterator]();
    let total = String((await iterator.next()).value).length;
    // A client that does not read: the output fills its buffer and the parser stops (back-pressure).
    await eventually(
      () => stream.readableLength,
      (n) => n >= stream.readableHighWaterMark,
      10_000,
      5,
    );
    // Bounded quiescence: 50 turns of the event loop give a stream that ignores back-pressure room to overrun.
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(stream.readableLength).toBeLessThan(1024 * 1024);
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) total += String(r.value).length;
    expect(total).toBeGreaterThan(30 * 1024 * 1024);
  });
});
