import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';

const unprocessable = (code: string, ja: string, en: string, extra: Record<string, unknown> = {}) =>
  new AppException(code, HttpStatus.UNPROCESSABLE_ENTITY, { ja, en }, extra);
const tooLarge = (code: string, ja: string, en: string, extra: Record<string, unknown> = {}) =>
  new AppException(code, HttpStatus.PAYLOAD_TOO_LARGE, { ja, en }, extra);

/** Every way a submission can be refused at the door, with what the sender can show its user. */
export const SubmissionErrors = {
  notMultipart: () =>
    new AppException('MULTIPART_REQUIRED', HttpStatus.UNSUPPORTED_MEDIA_TYPE, {
      ja: '送信は multipart/form-data で行ってください。',
      en: 'Send the submission as multipart/form-data.',
    }),
  receiverMissing: () =>
    unprocessable(
      'RECEIVER_MISSING',
      '送信先事業所番号（to）がありません。',
      'The receiving office number (to) is missing.',
    ),
  receiverInvalid: (to: string) =>
    unprocessable(
      'RECEIVER_INVALID',
      `送信先事業所番号「${to}」の形式が正しくありません（10桁）。`,
      `The receiving office number "${to}" is not a valid 10-character office number.`,
      { value: to },
    ),
  receiverUnknown: (to: string) =>
    unprocessable(
      'RECEIVER_UNKNOWN',
      `送信先事業所「${to}」はケアプランデータ連携に登録されていません。`,
      `The receiving office ${to} is not registered with the exchange.`,
      { value: to },
    ),
  receiverUnlicensed: (to: string) =>
    unprocessable(
      'RECEIVER_UNLICENSED',
      `送信先事業所「${to}」のライセンスが有効ではないため送信できません。`,
      `The receiving office ${to} has no active license, so it cannot receive.`,
      { value: to },
    ),
  senderUnlicensed: (from: string) =>
    new AppException('SENDER_UNLICENSED', HttpStatus.FORBIDDEN, {
      ja: `事業所「${from}」のライセンスが有効ではないため送信できません。国保連合会にお問い合わせください。`,
      en: `Your office ${from} has no active license, so it cannot send. Contact your federation.`,
    }),
  sendToSelf: () =>
    unprocessable(
      'RECEIVER_IS_SENDER',
      '自事業所あてには送信できません。',
      'An office cannot send to itself.',
    ),
  noFiles: () =>
    unprocessable('FILES_MISSING', 'ファイルが添付されていません。', 'The submission has no files.'),
  unknownField: (field: string) =>
    unprocessable('FIELD_UNKNOWN', `不明な項目「${field}」があります。`, `Unknown form field "${field}".`, {
      field,
    }),
  duplicateField: (field: string) =>
    unprocessable(
      'FIELD_DUPLICATE',
      `項目「${field}」が複数あります。1回だけ指定してください。`,
      `Form field "${field}" appears more than once.`,
      { field },
    ),
  multipartBoundaryInvalid: () =>
    new AppException('MULTIPART_BOUNDARY_INVALID', HttpStatus.BAD_REQUEST, {
      ja: 'Content-Type の multipart/form-data に boundary（1〜70文字）が指定されていません。',
      en: 'The multipart/form-data Content-Type has no boundary of 1 to 70 characters.',
    }),
  multipartIncomplete: () =>
    new AppException('MULTIPART_INCOMPLETE', HttpStatus.BAD_REQUEST, {
      ja: '送信データが途中で終わっているか、形式が正しくありません。もう一度送信してください。',
      en: 'The multipart body ended early or is malformed. Send the submission again.',
    }),
  fileNameInvalid: (file: string) =>
    unprocessable(
      'FILE_NAME_INVALID',
      'ファイル名が空か、使えない文字だけです。',
      'A file name is empty or unusable.',
      {
        file,
      },
    ),
  fileNameDuplicate: (file: string) =>
    unprocessable(
      'FILE_NAME_DUPLICATE',
      `ファイル名「${file}」が重複しています。`,
      `File name "${file}" appears twice.`,
      {
        file,
      },
    ),
  fileNameCaseDuplicate: (file: string, other: string) =>
    unprocessable(
      'FILE_NAME_CASE_DUPLICATE',
      `ファイル名「${file}」と「${other}」は大文字・小文字だけが違います。Windowsでは同じファイルになるため、名前を変えてください。`,
      `File names "${file}" and "${other}" differ only in case: they are one file on Windows. Rename one.`,
      { file, other },
    ),
  fileNameCharacter: (file: string, character: string) =>
    unprocessable(
      'FILE_NAME_CHARACTER_NOT_ALLOWED',
      `ファイル名「${file}」に見えない文字（${character}）が含まれています。取り除いてから送信してください。`,
      `File name "${file}" contains an invisible character (${character}). Remove it and send again.`,
      { file, character },
    ),
  fileNameReserved: (file: string) =>
    unprocessable(
      'FILE_NAME_RESERVED',
      `ファイル名「${file}」はWindowsの予約名（CON、PRN、AUX、NUL、COM1〜9、LPT1〜9）のため使えません。`,
      `File name "${file}" is a name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9).`,
      { file },
    ),
  fileNameSenderMismatch: (file: string, expected: string) =>
    unprocessable(
      'FILE_NAME_SENDER_MISMATCH',
      `ファイル「${file}」の送信元事業所番号が送信元（${expected}）と一致しません。`,
      `File "${file}" does not name the sending office ${expected} as its sender.`,
      { file },
    ),
  fileNameReceiverMismatch: (file: string, expected: string) =>
    unprocessable(
      'FILE_NAME_RECEIVER_MISMATCH',
      `ファイル「${file}」の送信先事業所番号が送信先（${expected}）と一致しません。`,
      `File "${file}" does not name the receiving office ${expected} as its receiver.`,
      { file },
    ),
  attachmentType: (file: string, allowed: string[]) =>
    unprocessable(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      `ファイル「${file}」の種類は送信できません。送信できる添付ファイルは ${allowed.join(', ')} です。`,
      `File "${file}" is not an allowed type. Attachments may be ${allowed.join(', ')}.`,
      { file, allowed },
    ),
  attachmentContent: (file: string) =>
    unprocessable(
      'ATTACHMENT_CONTENT_MISMATCH',
      `ファイル「${file}」の内容が拡張子と一致しません。`,
      `The content of file "${file}" does not match its extension.`,
      { file },
    ),
  csvContentNotText: (file: string) =>
    unprocessable(
      'CSV_CONTENT_NOT_TEXT',
      `ファイル「${file}」は標準仕様のファイル名ではなく、中身もCSV（Shift-JIS（MS932）またはUTF-8のテキスト）ではありません。`,
      `File "${file}" has no standard file name and is no CSV text (Shift-JIS (MS932) or UTF-8).`,
      { file },
    ),
  fileTooLarge: (file: string, limit: number) =>
    tooLarge(
      'FILE_TOO_LARGE',
      `ファイル「${file}」が上限（${limit} バイト）を超えています。`,
      `File "${file}" exceeds the limit of ${limit} bytes.`,
      { file, limit },
    ),
  tooManyFiles: (limit: number) =>
    tooLarge(
      'TOO_MANY_FILES',
      `ファイル数が上限（${limit}）を超えています。`,
      `More than ${limit} files in one submission.`,
      {
        limit,
      },
    ),
  tooManyFields: (limit: number) =>
    tooLarge(
      'TOO_MANY_FIELDS',
      `フォーム項目数が上限（${limit}）を超えています。`,
      `More than ${limit} form fields in one submission.`,
      { limit },
    ),
  bundleTooLarge: (limit: number) =>
    tooLarge(
      'BUNDLE_TOO_LARGE',
      `送信データ全体が上限（${limit} バイト）を超えています。`,
      `The submission exceeds the limit of ${limit} bytes in total.`,
      { limit },
    ),
  idempotencyConflict: (key: string) =>
    new AppException(
      'IDEMPOTENCY_KEY_REUSED',
      HttpStatus.CONFLICT,
      {
        ja: 'この Idempotency-Key は別の内容の送信に使われています。',
        en: 'This Idempotency-Key was already used for a submission with other content.',
      },
      { idempotencyKey: key },
    ),
  idempotencyKeyInvalid: () =>
    unprocessable(
      'IDEMPOTENCY_KEY_INVALID',
      'Idempotency-Key は1〜255文字の印字可能なASCII文字で指定してください。',
      'Idempotency-Key must be 1 to 255 printable ASCII characters.',
    ),
  notFound: () =>
    new AppException('SUBMISSION_NOT_FOUND', HttpStatus.NOT_FOUND, {
      ja: '送信が見つかりません。',
      en: 'Submission not found.',
    }),
};
