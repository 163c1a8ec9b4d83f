import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { gatewayUrl, Office, seedOffice, submit } from './support/api';
import { Answer, answerOf } from './support/answers';
import { createAdmin, ops } from './support/ops';

// Prefecture 43 (熊本) belongs to this file: other e2e files use other prefectures.
const SENDER = withOfficeCheckDigit('431200001');
const RECEIVER = withOfficeCheckDigit('431500001');

const send = (what: string, path: string, init: RequestInit, base = gatewayUrl('')): Promise<Answer> =>
  answerOf(what, `${base}${path}`, init);

/** A user's mistake is a 4xx problem+json with a code, never a 5xx. */
const isUserError = (a: Answer) =>
  a.status >= 400 && a.status < 500 && a.contentType.startsWith('application/problem+json') && !!a.code;

describe('gateway: odd input', () => {
  let office: Office;

  beforeAll(() => {
    office = seedOffice(SENDER, '熊本居宅');
    seedOffice(RECEIVER, '熊本訪問介護');
  });

  it('answers odd query values and bodies with a 4xx problem', async () => {
    const key = { 'x-api-key': office.apiKey };
    const json = { ...key, 'content-type': 'application/json' };
    const answers = await Promise.all([
      send('NUL in a directory name search', '/v1/directory/offices?name=a%00b', { headers: key }),
      send('huge limit', '/v1/inbox?limit=1e309', { headers: key }),
      send('garbage cursor', '/v1/submissions?cursor=%%%', { headers: key }),
      send('malformed JSON', '/v1/webhook', { method: 'PUT', headers: json, body: '{"url":' }),
      send('JSON array body', '/v1/keys', { method: 'POST', headers: json, body: '[]' }),
      send('wrong content type', '/v1/keys', {
        method: 'POST',
        headers: { ...key, 'content-type': 'text/plain' },
        body: 'label',
      }),
      send('NUL in a history filter', '/v1/history?fileType=%00', { headers: key }),
      send('bad UUID', '/v1/inbox/not-a-uuid', { headers: key }),
      send('bad encoding', '/v1/history.csv?encoding=latin1', { headers: key }),
      send('bad since', '/v1/inbox?since=2026-13-01', { headers: key }),
      send('bad office number', '/v1/directory/offices/..%2F..', { headers: key }),
      send('bad receipt id', '/v1/submissions/00000000-0000-0000-0000-00000000000g/receipt', {
        headers: key,
      }),
      send('array body', '/v1/webhook', { method: 'PUT', headers: json, body: '["http://x"]' }),
      send('number label', '/v1/keys', { method: 'POST', headers: json, body: '{"label":1e400}' }),
      send('history cursor', '/v1/history?cursor=AAAA', { headers: key }),
      send('JSON to submissions', '/v1/submissions', { method: 'POST', headers: json, body: '{}' }),
    ]);
    expect(answers.filter((a) => !isUserError(a))).toEqual([]);
  });

  it('answers odd multipart submissions with a 4xx problem', async () => {
    const form = (build: (f: FormData) => void) => {
      const f = new FormData();
      build(f);
      return f;
    };
    const post = (what: string, body: FormData) =>
      send(what, '/v1/submissions', { method: 'POST', headers: { 'x-api-key': office.apiKey }, body });
    const answers = [
      await post(
        'a name of dots',
        form((f) => {
          f.append('to', RECEIVER);
          f.append('files', new Blob([Buffer.from('x')]), '...');
        }),
      ),
      await post(
        'an empty part',
        form((f) => {
          f.append('to', RECEIVER);
          f.append('files', new Blob([]), 'memo.txt');
          f.append('files', new Blob([]), '');
        }),
      ),
      await post(
        'no files',
        form((f) => f.append('to', RECEIVER)),
      ),
      await post(
        'to with NUL',
        form((f) => {
          f.append('to', `${RECEIVER}\u0000`);
          f.append('files', new Blob([Buffer.from('x')]), 'a.txt');
        }),
      ),
    ];
    expect(answers.filter((a) => !isUserError(a))).toEqual([]);
    const check = (what: string, body: FormData) =>
      send(what, '/v1/validate', { method: 'POST', headers: { 'x-api-key': office.apiKey }, body });
    const validated = [
      await check(
        'validate: an empty part',
        form((f) => {
          f.append('to', RECEIVER);
          f.append('files', new Blob([]), '');
        }),
      ),
      await check(
        'validate: binary garbage named .csv',
        form((f) => {
          f.append('to', RECEIVER);
          f.append('files', new Blob([Buffer.from([0x00, 0xff, 0x81, 0x0d, 0x22, 0x22, 0x0a])]), 'x.csv');
        }),
      ),
      await check(
        'validate: a standard name with garbage',
        form((f) => {
          f.append('to', RECEIVER);
          f.append(
            'files',
            new Blob([Buffer.from([0x22, 0x81, 0x00, 0x2c, 0x22, 0xfc, 0xfc, 0x0d])]),
            `UPPLAN_202505_${SENDER}_43_${RECEIVER}_11_20250425103000.CSV`,
          );
        }),
      ),
    ];
    expect(validated.filter((a) => a.status >= 500)).toEqual([]);
    // Binary garbage named like a standard CSV is accepted at the door and rejected by the validator.
    const garbage = await submit(office, RECEIVER, [
      {
        name: `UPPLAN_202505_${SENDER}_43_${RECEIVER}_11_20250425103000.CSV`,
        bytes: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00, 0x1a, 0x80, 0x9f]),
      },
    ]);
    expect(garbage.status).toBe(202);
  });

  it('refuses a NUL in names an operator types, instead of a database error', async () => {
    const admin = createAdmin('熊本 レビュー');
    const office = withOfficeCheckDigit('431200009');
    const res = await ops<{ code: string }>(admin, 'POST', '/ops/v1/offices', {
      officeNumber: office,
      name: 'a\u0000b',
      kind: '居宅介護支援',
    });
    expect(res.status).toBe(400);
  });
});
