import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { actorText } from '@careplan/contracts';
import { jstTimestamp } from '../history/history.csv';
import type { Receipt, ReceiptSteps, SignedReceipt } from './receipt.builder';
import { RECEIPT_ALGORITHM } from './receipt-keys.service';

/** Name of the PDF attachment holding the signed JSON, so the printed receipt can be verified. */
export const RECEIPT_ATTACHMENT = 'receipt.json';

const MARGIN = 50;
const LABEL_WIDTH = 175;
const GAP = 10;
const JP = 'NotoSansJP';
const MONO = 'Courier';

// Noto Sans JP (SIL OFL 1.1) from the npm package @embedpdf/fonts-jp; pdfkit embeds only the glyphs used.
let fontBytes: Buffer | null = null;
function japaneseFont(): Buffer {
  fontBytes ??= readFileSync(
    join(dirname(require.resolve('@embedpdf/fonts-jp')), '..', 'fonts', 'NotoSansJP-Regular.otf'),
  );
  return fontBytes;
}

const STEP_LABELS: [keyof ReceiptSteps, string][] = [
  ['acceptedAt', '受付 Accepted'],
  ['validatedAt', '検証OK Validated'],
  ['rejectedAt', '差戻し Rejected'],
  ['deliveredAt', '配信 Delivered'],
  ['downloadedAt', 'ダウンロード Downloaded'],
  ['acknowledgedAt', '取込完了 Acknowledged'],
];

const STATUS_LABELS: Record<Receipt['status'], string> = {
  accepted: '受付済み accepted',
  validated: '検証OK validated',
  rejected: '差戻し rejected',
  delivered: '配信済み delivered',
  downloaded: 'ダウンロード済み downloaded',
  acknowledged: '取込完了 acknowledged',
};

const when = (iso: string | null) => (iso ? `${jstTimestamp(iso)} JST (${iso})` : '—');

/** Writes label/value rows and headings top to bottom, starting a new page when the current one is full. */
class Sheet {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private room(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN) this.doc.addPage();
  }

  heading(text: string): void {
    this.room(40);
    this.doc.moveDown(0.8).font(JP).fontSize(12).fillColor('#1f3864').text(text, MARGIN, this.doc.y);
    const y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(this.doc.page.width - MARGIN, y)
      .strokeColor('#1f3864')
      .stroke();
    this.doc.fillColor('black').moveDown(0.4);
  }

  row(label: string, value: string, mono = false): void {
    this.room(28);
    const top = this.doc.y;
    const valueX = MARGIN + LABEL_WIDTH + GAP;
    const valueWidth = this.doc.page.width - MARGIN - valueX;
    this.doc.font(JP).fontSize(9).fillColor('#444444').text(label, MARGIN, top, { width: LABEL_WIDTH });
    const afterLabel = this.doc.y;
    this.doc
      .font(mono ? MONO : JP)
      .fontSize(mono ? 8 : 9)
      .fillColor('black')
      .text(value, valueX, top, { width: valueWidth });
    this.doc.y = Math.max(afterLabel, this.doc.y) + 3;
  }

  note(text: string): void {
    this.room(40);
    this.doc.moveDown(0.6).font(JP).fontSize(8).fillColor('#444444');
    this.doc.text(text, MARGIN, this.doc.y, { width: this.doc.page.width - 2 * MARGIN });
  }
}

function writeContent(doc: PDFKit.PDFDocument, { receipt, signature }: SignedReceipt): void {
  doc.font(JP).fontSize(18).text('交換証明書  Proof of exchange', MARGIN, MARGIN);
  doc.fontSize(9).fillColor('#444444').text('ケアプランデータ連携 careplan-exchange');
  const sheet = new Sheet(doc);
  sheet.heading('送信 Submission');
  sheet.row('送信ID Submission ID', receipt.submissionId, true);
  sheet.row('配信ID Delivery ID', receipt.deliveryId ?? '—', true);
  sheet.row('送信元事業所番号 Sender office', receipt.sender.officeNumber);
  if (receipt.sender.actor) sheet.row('送信者 Sent by', actorText(receipt.sender.actor));
  sheet.row('受信先事業所番号 Receiver office', receipt.receiver.officeNumber);
  sheet.row('状態 Status', STATUS_LABELS[receipt.status]);
  sheet.heading('経過 Steps');
  for (const [key, label] of STEP_LABELS) sheet.row(label, when(receipt.steps[key]));
  sheet.heading(`ファイル Files (${receipt.files.length})`);
  receipt.files.forEach((f, i) => {
    sheet.row(`${i + 1}. ファイル名 Name`, f.name);
    sheet.row('    サイズ Size', `${f.size.toLocaleString('en-US')} bytes (${f.kind})`);
    sheet.row('    SHA-256', f.sha256, true);
  });
  sheet.heading('署名 Signature');
  sheet.row('発行日時 Issued at', when(receipt.issuedAt));
  sheet.row('方式 Algorithm', `${RECEIPT_ALGORITHM} over the canonical JSON (RFC 8785) of the receipt`);
  sheet.row('鍵ID Key ID', receipt.keyId, true);
  sheet.row('署名 Signature (base64)', signature, true);
  sheet.note(
    `このPDFには署名対象のJSON（${RECEIPT_ATTACHMENT}）が添付されています。POST /v1/receipts/verify、または ` +
      'GET /v1/receipts/public-key の公開鍵で検証できます。\n' +
      `This PDF carries the signed JSON as the attachment ${RECEIPT_ATTACHMENT}. Verify it with POST /v1/receipts/verify ` +
      'or offline with the public key from GET /v1/receipts/public-key.',
  );
}

/** A printable A4 receipt with Japanese and English labels and the signed JSON attached. */
export function renderReceiptPdf(signed: SignedReceipt): Promise<Buffer> {
  const issuedAt = new Date(signed.receipt.issuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `交換証明書 Proof of exchange ${signed.receipt.submissionId}`,
      Author: 'careplan-exchange',
      Subject: `submission ${signed.receipt.submissionId}`,
      Keywords: `keyId=${signed.receipt.keyId}`,
      CreationDate: issuedAt,
    },
  });
  doc.registerFont(JP, japaneseFont());
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  writeContent(doc, signed);
  doc.file(Buffer.from(JSON.stringify(signed), 'utf8'), {
    name: RECEIPT_ATTACHMENT,
    type: 'application/json',
    description: 'Signed receipt (receipt + Ed25519 signature)',
    creationDate: issuedAt,
    modifiedDate: issuedAt,
  });
  doc.end();
  return done;
}

/** Far more than a signed receipt takes (a few KiB), far less than memory. */
const MAX_ATTACHMENT_BYTES = 1024 * 1024;
/** What reading one PDF may inflate in all, over every attachment it holds. */
const INFLATE_BUDGET_BYTES = 2 * 1024 * 1024;
/** A receipt PDF holds one embedded file; a few more for a PDF that was re-saved by another program. */
const MAX_EMBEDDED_FILES = 64;
/** An embedded file's dictionary is a line; more between it and its stream is not one this service wrote. */
const MAX_DICTIONARY_CHARS = 4096;

const MARKER = '/Type /EmbeddedFile';

/** The PDF holds more embedded files, or more to inflate, than reading a receipt may cost. */
export class ReceiptPdfTooComplex extends Error {}

/** Inflates within what is left of the budget; counts what was spent, also on failure. */
class InflateBudget {
  private left = INFLATE_BUDGET_BYTES;

  read(raw: Buffer, deflated: boolean): Buffer | null {
    const limit = Math.min(MAX_ATTACHMENT_BYTES, this.left);
    let out: Buffer | null = raw;
    if (deflated) {
      try {
        out = inflateSync(raw, { maxOutputLength: limit });
      } catch {
        out = null; // beyond the limit (a deflate bomb) or corrupt
      }
    }
    this.spend(out?.length ?? limit);
    return out !== null && out.length <= MAX_ATTACHMENT_BYTES ? out : null;
  }

  private spend(bytes: number): void {
    this.left -= bytes;
    if (this.left <= 0) throw new ReceiptPdfTooComplex();
  }
}

/**
 * The signed JSON attached to a receipt PDF made by renderReceiptPdf, or null. Reads only what this service writes
 * (an /EmbeddedFile stream, Flate-compressed or not); a PDF rewritten by another program may need its own tools.
 * One pass over the bytes, each stream read once: the verify endpoint is open to anyone. Throws
 * ReceiptPdfTooComplex beyond MAX_EMBEDDED_FILES markers or INFLATE_BUDGET_BYTES inflated.
 */
export function attachedReceiptJson(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  const budget = new InflateBudget();
  let markers = 0;
  let streamAt = -1;
  let lastStream = -1;
  for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length)) {
    if (++markers > MAX_EMBEDDED_FILES) throw new ReceiptPdfTooComplex();
    // The next stream keyword after the marker: searched again only once the markers have passed it.
    if (streamAt < at) streamAt = text.indexOf('stream', at);
    if (streamAt < 0) return null;
    // Markers sharing a stream (or far from one) are not what renderReceiptPdf writes.
    if (streamAt === lastStream || streamAt - at > MAX_DICTIONARY_CHARS) continue;
    lastStream = streamAt;
    const json = streamJson(pdf, text, at, streamAt, budget);
    if (json !== null) return json;
  }
  return null;
}

function streamJson(
  pdf: Buffer,
  text: string,
  at: number,
  streamAt: number,
  budget: InflateBudget,
): string | null {
  const dict = text.slice(at, streamAt);
  const length = /\/Length (\d+)/.exec(dict);
  if (!length) return null;
  const start = streamAt + (text.startsWith('stream\r\n', streamAt) ? 8 : 7);
  const bytes = budget.read(pdf.subarray(start, start + Number(length[1])), dict.includes('/FlateDecode'));
  if (bytes === null) return null;
  const json = bytes.toString('utf8');
  try {
    JSON.parse(json);
    return json;
  } catch {
    return null; // not a JSON attachment: look further
  }
}
