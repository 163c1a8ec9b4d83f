import { verifyReceipt } from '@careplan/client';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, gatewayUrl, Office, seedOffice, submit, Upload } from './support/api';
import { createAdmin, ops } from './support/ops';
import { call, planFor } from './support/vendor';

interface Actor {
  type: 'key' | 'staff' | 'operator';
  id: string;
  label: string;
}
interface HistoryItem {
  event: string;
  submissionId: string;
  actor: Actor | null;
  fileId: string | null;
  occurredAt: string;
}
interface Signed {
  receipt: { sender: { officeNumber: string; actor?: Actor }; receiver: Record<string, unknown> } & Record<
    string,
    unknown
  >;
  signature: string;
}
interface AuditEntry {
  action: string;
  origin: string;
  actor: Actor | null;
  target: { type: string; id: string; label: string };
}
interface Problem {
  code: string;
}

const PASSWORD = '送信者の記録-e2e-2027';

/** A multipart bundle sent with an access token (Authorization: Bearer) instead of a key. */
async function submitWithToken(token: string, to: string, files: Upload[]): Promise<Response> {
  const form = new FormData();
  form.append('to', to);
  for (const f of files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
  return fetch(gatewayUrl('/v1/submissions'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

describe('who did what: actors in the history, the receipt and the audit trail (real services)', () => {
  let sender: Office;
  let receiver: Office;
  let other: Office;
  let senderKey: Actor;
  let receiverKey: Actor;
  let staff: Actor;
  let staffToken: string;
  let memberKey: string;
  let memberActor: Actor;
  let byStaff: string;
  let byKey: string;

  /** The office's own key as it is named: the id of /v1/me, the label of /v1/keys. */
  const keyActorOf = async (office: Office): Promise<Actor> => {
    const id = (await call<{ keyId: string }>(office.apiKey, 'GET', '/v1/me')).body.keyId;
    const keys = await call<{ items: { id: string; label: string }[] }>(office.apiKey, 'GET', '/v1/keys');
    return { type: 'key', id, label: keys.body.items.find((k) => k.id === id)!.label };
  };
  /** The receiver's inbox entry of a submission, once it has been delivered. */
  const inboxEntryOf = (submissionId: string) =>
    eventually(
      async () =>
        (
          await call<{ items: { id: string; submissionId: string; files: { id: string }[] }[] }>(
            receiver.apiKey,
            'GET',
            '/v1/inbox',
          )
        ).body.items.find((i) => i.submissionId === submissionId),
      (found) => found !== undefined,
    );
  const historyOf = async (office: Office, query = '') =>
    (await call<{ items: HistoryItem[] }>(office.apiKey, 'GET', `/v1/history?limit=200${query}`)).body.items;

  beforeAll(async () => {
    sender = seedOffice(withOfficeCheckDigit('137129901'), '操作者 テスト居宅');
    receiver = seedOffice(withOfficeCheckDigit('137129902'), '操作者 テスト訪問介護');
    other = seedOffice(withOfficeCheckDigit('137129903'), '操作者 テスト別事業所');
    senderKey = await keyActorOf(sender);
    receiverKey = await keyActorOf(receiver);

    const created = await call<{ id: string }>(sender.apiKey, 'POST', '/v1/staff', {
      loginId: 'yamada',
      displayName: '山田 花子',
      role: 'member',
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    staff = { type: 'staff', id: created.body.id, label: 'yamada' };
    const signedIn = await fetch(gatewayUrl('/v1/auth/sign-in'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ officeNumber: sender.officeNumber, loginId: 'yamada', password: PASSWORD }),
    });
    expect(signedIn.status).toBe(200);
    staffToken = ((await signedIn.json()) as { access_token: string }).access_token;

    const issued = await call<{ id: string; key: string }>(sender.apiKey, 'POST', '/v1/keys', {
      label: '送信PC',
    });
    expect(issued.status).toBe(201);
    memberKey = issued.body.key;
    memberActor = { type: 'key', id: issued.body.id, label: '送信PC' };

    const first = await submitWithToken(
      staffToken,
      receiver.officeNumber,
      planFor(sender.officeNumber, receiver.officeNumber, '20250425140001'),
    );
    expect(first.status).toBe(202);
    byStaff = ((await first.json()) as { id: string }).id;
    const second = await submit(
      { officeNumber: sender.officeNumber, apiKey: memberKey },
      receiver.officeNumber,
      planFor(sender.officeNumber, receiver.officeNumber, '20250425140002'),
    );
    expect(second.status).toBe(202);
    byKey = ((await second.json()) as { id: string }).id;
  });

  it("names who sent each submission in the sender's history and its CSV", async () => {
    const sent = await eventually(
      async () =>
        (await historyOf(sender, '&event=sent')).filter((h) => [byStaff, byKey].includes(h.submissionId)),
      (rows) => rows.length === 2,
    );
    expect(Object.fromEntries(sent.map((h) => [h.submissionId, h.actor]))).toEqual({
      [byStaff]: staff,
      [byKey]: memberActor,
    });
    const csv = await fetch(gatewayUrl('/v1/history.csv?event=sent'), {
      headers: { 'x-api-key': sender.apiKey },
    });
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0].endsWith(',操作者,操作者ID,ファイルID')).toBe(true);
    expect(lines.find((l) => l.includes(byStaff))).toMatch(new RegExp(`,staff:yamada,${staff.id},$`));
    expect(lines.find((l) => l.includes(byKey))).toMatch(new RegExp(`,key:送信PC,${memberActor.id},$`));
    // The display name stays in the gateway: the history names the login id.
    expect(lines.join('\n')).not.toContain('山田');
  });

  it("names who downloaded and acknowledged in the receiver's history only", async () => {
    const entry = await inboxEntryOf(byStaff);
    const file = await fetch(gatewayUrl(`/v1/inbox/${entry!.id}/files/${entry!.files[0].id}`), {
      headers: { 'x-api-key': receiver.apiKey },
    });
    expect(file.status).toBe(200);
    expect((await call(receiver.apiKey, 'POST', `/v1/inbox/${entry!.id}/ack`)).status).toBe(200);

    const theirs = await eventually(
      async () =>
        (await historyOf(receiver, '&event=downloaded,acknowledged')).filter(
          (h) => h.submissionId === byStaff,
        ),
      (rows) => rows.length === 2,
    );
    expect(theirs.map((h) => [h.event, h.actor])).toEqual([
      ['acknowledged', receiverKey],
      ['downloaded', receiverKey],
    ]);
    const mine = await eventually(
      async () => (await historyOf(sender, '&event=acknowledged')).filter((h) => h.submissionId === byStaff),
      (rows) => rows.length === 1,
    );
    expect(mine[0].actor).toBeNull();
  });

  it("records every download with its actor in the receiver's history and CSV; the sender and the receipt see the first", async () => {
    const created = await call<{ id: string }>(receiver.apiKey, 'POST', '/v1/staff', {
      loginId: 'sato',
      displayName: '佐藤 一郎',
      role: 'member',
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    const reader: Actor = { type: 'staff', id: created.body.id, label: 'sato' };
    const signedIn = await fetch(gatewayUrl('/v1/auth/sign-in'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ officeNumber: receiver.officeNumber, loginId: 'sato', password: PASSWORD }),
    });
    expect(signedIn.status).toBe(200);
    const readerToken = ((await signedIn.json()) as { access_token: string }).access_token;

    const entry = await inboxEntryOf(byKey);
    // The whole bundle with the office's key, then one file with the staff user's token.
    const zip = await fetch(gatewayUrl(`/v1/inbox/${entry!.id}/zip`), {
      headers: { 'x-api-key': receiver.apiKey },
    });
    expect(zip.status).toBe(200);
    const inboxEntry = async () =>
      (await call<{ downloadedAt: string }>(receiver.apiKey, 'GET', `/v1/inbox/${entry!.id}`)).body;
    const firstAt = (await inboxEntry()).downloadedAt;
    const fileId = entry!.files[0].id;
    const file = await fetch(gatewayUrl(`/v1/inbox/${entry!.id}/files/${fileId}`), {
      headers: { authorization: `Bearer ${readerToken}` },
    });
    expect(file.status).toBe(200);
    expect((await inboxEntry()).downloadedAt).toBe(firstAt);

    const theirs = await eventually(
      async () => (await historyOf(receiver, '&event=downloaded')).filter((h) => h.submissionId === byKey),
      (rows) => rows.length === 2,
    );
    expect(theirs.map((h) => [h.actor, h.fileId])).toEqual([
      [reader, fileId],
      [receiverKey, null],
    ]);
    const csv = await fetch(gatewayUrl('/v1/history.csv?event=downloaded'), {
      headers: { 'x-api-key': receiver.apiKey },
    });
    const rows = (await csv.text()).split('\r\n').filter((l) => l.includes(byKey));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`,staff:sato,${reader.id},${fileId}$`));
    expect(rows[1]).toMatch(new RegExp(`,key:${receiverKey.label || receiverKey.id},${receiverKey.id},$`));

    // The sender sees one download, the first, naming no one of the receiver.
    const mine = await eventually(
      async () => (await historyOf(sender, '&event=downloaded')).filter((h) => h.submissionId === byKey),
      (found) => found.length >= 1,
    );
    const receipt = await call<Signed>(sender.apiKey, 'GET', `/v1/submissions/${byKey}/receipt`);
    expect(receipt.body.receipt.steps).toMatchObject({ downloadedAt: theirs[1].occurredAt });
    expect(mine.map((h) => [h.actor, h.occurredAt])).toEqual([[null, theirs[1].occurredAt]]);
    expect(JSON.stringify(await historyOf(sender))).not.toContain(reader.id);
  });

  it('names the operator who issued and revoked a key in the office audit trail', async () => {
    const operatorName = '操作者 テスト 中央会';
    const admin = createAdmin(operatorName);
    const operatorId = (await ops<{ id: string }>(admin, 'GET', '/ops/v1/me')).body.id;
    const issued = await ops<{ id: string }>(admin, 'POST', `/ops/v1/offices/${sender.officeNumber}/keys`, {
      label: '運用 発行',
      role: 'member',
    });
    expect(issued.status).toBe(201);
    const revoked = await ops(
      admin,
      'POST',
      `/ops/v1/offices/${sender.officeNumber}/keys/${issued.body.id}/revoke`,
    );
    expect(revoked.status).toBe(200);

    const audit = await call<{ items: AuditEntry[] }>(sender.apiKey, 'GET', '/v1/audit?limit=200');
    const named: Actor = { type: 'operator', id: operatorId, label: operatorName };
    expect(
      audit.body.items
        .filter((e) => e.target.id === issued.body.id)
        .map((e) => [e.action, e.origin, e.actor]),
    ).toEqual([
      ['key.revoked', 'operator', named],
      ['key.issued', 'operator', named],
    ]);
  });

  it('names the sending actor in the signed receipt, which verifies online and offline', async () => {
    const publicKey = (await (await fetch(gatewayUrl('/v1/receipts/public-key'))).json()) as {
      keyId: string;
      algorithm: string;
      publicKeyPem: string;
    };
    for (const [id, actor, office] of [
      [byStaff, staff, receiver],
      [byKey, memberActor, sender],
    ] as const) {
      const signed = (await call<Signed>(office.apiKey, 'GET', `/v1/submissions/${id}/receipt`)).body;
      expect(signed.receipt.sender).toEqual({ officeNumber: sender.officeNumber, actor });
      expect(signed.receipt.receiver).toEqual({ officeNumber: receiver.officeNumber });
      const verified = await call<{ valid: boolean }>(undefined, 'POST', '/v1/receipts/verify', signed);
      expect(verified.body.valid).toBe(true);
      expect(
        verifyReceipt({ receipt: signed.receipt as never, signature: signed.signature }, publicKey),
      ).toBe(true);
      // Who sent it is part of the proof: another name breaks the signature.
      const forged = {
        ...signed,
        receipt: { ...signed.receipt, sender: { ...signed.receipt.sender, actor: { ...actor, label: 'x' } } },
      };
      expect(
        (await call<{ valid: boolean }>(undefined, 'POST', '/v1/receipts/verify', forged)).body.valid,
      ).toBe(false);
    }
  });

  it("lists the office's key and staff changes to its admin, 403 to a member key, nothing to another office", async () => {
    expect((await call(sender.apiKey, 'PATCH', `/v1/staff/${staff.id}`, { role: 'admin' })).status).toBe(200);
    const audit = await call<{ items: AuditEntry[]; nextCursor: string | null }>(
      sender.apiKey,
      'GET',
      '/v1/audit?limit=200',
    );
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e) => [e.action, e.origin, e.actor, e.target.id])).toEqual(
      expect.arrayContaining([
        ['staff.role_changed', 'office', senderKey, staff.id],
        ['key.issued', 'office', senderKey, memberActor.id],
        ['staff.created', 'office', senderKey, staff.id],
      ]),
    );
    expect(audit.body.items.find((e) => e.target.id === staff.id)?.target.label).toBe('yamada');

    const refused = await call<Problem>(memberKey, 'GET', '/v1/audit');
    expect([refused.status, refused.body.code]).toEqual([403, 'KEY_ROLE_FORBIDDEN']);
    const asMember = await fetch(gatewayUrl('/v1/audit'), {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    // The staff token carries the role it was signed in with (member) until it signs in again.
    expect(asMember.status).toBe(403);

    const theirs = await call<{ items: AuditEntry[] }>(other.apiKey, 'GET', '/v1/audit?limit=200');
    expect(theirs.status).toBe(200);
    const ids = new Set(theirs.body.items.map((e) => e.target.id));
    for (const id of [staff.id, memberActor.id, senderKey.id]) expect(ids.has(id)).toBe(false);
  });
});
