import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '@careplan/contracts/signing';
import type { Schemas } from './gateway.client';

export type ReceiptPublicKey = Schemas['PublicKeyDto'] | string | KeyObject;

/**
 * Offline check of a signed receipt: the Ed25519 signature over the receipt's canonical JSON (the archive's own
 * canonicalJson), with the exchange's public key (GET /v1/receipts/public-key, or its PEM). A key whose keyId
 * differs from the receipt's is no proof at all.
 */
export function verifyReceipt(signed: Schemas['SignedReceiptDto'], publicKey: ReceiptPublicKey): boolean {
  const keyId = (signed.receipt as { keyId?: unknown }).keyId;
  if (typeof publicKey === 'object' && 'keyId' in publicKey && keyId !== publicKey.keyId) return false;
  const key =
    typeof publicKey === 'string'
      ? createPublicKey(publicKey)
      : 'publicKeyPem' in publicKey
        ? createPublicKey(publicKey.publicKeyPem)
        : publicKey;
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(signed.receipt), 'utf8'),
      key,
      Buffer.from(signed.signature, 'base64'),
    );
  } catch {
    return false; // a malformed signature is simply not a valid one
  }
}
