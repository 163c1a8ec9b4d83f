import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InternalTokenGuard } from '@careplan/platform';
import { OfficeNumberPipe, PublicKeyDto, VerificationDto, VerifyReceiptBody } from '@careplan/contracts';
import { SignedReceipt } from './receipt.builder';
import { ReceiptsService } from './receipts.service';

/** Proofs of exchange for the gateway, which authenticates the office and proxies these. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal/v1')
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  @ApiOperation({ summary: 'Signed proof of exchange of a submission — 送受信の証明（署名付き）' })
  @Get('offices/:officeNumber/submissions/:id/receipt')
  receipt(
    @Param('officeNumber', OfficeNumberPipe) officeNumber: string,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SignedReceipt> {
    return this.receipts.issue(officeNumber, id);
  }

  @Get('offices/:officeNumber/submissions/:id/receipt.pdf')
  async pdf(
    @Param('officeNumber', OfficeNumberPipe) officeNumber: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pdf = await this.receipts.issuePdf(officeNumber, id);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="receipt_${id}.pdf"`)
      .send(pdf);
  }

  @ApiOperation({ summary: 'The public key that verifies receipts — 証明書検証用の公開鍵', security: [] })
  @Get('receipts/public-key')
  publicKey(): Promise<PublicKeyDto> {
    return this.receipts.publicKey();
  }

  @ApiOperation({ summary: 'Verify a receipt or its PDF — 証明の検証', security: [] })
  @Post('receipts/verify')
  @HttpCode(200)
  verify(@Body() body: VerifyReceiptBody): Promise<VerificationDto> {
    return this.receipts.verify(body);
  }
}
