import { Injectable } from '@nestjs/common';
import { Problems } from '@careplan/contracts';
import { InternalHttpClient, InternalHttpOptions, problem } from '@careplan/platform';
import type { PublicKeyDto, SignedReceiptDto, VerificationDto, VerifyReceiptBody } from '@careplan/contracts';

/** Proofs of exchange are issued and verified by the archive, which holds the history and the signing key. */
@Injectable()
export class ReceiptsClient {
  private readonly archive: InternalHttpClient;

  constructor(options: InternalHttpOptions) {
    this.archive = new InternalHttpClient(options, unavailable);
  }

  receipt(officeNumber: string, submissionId: string): Promise<SignedReceiptDto> {
    return this.archive.json(`/internal/v1/offices/${officeNumber}/submissions/${submissionId}/receipt`);
  }

  async receiptPdf(officeNumber: string, submissionId: string): Promise<Buffer> {
    const res = await this.archive.request(
      `/internal/v1/offices/${officeNumber}/submissions/${submissionId}/receipt.pdf`,
    );
    return Buffer.from(await res.arrayBuffer());
  }

  publicKey(): Promise<PublicKeyDto> {
    return this.archive.json('/internal/v1/receipts/public-key');
  }

  verify(body: VerifyReceiptBody): Promise<VerificationDto> {
    return this.archive.json('/internal/v1/receipts/verify', { method: 'POST', json: body });
  }
}

const unavailable = () => problem(Problems.RECEIPTS_UNAVAILABLE);
