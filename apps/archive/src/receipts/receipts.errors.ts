import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';

// Same answer for "no such submission" and "not yours": an office learns nothing about others' exchanges.
export const receiptNotFound = (submissionId: string) =>
  new AppException(
    'RECEIPT_NOT_FOUND',
    HttpStatus.NOT_FOUND,
    {
      ja: `送信「${submissionId}」の交換証明は見つかりません。`,
      en: `No proof of exchange for submission "${submissionId}".`,
    },
    { submissionId },
  );

export const verifyBodyInvalid = () =>
  new AppException('RECEIPT_VERIFY_BODY_INVALID', HttpStatus.BAD_REQUEST, {
    ja: '検証には receipt と signature、または pdf（base64）のどちらかを送ってください。',
    en: 'Send either receipt and signature, or pdf (base64), to verify.',
  });

export const pdfWithoutReceipt = () =>
  new AppException('RECEIPT_PDF_NO_ATTACHMENT', HttpStatus.UNPROCESSABLE_ENTITY, {
    ja: 'PDFに署名付きの交換証明（receipt.json）が添付されていません。',
    en: 'The PDF carries no signed receipt (receipt.json attachment).',
  });

export const pdfTooComplex = () =>
  new AppException('RECEIPT_PDF_INVALID', HttpStatus.UNPROCESSABLE_ENTITY, {
    ja: 'PDFの添付ファイルが多すぎるか大きすぎるため読み取れません。発行された交換証明のPDFをそのまま送ってください。',
    en: 'The PDF holds too many or too large embedded files to be read. Send the receipt PDF as it was issued.',
  });
