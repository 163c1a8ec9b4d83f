import { encodeMs932Lenient } from '@careplan/spec';
import { actorText, type HistoryItemDto } from '@careplan/contracts';
import type { HistoryEvent } from './history-record.entity';

export const CSV_ENCODINGS = ['utf-8', 'ms932'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export const EVENT_LABELS: Record<HistoryEvent, string> = {
  sent: '送信',
  validated: '検証OK',
  rejected: '差戻し',
  delivered: '配信済み',
  received: '受信',
  downloaded: 'ダウンロード',
  acknowledged: '取込完了',
};

const ROLE_LABELS = { sender: '送信元', receiver: '受信先' } as const;

export const CSV_HEADERS = [
  '日時',
  '区分',
  '区分コード',
  '役割',
  '事業所番号',
  '相手事業所番号',
  '送信ID',
  '配信ID',
  'ファイル種別',
  'ファイル名',
  'ファイル数',
  '被保険者番号',
  '操作者',
  '操作者ID',
  'ファイルID',
] as const;

/** "2026-11-26 11:34:26" in Japan time: what offices read and what spreadsheets sort. */
export function jstTimestamp(iso: string): string {
  const jst = new Date(new Date(iso).getTime() + 9 * 60 * 60 * 1000);
  return jst.toISOString().slice(0, 19).replace('T', ' ');
}

function cells(h: HistoryItemDto): string[] {
  return [
    jstTimestamp(h.occurredAt),
    EVENT_LABELS[h.event as HistoryEvent] ?? h.event,
    h.event,
    ROLE_LABELS[h.role],
    h.officeNumber,
    h.counterpartOfficeNumber,
    h.submissionId,
    h.deliveryId ?? '',
    h.fileTypes.join(' '),
    h.files.map((f) => f.name).join(' '),
    String(h.files.length),
    h.insuredNumbers.join(' '),
    actorText(h.actor),
    h.actor?.id ?? '',
    h.fileId ?? '',
  ];
}

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe:
 * file names come from the other office, and offices open these exports in Excel (CSV injection).
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// RFC 4180: quote a field holding a comma, quote or line break; double its quotes.
function field(value: string): string {
  const safe = neutralizeFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The history as CSV text: Japanese header row, CRLF after every row. */
export function historyCsvText(items: readonly HistoryItemDto[]): string {
  return [CSV_HEADERS as readonly string[], ...items.map(cells)]
    .map((r) => r.map(field).join(',') + '\r\n')
    .join('');
}

/** UTF-8 with a BOM (so Excel reads it as UTF-8) or MS932 (a character it cannot hold becomes 〓). */
export function encodeHistoryCsv(items: readonly HistoryItemDto[], encoding: CsvEncoding): Buffer {
  const text = historyCsvText(items);
  if (encoding === 'utf-8') return Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]);
  return encodeMs932Lenient(text);
}
