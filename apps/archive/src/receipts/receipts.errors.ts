import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

export const receiptNotFound = (submissionId: string) =>
  problem(Problems.RECEIPT_NOT_FOUND, { submissionId }, { submissionId });
export const verifyBodyInvalid = () => problem(Problems.RECEIPT_VERIFY_BODY_INVALID);
export const pdfWithoutReceipt = () => problem(Problems.RECEIPT_PDF_NO_ATTACHMENT);
export const pdfTooComplex = () => problem(Problems.RECEIPT_PDF_INVALID);
