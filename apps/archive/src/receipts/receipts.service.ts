import { Injectable } from '@nestjs/common';
import { sign, verify } from 'node:crypto';
import { HistoryRepository } from '../history/history.repository';
import { canonicalJson, PublicKeyDto, VerificationDto, VerifyReceiptBody } from '@careplan/contracts';
import { buildReceipt, Receipt, SignedReceipt } from './receipt.builder';
import { RECEIPT_ALGORITHM, ReceiptKeysService } from './receipt-keys.service';
import { attachedReceiptJson, ReceiptPdfTooComplex, renderReceiptPdf } from './receipt.pdf';
import { pdfTooComplex, pdfWithoutReceipt, receiptNotFound, verifyBodyInvalid } from './receipts.errors';

/** Proofs of exchange: signed from the archive's history, for the submission's sender and receiver only. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly keys: ReceiptKeysService,
  ) {}

  async issue(officeNumber: string, submissionId: string): Promise<SignedReceipt> {
    const rows = await this.history.forSubmission(submissionId);
    if (!rows.some((r) => r.officeNumber === officeNumber)) throw receiptNotFound(submissionId);
    const key = await this.keys.signingKey();
    const receipt: Receipt = {
      ...buildReceipt(submissionId, rows),
      issuedAt: new Date().toISOString(),
      keyId: key.keyId,
    };
    const signature = sign(null, Buffer.from(canonicalJson(receipt), 'utf8'), key.privateKey);
    return { receipt, signature: signature.toString('base64') };
  }

  async issuePdf(officeNumber: string, submissionId: string): Promise<Buffer> {
    return renderReceiptPdf(await this.issue(officeNumber, submissionId));
  }

  async publicKey(): Promise<PublicKeyDto> {
    const key = await this.keys.signingKey();
    return { keyId: key.keyId, algorithm: RECEIPT_ALGORITHM, publicKeyPem: key.publicKeyPem };
  }

  /** Checks a signed receipt (or the one attached to a receipt PDF) against the key it names. */
  async verify(body: VerifyReceiptBody): Promise<VerificationDto> {
    const signed = body.pdf !== undefined ? fromPdf(body.pdf) : body;
    const { receipt, signature } = signed;
    if (!isObject(receipt) || typeof signature !== 'string') throw verifyBodyInvalid();
    const keyId = typeof receipt.keyId === 'string' ? receipt.keyId : null;
    const publicKey = keyId ? await this.keys.publicKey(keyId) : null;
    if (!publicKey) return { valid: false, keyId };
    return { valid: checkSignature(receipt, signature, publicKey), keyId };
  }
}

function fromPdf(base64: string): Partial<Record<'receipt' | 'signature', unknown>> {
  const json = readAttachment(Buffer.from(base64, 'base64'));
  if (json === null) throw pdfWithoutReceipt();
  const parsed = JSON.parse(json) as unknown;
  return isObject(parsed) ? parsed : {};
}

function readAttachment(pdf: Buffer): string | null {
  try {
    return attachedReceiptJson(pdf);
  } catch (e) {
    if (e instanceof ReceiptPdfTooComplex) throw pdfTooComplex();
    throw e;
  }
}

function checkSignature(
  receipt: object,
  signature: string,
  publicKey: Parameters<typeof verify>[2],
): boolean {
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(receipt), 'utf8'),
      publicKey,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false; // a malformed signature is simply not a valid one
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
