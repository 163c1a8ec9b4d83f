import { createPublicKey, verify } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { buildBundle, CARE_OFFICE, HOME_HELP_OFFICE, withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, gatewayUrl, getJson, Office, samplePdf, seedOffice, submit } from './support/api';
import { readState } from './support/state';

interface Receipt {
  submissionId: string;
  sender: { officeNumber: string };
  receiver: { officeNumber: string };
  files: { name: string; size: number; sha256: string }[];
  steps: Record<string, string | null>;
  status: string;
  keyId: string;
  issuedAt: string;
}
interface Signed {
  receipt: Receipt;
  signature: string;
}

// The documented canonical form, written independently of the service: sorted keys, no whitespace.
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The JSON attached to the PDF (an /EmbeddedFile stream, Flate-compressed). */
function attachedJson(pdf: Buffer): Signed {
  const text = pdf.toString('latin1');
  const at = text.indexOf('/Type /EmbeddedFile');
  expect(at).toBeGreaterThan(0);
  const length = Number(/\/Length (\d+)/.exec(text.slice(at))![1]);
  const start = text.indexOf('stream\n', at) + 'stream\n'.length;
  return JSON.parse(inflateSync(pdf.subarray(start, start + length)).toString('utf8')) as Signed;
}

const postVerify = async (body: unknown) => {
  const res = await fetch(gatewayUrl('/v1/receipts/verify'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { valid: boolean; keyId: string | null; code?: string },
  };
};

describe('proof of exchange', () => {
  let sender: Office;
  let receiver: Office;
  let stranger: Office;
  let id: string;
  let publicKey: { keyId: string; algorithm: string; publicKeyPem: string };

  const receiptOf = (office: Office) => getJson<Signed>(office, `/v1/submissions/${id}/receipt`);

  beforeAll(async () => {
    sender = seedOffice(CARE_OFFICE, 'しんじゅく居宅介護支援事業所');
    receiver = seedOffice(HOME_HELP_OFFICE, 'ひまわり訪問介護');
    stranger = seedOffice(withOfficeCheckDigit('131990078'), '無関係の事業所');
    const files = [...buildBundle('plan'), { name: 'モニタリングシート.pdf', bytes: samplePdf() }];
    const res = await submit(sender, receiver.officeNumber, files);
    expect(res.status).toBe(202);
    id = ((await res.json()) as { id: string }).id;

    const inbox = await eventually(
      () =>
        getJson<{ items: { id: string; submissionId: string; files: { id: string }[] }[] }>(
          receiver,
          '/v1/inbox',
        ),
      (r) => r.body.items.some((i) => i.submissionId === id),
    );
    const entry = inbox.body.items.find((i) => i.submissionId === id)!;
    const download = await fetch(gatewayUrl(`/v1/inbox/${entry.id}/files/${entry.files[0].id}`), {
      headers: { 'x-api-key': receiver.apiKey },
    });
    expect(download.status).toBe(200);
    const ack = await fetch(gatewayUrl(`/v1/inbox/${entry.id}/ack`), {
      method: 'POST',
      headers: { 'x-api-key': receiver.apiKey },
    });
    expect(ack.status).toBe(200);
    await eventually(
      () => receiptOf(sender),
      (r) => r.status === 200 && r.body.receipt.status === 'acknowledged',
    );
    const key = await fetch(gatewayUrl('/v1/receipts/public-key'));
    expect(key.status).toBe(200);
    publicKey = (await key.json()) as typeof publicKey;
  });

  it('gives the sender a receipt with both parties, every file and every step', async () => {
    const { status, body } = await receiptOf(sender);
    expect(status).toBe(200);
    const r = body.receipt;
    expect(r).toMatchObject({
      submissionId: id,
      sender: { officeNumber: sender.officeNumber },
      receiver: { officeNumber: receiver.officeNumber },
      status: 'acknowledged',
      keyId: publicKey.keyId,
    });
    expect(r.files.map((f) => f.name)).toEqual([
      ...buildBundle('plan').map((f) => f.name),
      'モニタリングシート.pdf',
    ]);
    expect(r.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256) && f.size > 0)).toBe(true);
    for (const step of ['acceptedAt', 'validatedAt', 'deliveredAt', 'downloadedAt', 'acknowledgedAt'])
      expect(r.steps[step]).toEqual(expect.any(String));
    expect(r.steps.rejectedAt).toBeNull();
    expect(
      r.steps.acceptedAt! <= r.steps.deliveredAt! && r.steps.deliveredAt! <= r.steps.acknowledgedAt!,
    ).toBe(true);
  });

  it('signs the canonical JSON with Ed25519: verifiable offline and by the service, and not after one change', async () => {
    const { body } = await receiptOf(sender);
    expect(publicKey.algorithm).toBe('Ed25519');
    const key = createPublicKey(publicKey.publicKeyPem);
    const data = Buffer.from(canonical(body.receipt), 'utf8');
    expect(verify(null, data, key, Buffer.from(body.signature, 'base64'))).toBe(true);

    expect((await postVerify(body)).body).toEqual({ valid: true, keyId: publicKey.keyId });

    const sha = body.receipt.files[0].sha256;
    const flipped = `${sha[0] === 'a' ? 'b' : 'a'}${sha.slice(1)}`;
    const tampered = {
      ...body.receipt,
      files: [{ ...body.receipt.files[0], sha256: flipped }, ...body.receipt.files.slice(1)],
    };
    expect((await postVerify({ receipt: tampered, signature: body.signature })).body.valid).toBe(false);

    const sig = Buffer.from(body.signature, 'base64');
    sig[10] ^= 0x01;
    expect((await postVerify({ receipt: body.receipt, signature: sig.toString('base64') })).body.valid).toBe(
      false,
    );
    expect(
      (
        await postVerify({
          receipt: { ...body.receipt, keyId: '0000000000000000' },
          signature: body.signature,
        })
      ).body,
    ).toEqual({
      valid: false,
      keyId: '0000000000000000',
    });
  });

  it('gives the receiver the same proof, and nobody else', async () => {
    const mine = await receiptOf(sender);
    const theirs = await receiptOf(receiver);
    expect(theirs.status).toBe(200);
    const { issuedAt: _a, ...sameA } = mine.body.receipt;
    const { issuedAt: _b, ...sameB } = theirs.body.receipt;
    expect(sameB).toEqual(sameA);

    const other = await getJson<{ code: string }>(stranger, `/v1/submissions/${id}/receipt`);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('RECEIPT_NOT_FOUND');
    const pdf = await fetch(gatewayUrl(`/v1/submissions/${id}/receipt.pdf`), {
      headers: { 'x-api-key': stranger.apiKey },
    });
    expect(pdf.status).toBe(404);
    const unknown = await getJson<{ code: string }>(
      sender,
      '/v1/submissions/00000000-0000-4000-8000-000000000000/receipt',
    );
    expect(unknown.status).toBe(404);
    expect((await fetch(gatewayUrl(`/v1/submissions/${id}/receipt`))).status).toBe(401);
  });

  it('prints a PDF that carries the signed JSON, verifiable from the PDF bytes', async () => {
    const res = await fetch(gatewayUrl(`/v1/submissions/${id}/receipt.pdf`), {
      headers: { 'x-api-key': receiver.apiKey },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('(receipt.json)');

    const attached = attachedJson(pdf);
    expect(attached.receipt.submissionId).toBe(id);
    const key = createPublicKey(publicKey.publicKeyPem);
    expect(
      verify(null, Buffer.from(canonical(attached.receipt)), key, Buffer.from(attached.signature, 'base64')),
    ).toBe(true);

    expect((await postVerify({ pdf: pdf.toString('base64') })).body).toEqual({
      valid: true,
      keyId: publicKey.keyId,
    });
    const notOurs = await postVerify({ pdf: Buffer.from(samplePdf()).toString('base64') });
    expect(notOurs.status).toBe(422);
    expect(notOurs.body.code).toBe('RECEIPT_PDF_NO_ATTACHMENT');
    expect((await postVerify({})).body.code).toBe('RECEIPT_VERIFY_BODY_INVALID');
  });

  it('answers 422 at once to PDFs of thousands of embedded-file markers, four at a time', async () => {
    // Written tight, so that the PDF stays within the gateway's 1,000,000 base64 characters.
    const markers = (n: number, dict: string) => Buffer.from(dict.repeat(n));
    const junk = deflateSync(Buffer.alloc(1024 * 1024, 'x'));
    const shared = Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj\n'),
      markers(13_852, '/Type /EmbeddedFile\n'),
      Buffer.from(`<< /Filter /FlateDecode /Length ${junk.length} >>\nstream\n`),
      junk,
      Buffer.from('\nendstream\nendobj\n%%EOF\n'),
    ]).toString('base64');
    const noStream = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      markers(37_460, '/Type /EmbeddedFile\n'),
    ]).toString('base64');
    const started = Date.now();
    const answers = await Promise.all([shared, noStream, shared, noStream].map((pdf) => postVerify({ pdf })));
    const live = await fetch(`${readState().urls.archive}/health/live`);
    expect(live.status).toBe(200);
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([
      [422, 'RECEIPT_PDF_INVALID'],
      [422, 'RECEIPT_PDF_NO_ATTACHMENT'],
      [422, 'RECEIPT_PDF_INVALID'],
      [422, 'RECEIPT_PDF_NO_ATTACHMENT'],
    ]);
    // Each froze the archive's event loop for 13.5-18.5 s before.
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
