import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
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

/**
 * The signed JSON attached to a receipt PDF made by renderReceiptPdf, or null. Reads only what this service writes
 * (an /EmbeddedFile stream, Flate-compressed or not); a PDF rewritten by another program may need its own tools.
 */
export function attachedReceiptJson(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  for (
    let at = text.indexOf('/Type /EmbeddedFile');
    at >= 0;
    at = text.indexOf('/Type /EmbeddedFile', at + 1)
  ) {
    const streamAt = text.indexOf('stream', at);
    const dict = text.slice(at, streamAt);
    const length = /\/Length (\d+)/.exec(dict);
    if (streamAt < 0 || !length) continue;
    const start = streamAt + (text.startsWith('stream\r\n', streamAt) ? 8 : 7);
    const raw = pdf.subarray(start, start + Number(length[1]));
    try {
      // Bounded: the verify endpoint is open to anyone, and a few MiB of deflate inflate to gigabytes.
      const json = (
        dict.includes('/FlateDecode') ? inflateSync(raw, { maxOutputLength: MAX_ATTACHMENT_BYTES }) : raw
      ).toString('utf8');
      JSON.parse(json);
      return json;
    } catch {
      // not a JSON attachment: look further
    }
  }
  return null;
}
