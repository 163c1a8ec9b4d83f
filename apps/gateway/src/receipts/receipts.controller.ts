import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  BINARY,
  PublicKeyDto,
  SignedReceiptDto,
  VerificationDto,
  VerifyReceiptBody,
} from '@careplan/contracts';
import { PublicRoute } from '@careplan/platform';
import { ApiKeyGuard, CurrentOffice } from '../offices/api-key.guard';
import type { AuthenticatedOffice } from '../offices/offices.service';
import { ReceiptsClient } from './receipts.client';

/** Proof of exchange (運営指導 audits) for the sender or the receiver of a submission; anyone else gets 404. */
@ApiTags('receipts')
@Controller('v1')
export class ReceiptsController {
  constructor(@Inject(ReceiptsClient) private readonly receipts: ReceiptsClient) {}

  @ApiOperation({ summary: 'Signed proof of exchange of a submission — 送受信の証明（署名付き）' })
  @Get('submissions/:id/receipt')
  @ApiSecurity('apiKey')
  @UseGuards(ApiKeyGuard)
  @ApiOkResponse({ type: SignedReceiptDto })
  receipt(
    @CurrentOffice() office: AuthenticatedOffice,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<SignedReceiptDto> {
    return this.receipts.receipt(office.officeNumber, id);
  }

  @ApiOperation({ summary: 'The proof of exchange as a PDF — 送受信の証明（PDF）' })
  @Get('submissions/:id/receipt.pdf')
  @ApiSecurity('apiKey')
  @UseGuards(ApiKeyGuard)
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
  @Post('receipts/verify')
  @PublicRoute()
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationDto })
  verify(@Body() body: VerifyReceiptBody): Promise<VerificationDto> {
    return this.receipts.verify(body);
  }
}
