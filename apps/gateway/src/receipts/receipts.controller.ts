import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  BINARY,
  ProblemGroups,
  Problems,
  PublicKeyDto,
  SignedReceiptDto,
  VerificationDto,
  VerifyReceiptBody,
} from '@careplan/contracts';
import { ApiProblems, PublicRoute } from '@careplan/platform';
import { CurrentOffice, VendorAuth } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { ReceiptsClient } from './receipts.client';

/** Proof of exchange (運営指導 audits) for the sender or the receiver of a submission; anyone else gets 404. */
@ApiTags('receipts')
@ApiProblems(...ProblemGroups.any, Problems.RECEIPTS_UNAVAILABLE)
@Controller('v1')
export class ReceiptsController {
  constructor(@Inject(ReceiptsClient) private readonly receipts: ReceiptsClient) {}

  @ApiOperation({ summary: 'Signed proof of exchange of a submission — 送受信の証明（署名付き）' })
  @ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.input, Problems.RECEIPT_NOT_FOUND)
  @Get('submissions/:id/receipt')
  @VendorAuth()
  @ApiOkResponse({ type: SignedReceiptDto })
  receipt(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SignedReceiptDto> {
    return this.receipts.receipt(office.officeNumber, id);
  }

  @ApiOperation({ summary: 'The proof of exchange as a PDF — 送受信の証明（PDF）' })
  @ApiProblems(...ProblemGroups.vendorKey, ...ProblemGroups.input, Problems.RECEIPT_NOT_FOUND)
  @Get('submissions/:id/receipt.pdf')
  @VendorAuth()
  @ApiOkResponse({
    description: 'the proof of exchange as a PDF, with the signed JSON receipt attached (receipt.json)',
    content: { 'application/pdf': { schema: BINARY } },
  })
  async receiptPdf(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pdf = await this.receipts.receiptPdf(office.officeNumber, id);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="receipt_${id}.pdf"`)
      .send(pdf);
  }

  @ApiOperation({ summary: 'The public key that verifies receipts — 証明書検証用の公開鍵', security: [] })
  @Get('receipts/public-key')
  @PublicRoute()
  @ApiOkResponse({ type: PublicKeyDto })
  publicKey(): Promise<PublicKeyDto> {
    return this.receipts.publicKey();
  }

  @ApiOperation({ summary: 'Verify a receipt or its PDF — 証明の検証', security: [] })
  @ApiProblems(
    ...ProblemGroups.jsonBody,
    Problems.RECEIPT_VERIFY_BODY_INVALID,
    Problems.RECEIPT_PDF_NO_ATTACHMENT,
    Problems.RECEIPT_PDF_INVALID,
  )
  @Post('receipts/verify')
  @PublicRoute()
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationDto })
  verify(@Body() body: VerifyReceiptBody): Promise<VerificationDto> {
    return this.receipts.verify(body);
  }
}
