import { generateKeyPairSync, sign } from 'node:crypto';
import { canonicalJson } from '@careplan/contracts/signing';
import { verifyReceipt } from './receipt.verify';

describe('verifyReceipt', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyDto = { keyId: 'k1', algorithm: 'Ed25519', publicKeyPem };
  const receipt = {
    type: 'careplan-exchange.receipt',
    version: 1,
    submissionId: '3f0c0000-0000-4000-8000-000000000000',
    sender: { officeNumber: '1371201367', name: 'しんじゅく居宅介護支援事業所' },
    receiver: { officeNumber: '1371500420', name: 'ひまわり訪問介護' },
    files: [{ name: 'モニタリングシート.pdf', kind: 'attachment', size: 120, sha256: 'ab'.repeat(32) }],
    status: 'acknowledged',
    keyId: 'k1',
  };
  // Signed as the archive signs: Ed25519 over the canonical JSON, in a member order of its own.
  const signature = sign(null, Buffer.from(canonicalJson(receipt)), privateKey).toString('base64');
  const signed = { receipt: { ...receipt } as never, signature };

  it('accepts the signed receipt with the key as DTO, PEM or KeyObject', () => {
    expect(verifyReceipt(signed, keyDto)).toBe(true);
    expect(verifyReceipt(signed, publicKeyPem)).toBe(true);
    expect(verifyReceipt(signed, publicKey)).toBe(true);
  });

  it('does not depend on the order of the members as received', () => {
    const reordered = Object.fromEntries(Object.entries(receipt).reverse());
    expect(verifyReceipt({ receipt: reordered as never, signature }, keyDto)).toBe(true);
  });

  it('refuses a tampered field', () => {
    const tampered = { ...receipt, status: 'delivered' };
    expect(verifyReceipt({ receipt: tampered as never, signature }, keyDto)).toBe(false);
    const renamed = { ...receipt, files: [{ ...receipt.files[0], name: 'ケアプラン.pdf' }] };
    expect(verifyReceipt({ receipt: renamed as never, signature }, keyDto)).toBe(false);
  });

  it('refuses another key, a receipt naming another key id, and a malformed signature', () => {
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(verifyReceipt(signed, other)).toBe(false);
    expect(verifyReceipt(signed, { ...keyDto, keyId: 'k2' })).toBe(false);
    expect(verifyReceipt({ ...signed, signature: 'not-base64!' }, keyDto)).toBe(false);
  });
});
