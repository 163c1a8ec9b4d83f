// A JSON submission (records as GET …/records returns them, attachments in base64) turned into the bundle the
// multipart reader returns: from there on it is an ordinary submission.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';
import {
  FILE_TYPES,
  jsonSchemaFor,
  recordsToCsv,
  RecordsError,
  standardFileName,
  type CsvRecord,
  type FileTypeSpec,
} from '@careplan/spec';
import { ALLOWED_ATTACHMENT_EXTENSIONS, checkAttachment, isCsvName } from '../files/file-types';
import type { UploadedBundle, UploadedFile, UploadLimits } from './multipart';
import { SubmissionErrors } from './submission.errors';

export interface JsonDocument {
  fileType: string;
  senderServiceKind: string;
  receiverServiceKind: string;
  yyyymm?: string;
  records: unknown[];
}

export interface JsonAttachment {
  name: string;
  contentType: string;
  contentBase64: string;
}

export interface JsonBundle {
  to: string;
  documents: JsonDocument[];
  attachments?: JsonAttachment[];
}

/** One place a record breaks its file type's schema. */
export interface RecordProblem {
  document: number;
  record: number;
  /** The item's key, null for the record as a whole. */
  item: string | null;
  /** JSON pointer into the request body. */
  pointer: string;
  keyword: string;
  message: string;
}

/** Enough to fix a document; a file of 10 000 bad records answers with its first ones. */
export const MAX_RECORD_PROBLEMS = 100;

const CSV_TYPES = new Map<string, FileTypeSpec>(FILE_TYPES.filter((f) => f.isCsv).map((f) => [f.id, f]));

const ajv = new Ajv2020({ allErrors: true });
// The schemas' own annotations (column number, required flag, item type): known, not checked.
ajv.addVocabulary(['x-column-no', 'x-required', 'x-column-type']);
const validators = new Map<string, ValidateFunction>();

/** Compiled once per file type, on first use. */
function validatorFor(spec: FileTypeSpec): ValidateFunction {
  let validate = validators.get(spec.id);
  if (!validate) {
    validate = ajv.compile(jsonSchemaFor(spec.id));
    validators.set(spec.id, validate);
  }
  return validate;
}

/**
 * Checks and renders a JSON bundle: each document into its standard CSV file (MS932, CRLF) named for this
 * sender, receiver and serial, each attachment decoded. Refuses, with the document, record and item, what the
 * schemas refuse; the validator checks the rendered files as it checks any other.
 */
export function renderJsonBundle(
  body: JsonBundle,
  sender: string,
  serial: string,
  limits: UploadLimits,
): UploadedBundle {
  // The receiver is part of every file name: checked first, as the intake would check it.
  if (!body.to) throw SubmissionErrors.receiverMissing();
  if (!OFFICE_NUMBER_PATTERN.test(body.to)) throw SubmissionErrors.receiverInvalid(body.to);
  const attachments = body.attachments ?? [];
  const count = body.documents.length + attachments.length;
  if (count === 0) throw SubmissionErrors.noFiles();
  if (count > limits.maxFiles) throw SubmissionErrors.tooManyFiles(limits.maxFiles);
  const files: UploadedFile[] = [
    ...body.documents.map((d, i) => renderDocument(d, i, { sender, receiver: body.to, serial })),
    ...attachments.map((a, i) => decodeAttachment(a, i)),
  ];
  let total = 0;
  for (const f of files) {
    if (f.bytes.length > limits.maxFileBytes)
      throw SubmissionErrors.fileTooLarge(f.rawName, limits.maxFileBytes);
    total += f.bytes.length;
  }
  if (total > limits.maxBundleBytes) throw SubmissionErrors.bundleTooLarge(limits.maxBundleBytes);
  return { to: body.to, files };
}

interface Parties {
  sender: string;
  receiver: string;
  serial: string;
}

function renderDocument(doc: JsonDocument, index: number, parties: Parties): UploadedFile {
  const spec = CSV_TYPES.get(doc.fileType);
  if (!spec) throw SubmissionErrors.jsonFileTypeUnknown(index, doc.fileType, [...CSV_TYPES.keys()]);
  const month = doc.yyyymm ?? null;
  if (spec.hasMonth && month === null) throw SubmissionErrors.jsonMonthMissing(index, spec.id);
  if (!spec.hasMonth && month !== null) throw SubmissionErrors.jsonMonthNotAllowed(index, spec.id);
  const records = checkRecords(spec, doc.records, index);
  const name = standardFileName({
    fileType: spec.id,
    yyyymm: month,
    senderOfficeNumber: parties.sender,
    senderServiceKind: doc.senderServiceKind,
    receiverOfficeNumber: parties.receiver,
    receiverServiceKind: doc.receiverServiceKind,
    serial: parties.serial,
  });
  return { rawName: name, bytes: render(spec, records, index) };
}

function checkRecords(spec: FileTypeSpec, records: unknown[], document: number): CsvRecord[] {
  const validate = validatorFor(spec);
  const problems: RecordProblem[] = [];
  records.forEach((record, r) => {
    if (problems.length >= MAX_RECORD_PROBLEMS || validate(record)) return;
    for (const e of validate.errors ?? []) problems.push(recordProblem(document, r, e));
  });
  if (problems.length > 0) throw recordsInvalid(spec, document, problems.slice(0, MAX_RECORD_PROBLEMS));
  return records as CsvRecord[];
}

function recordProblem(document: number, record: number, e: ErrorObject): RecordProblem {
  const base = `/documents/${document}/records/${record}`;
  const missing = e.keyword === 'required' ? String(e.params['missingProperty']) : null;
  const extra = e.keyword === 'additionalProperties' ? String(e.params['additionalProperty']) : null;
  const key = missing ?? extra ?? (e.instancePath ? decodePointerToken(e.instancePath.split('/')[1]) : null);
  const pointer =
    (missing ?? extra) ? `${base}/${encodePointerToken(key ?? '')}` : `${base}${e.instancePath}`;
  return { document, record, item: key, pointer, keyword: e.keyword, message: e.message ?? e.keyword };
}

function render(spec: FileTypeSpec, records: CsvRecord[], document: number): Buffer {
  try {
    return recordsToCsv(spec.id, records);
  } catch (e) {
    if (!(e instanceof RecordsError) || !e.at) throw e;
    const { record, item } = e.at;
    throw recordsInvalid(spec, document, [
      {
        document,
        record,
        item,
        pointer: `/documents/${document}/records/${record}/${encodePointerToken(item)}`,
        keyword: 'ms932',
        message: e.message,
      },
    ]);
  }
}

function recordsInvalid(spec: FileTypeSpec, document: number, details: RecordProblem[]) {
  return SubmissionErrors.jsonRecordsInvalid(document, spec.id, details);
}

// RFC 4648 base64 (padding optional, line breaks allowed); Buffer.from would silently skip other characters.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

function decodeAttachment(a: JsonAttachment, index: number): UploadedFile {
  // Standard CSV files are documents: as an attachment one would skip the schema and the name rules.
  if (isCsvName(a.name)) throw SubmissionErrors.attachmentType(a.name, ALLOWED_ATTACHMENT_EXTENSIONS);
  const text = a.contentBase64.replace(/\s+/g, '');
  if (!BASE64.test(text)) throw SubmissionErrors.jsonAttachmentInvalid(index, a.name);
  const bytes = Buffer.from(text, 'base64');
  // The type checks themselves (allowed extension, content by its first bytes) are the intake's, as for multipart.
  const check = checkAttachment(a.name, bytes);
  if (check.ok && mediaType(check.contentType) !== mediaType(a.contentType))
    throw SubmissionErrors.jsonAttachmentTypeMismatch(index, a.name, a.contentType, check.contentType);
  return { rawName: a.name, bytes };
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function encodePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function decodePointerToken(token: string | undefined): string | null {
  return token === undefined ? null : token.replace(/~1/g, '/').replace(/~0/g, '~');
}
