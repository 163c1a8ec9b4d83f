import { ProblemGroups, Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

/** Every way a submission can be refused at the door, with what the sender can show its user. */
export const SubmissionErrors = {
  notMultipart: () => problem(Problems.MULTIPART_REQUIRED),
  receiverMissing: () => problem(Problems.RECEIVER_MISSING),
  receiverInvalid: (to: string) => problem(Problems.RECEIVER_INVALID, { to }, { value: to }),
  receiverUnknown: (to: string) => problem(Problems.RECEIVER_UNKNOWN, { to }, { value: to }),
  receiverUnlicensed: (to: string) => problem(Problems.RECEIVER_UNLICENSED, { to }, { value: to }),
  senderUnlicensed: (from: string) => problem(Problems.SENDER_UNLICENSED, { from }),
  sendToSelf: () => problem(Problems.RECEIVER_IS_SENDER),
  noFiles: () => problem(Problems.FILES_MISSING),
  unknownField: (field: string) => problem(Problems.FIELD_UNKNOWN, { field }, { field }),
  duplicateField: (field: string) => problem(Problems.FIELD_DUPLICATE, { field }, { field }),
  multipartBoundaryInvalid: () => problem(Problems.MULTIPART_BOUNDARY_INVALID),
  multipartIncomplete: () => problem(Problems.MULTIPART_INCOMPLETE),
  fileNameInvalid: (file: string) => problem(Problems.FILE_NAME_INVALID, {}, { file }),
  fileNameDuplicate: (file: string) => problem(Problems.FILE_NAME_DUPLICATE, { file }, { file }),
  fileNameCaseDuplicate: (file: string, other: string) =>
    problem(Problems.FILE_NAME_CASE_DUPLICATE, { file, other }, { file, other }),
  fileNameCharacter: (file: string, character: string) =>
    problem(Problems.FILE_NAME_CHARACTER_NOT_ALLOWED, { file, character }, { file, character }),
  fileNameReserved: (file: string) => problem(Problems.FILE_NAME_RESERVED, { file }, { file }),
  fileNameSenderMismatch: (file: string, expected: string) =>
    problem(Problems.FILE_NAME_SENDER_MISMATCH, { file, expected }, { file }),
  fileNameReceiverMismatch: (file: string, expected: string) =>
    problem(Problems.FILE_NAME_RECEIVER_MISMATCH, { file, expected }, { file }),
  attachmentType: (file: string, allowed: string[]) =>
    problem(Problems.ATTACHMENT_TYPE_NOT_ALLOWED, { file, allowed: allowed.join(', ') }, { file, allowed }),
  attachmentContent: (file: string) => problem(Problems.ATTACHMENT_CONTENT_MISMATCH, { file }, { file }),
  csvContentNotText: (file: string) => problem(Problems.CSV_CONTENT_NOT_TEXT, { file }, { file }),
  fileTooLarge: (file: string, limit: number) =>
    problem(Problems.FILE_TOO_LARGE, { file, limit }, { file, limit }),
  tooManyFiles: (limit: number) => problem(Problems.TOO_MANY_FILES, { limit }, { limit }),
  tooManyFields: (limit: number) => problem(Problems.TOO_MANY_FIELDS, { limit }, { limit }),
  bundleTooLarge: (limit: number) => problem(Problems.BUNDLE_TOO_LARGE, { limit }, { limit }),
  idempotencyConflict: (key: string) => problem(Problems.IDEMPOTENCY_KEY_REUSED, {}, { idempotencyKey: key }),
  idempotencyKeyInvalid: () => problem(Problems.IDEMPOTENCY_KEY_INVALID),
  notFound: () => problem(Problems.SUBMISSION_NOT_FOUND),
  // JSON bundles: `pointer` locates the refusal in the request body (RFC 6901).
  jsonFileTypeUnknown: (document: number, fileType: string, fileTypes: string[]) =>
    problem(
      Problems.JSON_FILE_TYPE_UNKNOWN,
      { document, fileType },
      { pointer: `/documents/${document}/fileType`, fileTypes },
    ),
  jsonRecordsInvalid: (document: number, fileType: string, details: { pointer: string }[]) =>
    problem(Problems.JSON_RECORDS_INVALID, { document, fileType }, { pointer: details[0]?.pointer, details }),
  jsonMonthMissing: (document: number, fileType: string) =>
    problem(Problems.JSON_YYYYMM_MISSING, { document, fileType }, { pointer: `/documents/${document}` }),
  jsonMonthNotAllowed: (document: number, fileType: string) =>
    problem(
      Problems.JSON_YYYYMM_NOT_ALLOWED,
      { document, fileType },
      { pointer: `/documents/${document}/yyyymm` },
    ),
  jsonAttachmentInvalid: (attachment: number, file: string) =>
    problem(
      Problems.JSON_ATTACHMENT_INVALID,
      { attachment, file },
      { pointer: `/attachments/${attachment}/contentBase64` },
    ),
  jsonAttachmentTypeMismatch: (attachment: number, file: string, contentType: string, actual: string) =>
    problem(
      Problems.JSON_ATTACHMENT_TYPE_MISMATCH,
      { attachment, file, contentType, actual },
      { pointer: `/attachments/${attachment}/contentType` },
    ),
};

/** What reading a multipart bundle refuses (readBundle: /v1/submissions and /v1/validate alike). */
export const BundleProblems = [
  Problems.MULTIPART_REQUIRED,
  Problems.MULTIPART_BOUNDARY_INVALID,
  Problems.MULTIPART_INCOMPLETE,
  Problems.FIELD_UNKNOWN,
  Problems.FIELD_DUPLICATE,
  Problems.FILE_TOO_LARGE,
  Problems.TOO_MANY_FILES,
  Problems.TOO_MANY_FIELDS,
  Problems.BUNDLE_TOO_LARGE,
];

/** What reading a JSON bundle refuses besides (the DTO's BAD_REQUEST, the body limit, each document and attachment). */
export const JsonBundleProblems = [
  ...ProblemGroups.jsonBody,
  Problems.JSON_FILE_TYPE_UNKNOWN,
  Problems.JSON_RECORDS_INVALID,
  Problems.JSON_YYYYMM_MISSING,
  Problems.JSON_YYYYMM_NOT_ALLOWED,
  Problems.JSON_ATTACHMENT_INVALID,
  Problems.JSON_ATTACHMENT_TYPE_MISMATCH,
  Problems.ATTACHMENT_TYPE_NOT_ALLOWED,
  Problems.RECEIVER_MISSING,
  Problems.RECEIVER_INVALID,
];

/** What sending refuses besides: the files, the receiver, the sender's license, the idempotency key. */
export const SendProblems = [
  Problems.FILES_MISSING,
  Problems.FILE_NAME_INVALID,
  Problems.FILE_NAME_DUPLICATE,
  Problems.FILE_NAME_CASE_DUPLICATE,
  Problems.FILE_NAME_CHARACTER_NOT_ALLOWED,
  Problems.FILE_NAME_RESERVED,
  Problems.FILE_NAME_SENDER_MISMATCH,
  Problems.FILE_NAME_RECEIVER_MISMATCH,
  Problems.ATTACHMENT_TYPE_NOT_ALLOWED,
  Problems.ATTACHMENT_CONTENT_MISMATCH,
  Problems.CSV_CONTENT_NOT_TEXT,
  Problems.RECEIVER_MISSING,
  Problems.RECEIVER_INVALID,
  Problems.RECEIVER_UNKNOWN,
  Problems.RECEIVER_UNLICENSED,
  Problems.RECEIVER_IS_SENDER,
  Problems.SENDER_UNLICENSED,
  Problems.IDEMPOTENCY_KEY_REUSED,
  Problems.IDEMPOTENCY_KEY_INVALID,
];
