import { gatewayUrl, Office, seedOffice } from './support/api';
import { createAdmin, officeNo, ops, registerLicensed } from './support/ops';

interface Entry {
  officeNumber: string;
  name: string;
  kind: string;
  connectedSince: string;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}
interface Problem {
  code: string;
}

async function vendor<T>(office: Office | null, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (office) headers['x-api-key'] = office.apiKey;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(gatewayUrl(path), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

// Prefecture 45 (宮崎) belongs to this file. District = office-number digits 4–5: 10 and 20 here.
const CONNECTED = officeNo('452100001');
const UNLICENSED = officeNo('452100002');
const OTHER_DISTRICT = officeNo('452200001');

describe('office directory for vendor software', () => {
  let admin: string;
  let caller: Office;
  let shy: Office;

  beforeAll(async () => {
    admin = createAdmin('ディレクトリ 担当');
    await registerLicensed(admin, CONNECTED, 'ひまわり訪問介護 宮崎');
    await registerLicensed(admin, OTHER_DISTRICT, 'あおぞら通所介護');
    await ops(admin, 'POST', '/ops/v1/offices', {
      officeNumber: UNLICENSED,
      name: '未契約の事業所',
      kind: '訪問介護',
    });
    caller = seedOffice(officeNo('452100003'), '宮崎居宅介護支援');
    shy = seedOffice(officeNo('452100004'), '非公開希望の事業所');
  });

  it('tells whether an exact office number can receive', async () => {
    const found = await vendor<Entry>(caller, 'GET', `/v1/directory/offices/${CONNECTED}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      officeNumber: CONNECTED,
      name: 'ひまわり訪問介護 宮崎',
      kind: '居宅介護支援',
      connectedSince: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const missing = await vendor<Problem>(caller, 'GET', `/v1/directory/offices/${UNLICENSED}`);
    expect([missing.status, missing.body.code]).toEqual([404, 'DIRECTORY_OFFICE_NOT_FOUND']);
    expect((await vendor<Problem>(null, 'GET', `/v1/directory/offices/${CONNECTED}`)).status).toBe(401);
  });

  it('searches by prefecture, district and name, pages with a cursor', async () => {
    const all = await vendor<Page>(caller, 'GET', '/v1/directory/offices?prefecture=45');
    expect(all.body.items.map((e) => e.officeNumber)).toEqual(
      [CONNECTED, caller.officeNumber, shy.officeNumber, OTHER_DISTRICT].sort(),
    );
    const district = await vendor<Page>(caller, 'GET', '/v1/directory/offices?prefecture=45&district=20');
    expect(district.body.items.map((e) => e.officeNumber)).toEqual([OTHER_DISTRICT]);
    const byName = await vendor<Page>(
      caller,
      'GET',
      // Within this file's prefecture: other test files register offices with the same words in their names.
      `/v1/directory/offices?prefecture=45&name=${encodeURIComponent('ひまわり')}`,
    );
    expect(byName.body.items.map((e) => e.officeNumber)).toEqual([CONNECTED]);

    const first = await vendor<Page>(caller, 'GET', '/v1/directory/offices?prefecture=45&limit=3');
    expect(first.body.items).toHaveLength(3);
    const rest = await vendor<Page>(
      caller,
      'GET',
      `/v1/directory/offices?prefecture=45&limit=3&cursor=${first.body.nextCursor ?? ''}`,
    );
    expect([...first.body.items, ...rest.body.items]).toEqual(all.body.items);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('lets an office leave the searchable list, and still answers its exact number', async () => {
    const put = await vendor<{ listed: boolean }>(shy, 'PUT', '/v1/directory/me', { listed: false });
    expect(put).toEqual({ status: 200, body: { officeNumber: shy.officeNumber, listed: false } });
    const list = await vendor<Page>(caller, 'GET', '/v1/directory/offices?prefecture=45');
    expect(list.body.items.map((e) => e.officeNumber)).not.toContain(shy.officeNumber);
    expect((await vendor<Entry>(caller, 'GET', `/v1/directory/offices/${shy.officeNumber}`)).status).toBe(
      200,
    );
  });

  it('drops an office once its license is suspended or it is deactivated', async () => {
    await ops(admin, 'POST', `/ops/v1/offices/${OTHER_DISTRICT}/license/suspend`);
    expect((await vendor(caller, 'GET', `/v1/directory/offices/${OTHER_DISTRICT}`)).status).toBe(404);
    await ops(admin, 'POST', `/ops/v1/offices/${CONNECTED}/deactivate`);
    expect((await vendor(caller, 'GET', `/v1/directory/offices/${CONNECTED}`)).status).toBe(404);
  });
});
