import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { buildReceipt, Receipt, ReceiptSourceRow } from './receipt.builder';
import { canonicalJson } from '@careplan/contracts';
import { configuredEd25519Key, ed25519KeyIdOf as keyIdOf } from '@careplan/persistence';
import { attachedReceiptJson, ReceiptPdfTooComplex, renderReceiptPdf } from './receipt.pdf';
import { deflateSync } from 'node:zlib';

const configuredKey = (pem: string) => configuredEd25519Key(pem, 'RECEIPT_SIGNING_KEY');

const SENDER = '1371201367';
const RECEIVER = '1371500420';
const SUBMISSION = '3f0c0000-0000-4000-8000-000000000000';
const DELIVERY = '4a0c0000-0000-4000-8000-000000000000';
const files = [
  {
    name: 'UPPLAN_202505_1371201367_43_1371500420_11_20250425103000.CSV',
    kind: 'csv',
    size: 5385,
    sha256: 'a'.repeat(64),
  },
];
const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 0, 0, s));
const row = (
  officeNumber: string,
  event: ReceiptSourceRow['event'],
  s: number,
  over: Partial<ReceiptSourceRow> = {},
): ReceiptSourceRow => ({
  officeNumber,
  counterpartOfficeNumber: officeNumber === SENDER ? RECEIVER : SENDER,
  role: officeNumber === SENDER ? 'sender' : 'receiver',
  event,
  deliveryId: null,
  files: [],
  occurredAt: at(s),
  ...over,
});

const fullExchange = [
  row(RECEIVER, 'downloaded', 4, { deliveryId: DELIVERY }),
  row(SENDER, 'sent', 0, { files }),
  row(SENDER, 'validated', 1),
  row(SENDER, 'delivered', 2, { deliveryId: DELIVERY, files }),
  row(RECEIVER, 'received', 2, { deliveryId: DELIVERY, files }),
  row(SENDER, 'downloaded', 4, { deliveryId: DELIVERY }),
  row(RECEIVER, 'downloaded', 6, { deliveryId: DELIVERY }),
  row(SENDER, 'acknowledged', 7, { deliveryId: DELIVERY }),
];

describe('buildReceipt', () => {
  it('names both parties, the files and the first time of each step, whoever asks', () => {
    const r = buildReceipt(SUBMISSION, fullExchange);
    expect(r).toMatchObject({
      submissionId: SUBMISSION,
      deliveryId: DELIVERY,
      sender: { officeNumber: SENDER },
      receiver: { officeNumber: RECEIVER },
      files,
      status: 'acknowledged',
    });
    expect(r.steps).toEqual({
      acceptedAt: at(0).toISOString(),
      validatedAt: at(1).toISOString(),
      rejectedAt: null,
      deliveredAt: at(2).toISOString(),
      downloadedAt: at(4).toISOString(),
      acknowledgedAt: at(7).toISOString(),
    });
    expect(buildReceipt(SUBMISSION, [...fullExchange].reverse())).toEqual(r);
  });

  it('names the sending actor when the history knows it, and only the sender side', () => {
    const staff = { type: 'staff' as const, id: '5b0c0000-0000-4000-8000-000000000000', label: 'yamada' };
    const reader = { type: 'key' as const, id: '6c0c0000-0000-4000-8000-000000000000', label: '受付PC' };
    const rows = fullExchange.map((r) =>
      r.event === 'sent'
        ? { ...r, actor: staff }
        : r.role === 'receiver' && r.event === 'downloaded'
          ? { ...r, actor: reader }
          : r,
    );
    const r = buildReceipt(SUBMISSION, rows);
    expect(r.sender).toEqual({ officeNumber: SENDER, actor: staff });
    expect(r.receiver).toEqual({ officeNumber: RECEIVER });
  });

  it('leaves the actor out entirely when the send named none (receipts as issued before actors)', () => {
    const r = buildReceipt(SUBMISSION, fullExchange);
    expect(r.sender).toEqual({ officeNumber: SENDER });
    expect('actor' in r.sender).toBe(false);
    expect(canonicalJson(r)).toContain('"sender":{"officeNumber":"1371201367"}');
  });

  it('tells a rejected send by its last step', () => {
    const r = buildReceipt(SUBMISSION, [row(SENDER, 'sent', 0, { files }), row(SENDER, 'rejected', 1)]);
    expect(r.status).toBe('rejected');
    expect(r.steps.deliveredAt).toBeNull();
  });
});

describe('receipt signature and PDF', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const key = configuredKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())!;
  const receipt: Receipt = {
    ...buildReceipt(SUBMISSION, fullExchange),
    issuedAt: at(9).toISOString(),
    keyId: key.keyId,
  };
  const signature = sign(null, Buffer.from(canonicalJson(receipt)), key.privateKey).toString('base64');

  it('derives the key id from the public key and refuses keys that are not Ed25519', () => {
    expect(key.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(key.keyId).toBe(keyIdOf(key.publicKey));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => configuredKey(rsa.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/Ed25519/);
    expect(() => configuredKey('not a key')).toThrow(/RECEIPT_SIGNING_KEY/);
    expect(configuredKey('')).toBeNull();
  });

  it('prints an A4 PDF that carries the signed JSON, which still verifies', async () => {
    const pdf = await renderReceiptPdf({ receipt, signature });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const attached = JSON.parse(attachedReceiptJson(pdf)!) as { receipt: Receipt; signature: string };
    expect(attached).toEqual({ receipt, signature });
    const data = Buffer.from(canonicalJson(attached.receipt));
    expect(verify(null, data, key.publicKey, Buffer.from(attached.signature, 'base64'))).toBe(true);
  });

  it('does not inflate an attachment beyond what a receipt can be (a deflate bomb on the open verify endpoint)', () => {
    const stream = (json: string) => {
      const deflated = deflateSync(Buffer.from(json, 'utf8'));
      return Buffer.concat([
        Buffer.from(
          `%PDF-1.4\n1 0 obj\n<< /Type /EmbeddedFile /Filter /FlateDecode /Length ${deflated.length} >>\nstream\n`,
        ),
        deflated,
        Buffer.from('\nendstream\nendobj\n%%EOF\n'),
      ]);
    };
    expect(attachedReceiptJson(stream('{"receipt":{},"signature":""}'))).toBe(
      '{"receipt":{},"signature":""}',
    );
    // 8 MiB of blanks deflate to some 8 KiB (a few MiB of input inflate to gigabytes): reading such a stream
    // whole would let any caller of the open verify endpoint exhaust the archive's memory.
    const bomb = attachedReceiptJson(stream(`{"receipt":{},"signature":""${' '.repeat(8 * 1024 * 1024)}}`));
    expect(bomb === null).toBe(true);
  });

  it('reads a PDF of many embedded-file markers in one pass and refuses it (the open verify endpoint)', () => {
    const markers = (n: number, dict: string) => Buffer.from(`${dict}\n`.repeat(n));
    const junk = deflateSync(Buffer.alloc(1024 * 1024, 'x'));
    const shared = Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj\n'),
      markers(13_852, `<< /Type /EmbeddedFile /Filter /FlateDecode /Length ${junk.length} >>`),
      Buffer.from('stream\n'),
      junk,
      Buffer.from('\nendstream\nendobj\n%%EOF\n'),
    ]);
    const noStream = Buffer.concat([Buffer.from('%PDF-1.4\n'), markers(37_460, '<< /Type /EmbeddedFile >>')]);
    const started = performance.now();
    expect(() => attachedReceiptJson(shared)).toThrow(ReceiptPdfTooComplex);
    expect(attachedReceiptJson(noStream)).toBeNull();
    // Both took 13.5-18.5 s before (a search to the end, or a 1 MiB inflate, per marker).
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('spends at most 2 MiB inflating, over all the attachments of one PDF', () => {
    const junk = deflateSync(Buffer.alloc(900 * 1024, 'x'));
    const attachment = Buffer.concat([
      Buffer.from(`1 0 obj\n<< /Type /EmbeddedFile /Filter /FlateDecode /Length ${junk.length} >>\nstream\n`),
      junk,
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), ...Array(n).fill(attachment)]);
    expect(attachedReceiptJson(pdf(2))).toBeNull();
    expect(() => attachedReceiptJson(pdf(3))).toThrow(ReceiptPdfTooComplex);
  });

  it('signs the sending actor, and a receipt issued before actors still verifies', async () => {
    const actor = { type: 'key' as const, id: '6c0c0000-0000-4000-8000-000000000000', label: '受付PC' };
    const rows = fullExchange.map((r) => (r.event === 'sent' ? { ...r, actor } : r));
    const withActor: Receipt = {
      ...buildReceipt(SUBMISSION, rows),
      issuedAt: at(9).toISOString(),
      keyId: key.keyId,
    };
    const bytes = Buffer.from(canonicalJson(withActor));
    expect(bytes.toString()).toContain(
      '"sender":{"actor":{"id":"6c0c0000-0000-4000-8000-000000000000","label":"受付PC","type":"key"},"officeNumber":"1371201367"}',
    );
    const signed = sign(null, bytes, key.privateKey);
    expect(verify(null, bytes, key.publicKey, signed)).toBe(true);
    // Changing who sent it breaks the signature: the actor is part of the proof.
    const forged = { ...withActor, sender: { ...withActor.sender, actor: { ...actor, label: '別PC' } } };
    expect(verify(null, Buffer.from(canonicalJson(forged)), key.publicKey, signed)).toBe(false);
    // The receipt of the top of this block, built without an actor, verifies as it did.
    expect(
      verify(null, Buffer.from(canonicalJson(receipt)), key.publicKey, Buffer.from(signature, 'base64')),
    ).toBe(true);
    const pdf = await renderReceiptPdf({ receipt: withActor, signature: signed.toString('base64') });
    expect(JSON.parse(attachedReceiptJson(pdf)!)).toEqual({
      receipt: withActor,
      signature: signed.toString('base64'),
    });
  });

  it('finds no receipt in a PDF without one', () => {
    expect(attachedReceiptJson(Buffer.from('%PDF-1.4\n%%EOF\n'))).toBeNull();
  });
});
