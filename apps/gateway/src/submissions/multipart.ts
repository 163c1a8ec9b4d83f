import type { FastifyRequest } from 'fastify';
import { SubmissionErrors } from './submission.errors';

export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  maxBundleBytes: number;
}

export interface UploadedFile {
  /** The name as sent (sanitised later). */
  rawName: string;
  bytes: Buffer;
}

export interface UploadedBundle {
  to: string | undefined;
  files: UploadedFile[];
}

// Only `to` is a field; a few more are parsed so that a stray one gets a clear FIELD_UNKNOWN.
const MAX_FIELDS = 20;

/** Reads a multipart submission into memory within the limits, mapping each overflow to its error. */
export async function readBundle(req: FastifyRequest, limits: UploadLimits): Promise<UploadedBundle> {
  if (!req.isMultipart()) throw SubmissionErrors.notMultipart();
  if (!hasValidBoundary(req.headers['content-type'] ?? '')) throw SubmissionErrors.multipartBoundaryInvalid();
  const bundle: UploadedBundle = { to: undefined, files: [] };
  let total = 0;
  let current = '';
  // The parser may only report its own count limits after destroying the file being read, which
  // surfaces as a bare stream error; so it gets one more of each and this loop counts first.
  const parserLimits = { fileSize: limits.maxFileBytes, files: limits.maxFiles + 1, fields: MAX_FIELDS + 1 };
  try {
    for await (const part of req.parts({ limits: parserLimits })) {
      if (part.type === 'field') {
        if (part.fieldname !== 'to') throw SubmissionErrors.unknownField(part.fieldname);
        if (bundle.to !== undefined) throw SubmissionErrors.duplicateField(part.fieldname);
        bundle.to = typeof part.value === 'string' ? part.value.trim() : '';
        continue;
      }
      if (bundle.files.length >= limits.maxFiles) throw SubmissionErrors.tooManyFiles(limits.maxFiles);
      // A part sent with an empty filename arrives without one: it is then an invalid name, not a crash.
      current = part.filename ?? '';
      const bytes = await part.toBuffer();
      total += bytes.length;
      if (total > limits.maxBundleBytes) throw SubmissionErrors.bundleTooLarge(limits.maxBundleBytes);
      bundle.files.push({ rawName: current, bytes });
    }
  } catch (e) {
    throw mapMultipartError(e, limits, current);
  }
  return bundle;
}

// RFC 2046: 1 to 70 characters. The parser throws outside the request's stream on a missing, empty or long one.
const BOUNDARY = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;

function hasValidBoundary(contentType: string): boolean {
  const [, quoted, bare] = BOUNDARY.exec(contentType) ?? [];
  const boundary = quoted ?? bare ?? '';
  return boundary.length >= 1 && boundary.length <= 70;
}

function mapMultipartError(e: unknown, limits: UploadLimits, file: string): unknown {
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return SubmissionErrors.fileTooLarge(file, limits.maxFileBytes);
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return SubmissionErrors.tooManyFiles(limits.maxFiles);
    case 'FST_FIELDS_LIMIT':
      return SubmissionErrors.tooManyFields(MAX_FIELDS);
    case 'FST_PROTO_VIOLATION':
      return SubmissionErrors.unknownField('__proto__');
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return SubmissionErrors.multipartIncomplete();
    default:
      return e;
  }
}
