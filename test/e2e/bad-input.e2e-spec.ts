import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { gatewayUrl, Office, seedOffice } from './support/api';
import { Answer, answerOf } from './support/answers';
import { createAdmin } from './support/ops';
import { readState } from './support/state';

// Prefecture 38 (愛媛) belongs to this file: other e2e files use other prefectures.
const OFFICE = withOfficeCheckDigit('381200001');

const problem = (what: string, status: number, code: string) => ({
  what,
  status,
  contentType: 'application/problem+json; charset=utf-8',
  code,
});

/** A cursor as the services write them (base64url of `<ISO time>|<id>`), with any time in it. */
const cursor = (iso: string, id: string) => Buffer.from(`${iso}|${id}`, 'utf8').toString('base64url');
const OUT_OF_RANGE = [
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00.000Z',
  '0000-01-01T00:00:00.000Z',
  '+010000-01-01T00:00:00.000Z',
];

/** Nested JSON arrays, `depth` levels deep. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Sends raw bytes to a service's port and returns what came back before it closed the connection. */
function raw(base: string, request: string): Promise<{ status: number; contentType: string; code?: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, body = ''] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /^content-type:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? '';
      let code: string | undefined;
      try {
        code = (JSON.parse(body) as { code?: string }).code;
      } catch {
        code = undefined;
      }
      resolve({ status, contentType, code });
    });
    socket.end(request);
  });
}

describe('bad input answers a specific 4xx problem, never a 500', () => {
  let office: Office;
  let admin: string;
  const key = () => ({ 'x-api-key': office.apiKey });

  beforeAll(() => {
    office = seedOffice(OFFICE, '愛媛居宅');
    admin = createAdmin('愛媛 入力検査');
  });

  it('refuses a multipart content type without a usable boundary', async () => {
    const answers: Answer[] = [];
    for (const type of [
      'multipart/form-data',
      'multipart/form-data; boundary=',
      `multipart/form-data; boundary=${'b'.repeat(300)}`,
    ])
      for (const path of ['/v1/submissions', '/v1/validate'])
        answers.push(
          await answerOf(`${path} ${type.slice(0, 40)}`, gatewayUrl(path), {
            method: 'POST',
            headers: { ...key(), 'content-type': type },
            body: 'to=1&files=x',
          }),
        );
    expect(answers).toEqual(answers.map((a) => problem(a.what, 400, 'MULTIPART_BOUNDARY_INVALID')));
  });

  it('refuses cursors that name a time PostgreSQL cannot hold', async () => {
    const archive = readState().urls.archive;
    const answers: Answer[] = [];
    for (const iso of OUT_OF_RANGE)
      for (const id of [randomUUID(), '1']) {
        const c = cursor(iso, id);
        const what = `${iso} ${id}`;
        answers.push(
          await answerOf(`submissions ${what}`, gatewayUrl(`/v1/submissions?cursor=${c}`), {
            headers: key(),
          }),
          await answerOf(`inbox ${what}`, gatewayUrl(`/v1/inbox?cursor=${c}`), { headers: key() }),
          await answerOf(`history ${what}`, gatewayUrl(`/v1/history?cursor=${c}`), { headers: key() }),
          await answerOf(`audit ${what}`, `${archive}/ops/v1/audit?cursor=${c}`, {
            headers: { authorization: `Bearer ${admin}` },
          }),
        );
      }
    expect(
      answers.filter((a) => a.status !== 400 || !a.contentType.startsWith('application/problem+json')),
    ).toEqual([]);
    expect(new Set(answers.map((a) => a.code))).toEqual(new Set(['CURSOR_INVALID']));
  });

  it('refuses JSON nested deeper than 64 levels before it is read into objects', async () => {
    const json = (headers: Record<string, string> = {}) => ({
      ...headers,
      'content-type': 'application/json',
    });
    const archive = readState().urls.archive;
    const answers = [
      await answerOf('receipt verify, 5,000 levels', gatewayUrl('/v1/receipts/verify'), {
        method: 'POST',
        headers: json(),
        body: `{"receipt":${nested(5000)},"signature":"x"}`,
      }),
      await answerOf('keys, 50,000 levels', gatewayUrl('/v1/keys'), {
        method: 'POST',
        headers: json(key()),
        body: `{"label":${nested(50_000)}}`,
      }),
      await answerOf('webhook, 50,000 levels', gatewayUrl('/v1/webhook'), {
        method: 'PUT',
        headers: json(key()),
        body: `{"url":${nested(50_000)}}`,
      }),
      await answerOf('ops offices, 50,000 levels', `${archive}/ops/v1/offices`, {
        method: 'POST',
        headers: json({ authorization: `Bearer ${admin}` }),
        body: `{"name":${nested(50_000)}}`,
      }),
      await answerOf('keys, 65 levels', gatewayUrl('/v1/keys'), {
        method: 'POST',
        headers: json(key()),
        body: `{"label":${nested(64)}}`,
      }),
    ];
    expect(answers).toEqual([
      problem('receipt verify, 5,000 levels', 400, 'JSON_TOO_DEEP'),
      problem('keys, 50,000 levels', 400, 'JSON_TOO_DEEP'),
      problem('webhook, 50,000 levels', 400, 'JSON_TOO_DEEP'),
      problem('ops offices, 50,000 levels', 400, 'JSON_TOO_DEEP'),
      problem('keys, 65 levels', 400, 'JSON_TOO_DEEP'),
    ]);
    // 64 levels are still JSON that the route's validation judges.
    const shallow = await answerOf('keys, 64 levels', gatewayUrl('/v1/keys'), {
      method: 'POST',
      headers: json(key()),
      body: `{"label":${nested(63)}}`,
    });
    expect(shallow).toEqual(problem('keys, 64 levels', 400, 'BAD_REQUEST'));
  });

  it('refuses a NUL in a JSON string, which PostgreSQL cannot store', async () => {
    const res = await answerOf('label with NUL', gatewayUrl('/v1/keys'), {
      method: 'POST',
      headers: { ...key(), 'content-type': 'application/json' },
      body: '{"label":"a\\u0000b"}',
    });
    expect(res).toEqual(problem('label with NUL', 400, 'INVALID_CHARACTER'));
    // An escaped backslash before "u0000" is no NUL.
    const fine = await fetch(gatewayUrl('/v1/keys'), {
      method: 'POST',
      headers: { ...key(), 'content-type': 'application/json' },
      body: '{"label":"a\\\\u0000b"}',
    });
    expect(fine.status).toBe(201);
  });

  it("answers the HTTP parser's and the router's own refusals as problem+json", async () => {
    const base = gatewayUrl('');
    const type = 'application/problem+json; charset=utf-8';
    expect(await raw(base, 'BLAH\r\n\r\n')).toEqual({ status: 400, contentType: type, code: 'BAD_REQUEST' });
    expect(
      await raw(base, `GET /v1/inbox HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    ).toEqual({ status: 431, contentType: type, code: 'HEADERS_TOO_LARGE' });
    expect(await raw(base, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)).toEqual({
      status: 431,
      contentType: type,
      code: 'HEADERS_TOO_LARGE',
    });
    expect(
      await answerOf('long path parameter', gatewayUrl(`/v1/inbox/${'a'.repeat(200)}`), { headers: key() }),
    ).toEqual(problem('long path parameter', 414, 'URI_TOO_LONG'));
    expect(await answerOf('bad URL encoding', gatewayUrl('/v1/inbox/%zz'), { headers: key() })).toEqual(
      problem('bad URL encoding', 400, 'BAD_REQUEST'),
    );
  });
});
