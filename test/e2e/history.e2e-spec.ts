import { decodeMs932 } from '@careplan/spec';
import {
  buildBundle,
  buildFile,
  CARE_OFFICE,
  DEFAULT_PARTIES,
  EQUIPMENT_OFFICE,
  HOME_HELP_OFFICE,
  hosokuRecords,
  USERS,
  withOfficeCheckDigit,
} from '@careplan/spec/testing';
import { eventually, gatewayUrl, getJson, Office, seedOffice, submit } from './support/api';

interface HistoryItem {
  event: string;
  role: string;
  submissionId: string;
  counterpartOfficeNumber: string;
  fileTypes: string[];
  insuredNumbers: string[];
  occurredAt: string;
}
interface HistoryPage {
  items: HistoryItem[];
  nextCursor: string | null;
}

/** Clock separation only (the filter bounds must fall strictly between two submissions' timestamps), never a
 * wait for the system: what the services did is awaited with `eventually`. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('office history: shared by every key of an office, filtered, exported', () => {
  let careKey1: Office;
  let careKey2: Office;
  let homeHelp: Office;
  let equipment: Office;
  let stranger: Office;
  // A: care office → home help, plan bundle (3 users). B: care office → equipment, 補足情報 of one user.
  let a: string;
  let b: string;
  let t0: string;
  let tMid: string;
  let tEnd: string;

  const history = (office: Office, query = '') =>
    getJson<HistoryPage>(office, `/v1/history?limit=200&${query}`).then((r) => r.body);
  const mine = (page: HistoryPage) => page.items.filter((h) => h.submissionId === a || h.submissionId === b);
  const status = (id: string) =>
    getJson<{ status: string }>(careKey1, `/v1/submissions/${id}`).then((r) => r.body.status);
  const has = (page: HistoryPage, id: string, event: string) =>
    page.items.some((h) => h.submissionId === id && h.event === event);

  beforeAll(async () => {
    careKey1 = seedOffice(CARE_OFFICE, 'しんじゅく居宅介護支援事業所');
    careKey2 = seedOffice(CARE_OFFICE);
    homeHelp = seedOffice(HOME_HELP_OFFICE, 'ひまわり訪問介護');
    equipment = seedOffice(EQUIPMENT_OFFICE, 'さくら福祉用具');
    stranger = seedOffice(withOfficeCheckDigit('131990077'), '無関係の事業所');
    expect(careKey2.apiKey).not.toBe(careKey1.apiKey);

    t0 = new Date(Date.now() - 1000).toISOString();
    const resA = await submit(careKey1, homeHelp.officeNumber, buildBundle('plan'));
    expect(resA.status).toBe(202);
    a = ((await resA.json()) as { id: string }).id;
    await eventually(
      () => status(a),
      (s) => s === 'delivered',
    );
    await eventually(
      () => history(careKey1),
      (p) => has(p, a, 'delivered') && has(p, a, 'sent'),
    );
    await sleep(50);
    tMid = new Date().toISOString();
    await sleep(50);

    const partiesB = { ...DEFAULT_PARTIES, receiver: equipment.officeNumber, receiverKind: '17' };
    const hosoku = buildFile('UPHOSOKU', {
      parties: partiesB,
      records: hosokuRecords(USERS.slice(0, 1), partiesB),
    });
    const resB = await submit(careKey2, equipment.officeNumber, [hosoku]);
    expect(resB.status).toBe(202);
    b = ((await resB.json()) as { id: string }).id;
    // B's last step is either delivered or rejected: wait for the archive to have it, so the history is settled.
    await eventually(
      () => history(careKey1),
      (p) => has(p, b, 'sent') && (has(p, b, 'delivered') || has(p, b, 'rejected')),
    );
    await eventually(
      () => history(homeHelp),
      (p) => has(p, a, 'received'),
    );
    await sleep(50);
    tEnd = new Date().toISOString();
  });

  it('is the same history for both keys of the office, and invisible to other offices', async () => {
    const one = mine(await history(careKey1));
    const two = mine(await history(careKey2));
    expect(one.length).toBeGreaterThanOrEqual(5);
    expect(two).toEqual(one);
    expect(
      one
        .filter((h) => h.event === 'sent')
        .map((h) => h.submissionId)
        .sort(),
    ).toEqual([a, b].sort());

    expect(mine(await history(stranger))).toEqual([]);
    const receiver = mine(await history(homeHelp));
    expect(receiver.map((h) => [h.submissionId, h.event])).toContainEqual([a, 'received']);
    expect(receiver.some((h) => h.submissionId === b)).toBe(false);
  });

  it('filters by counterpart', async () => {
    const page = await history(careKey1, `counterpart=${equipment.officeNumber}&from=${t0}`);
    expect(page.items.every((h) => h.counterpartOfficeNumber === equipment.officeNumber)).toBe(true);
    expect(has(page, b, 'sent')).toBe(true);
    expect(page.items.some((h) => h.submissionId === a)).toBe(false);
  });

  it('filters by file type, on every step of a submission', async () => {
    const plan = await history(careKey1, `fileType=UPPLAN&from=${t0}`);
    expect(plan.items.every((h) => h.fileTypes.includes('UPPLAN'))).toBe(true);
    expect(has(plan, a, 'sent') && has(plan, a, 'validated') && has(plan, a, 'delivered')).toBe(true);
    expect(plan.items.some((h) => h.submissionId === b)).toBe(false);

    const hosoku = await history(careKey1, `fileType=uphosoku&from=${t0}`);
    expect(has(hosoku, a, 'sent') && has(hosoku, b, 'sent')).toBe(true);
  });

  it('filters by 被保険者番号 read from the CSV files, for the sender and the receiver', async () => {
    const third = USERS[2].insuredNo;
    const onlyA = await history(careKey1, `insuredNo=${third}&from=${t0}`);
    expect(onlyA.items.every((h) => h.insuredNumbers.includes(third))).toBe(true);
    expect(has(onlyA, a, 'sent') && has(onlyA, a, 'validated')).toBe(true);
    expect(onlyA.items.some((h) => h.submissionId === b)).toBe(false);

    const first = await history(careKey1, `insuredNo=${USERS[0].insuredNo}&from=${t0}`);
    expect(has(first, a, 'sent') && has(first, b, 'sent')).toBe(true);

    const receiver = await history(homeHelp, `insuredNo=${third}&from=${t0}`);
    expect(has(receiver, a, 'received')).toBe(true);
    expect(mine(await history(homeHelp, `insuredNo=0000000000&from=${t0}`))).toEqual([]);
  });

  it('filters by period', async () => {
    const before = await history(careKey1, `from=${t0}&to=${tMid}`);
    expect(has(before, a, 'sent')).toBe(true);
    expect(before.items.some((h) => h.submissionId === b)).toBe(false);
    expect(before.items.every((h) => h.occurredAt >= t0 && h.occurredAt <= tMid)).toBe(true);

    const after = await history(careKey1, `from=${tMid}`);
    expect(has(after, b, 'sent')).toBe(true);
    expect(has(after, a, 'sent')).toBe(false);

    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10); // a JST date
    expect(has(await history(careKey1, `from=${today}&to=${today}`), a, 'sent')).toBe(true);
    expect(mine(await history(careKey1, 'to=2020-01-01'))).toEqual([]);
  });

  it('filters by one or several events', async () => {
    const sent = await history(careKey1, `event=sent&from=${t0}`);
    expect(sent.items.every((h) => h.event === 'sent')).toBe(true);
    expect(has(sent, a, 'sent') && has(sent, b, 'sent')).toBe(true);

    const two = await history(careKey1, `event=sent,delivered&from=${t0}`);
    expect(two.items.every((h) => h.event === 'sent' || h.event === 'delivered')).toBe(true);
    expect(has(two, a, 'delivered') && has(two, a, 'sent')).toBe(true);
    expect(has(two, a, 'validated')).toBe(false);
  });

  it('refuses a wrong filter with a stable code naming it', async () => {
    const res = await getJson<{ code: string; parameter: string; message: { ja: string } }>(
      careKey1,
      '/v1/history?event=lost',
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'HISTORY_FILTER_INVALID', parameter: 'event' });
    expect(res.body.message.ja).toContain('event');
    expect((await getJson<{ code: string }>(careKey1, '/v1/history.csv?encoding=latin1')).body.code).toBe(
      'HISTORY_EXPORT_ENCODING_INVALID',
    );
  });

  it('exports the same rows as CSV in UTF-8 (BOM) and MS932', async () => {
    const query = `from=${t0}&to=${tEnd}`;
    const csv = async (encoding: string) => {
      const res = await fetch(gatewayUrl(`/v1/history.csv?${query}&encoding=${encoding}`), {
        headers: { 'x-api-key': careKey2.apiKey },
      });
      expect(res.status).toBe(200);
      return { type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const utf8 = await csv('utf-8');
    const ms932 = await csv('ms932');
    expect(utf8.type).toContain('utf-8');
    expect(ms932.type).toContain('Windows-31J');
    expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = utf8.bytes.subarray(3).toString('utf8');
    expect(decodeMs932(ms932.bytes)).toBe(text);

    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines[0].split(',').slice(0, 7)).toEqual([
      '日時',
      '区分',
      '区分コード',
      '役割',
      '事業所番号',
      '相手事業所番号',
      '送信ID',
    ]);
    const rows = lines.slice(1);
    expect(rows).toHaveLength((await history(careKey1, query)).items.length);
    const sentA = rows.find((r) => r.includes(a) && r.includes(',sent,'));
    expect(sentA?.split(',').slice(1, 6)).toEqual(['送信', 'sent', '送信元', CARE_OFFICE, HOME_HELP_OFFICE]);
    expect(sentA).toContain(USERS[2].insuredNo);
  });
});
