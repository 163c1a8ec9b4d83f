import { AppException } from '@careplan/platform';
import { FILE_TYPES, parseFileName, parseRecords } from '@careplan/spec';
import {
  buildFile,
  DEFAULT_PARTIES,
  HOME_HELP_OFFICE,
  JISSEKI_PARTIES,
  CARE_OFFICE,
} from '@careplan/spec/testing';
import { checkBundleFiles } from './bundle';
import { MAX_RECORD_PROBLEMS, renderJsonBundle, type JsonBundle, type JsonDocument } from './json-bundle';

const LIMITS = { maxFileBytes: 10 * 1024 * 1024, maxFiles: 100, maxBundleBytes: 50 * 1024 * 1024 };
const SERIAL = '20251203103000';

/** The fixture of a type as a JSON document, from the parties its fixture names. */
function documentOf(fileType: (typeof FILE_TYPES)[number]['id']): { doc: JsonDocument; bytes: Uint8Array } {
  const file = buildFile(fileType);
  const name = parseFileName(file.name);
  if (!name) throw new Error(`fixture ${file.name} does not parse`);
  // Through JSON text, as a vendor would send what GET …/records returned.
  const records = JSON.parse(JSON.stringify(parseRecords(file).records)) as object[];
  const doc: JsonDocument = {
    fileType,
    senderServiceKind: name.senderServiceKind ?? '',
    receiverServiceKind: name.receiverServiceKind ?? '',
    records,
    ...(name.yyyymm ? { yyyymm: name.yyyymm } : {}),
  };
  return { doc, bytes: file.bytes };
}

function refusal(body: JsonBundle): AppException {
  try {
    renderJsonBundle(body, CARE_OFFICE, SERIAL, LIMITS);
  } catch (e) {
    if (e instanceof AppException) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('renderJsonBundle', () => {
  const csvTypes = FILE_TYPES.filter((f) => f.isCsv).map((f) => f.id);

  it.each(csvTypes)(
    'renders the records of the %s fixture back to its bytes (file name aside)',
    (fileType) => {
      const { doc, bytes } = documentOf(fileType);
      const parties = fileType === 'UPJSK' || fileType === 'DLTJSK' ? JISSEKI_PARTIES : DEFAULT_PARTIES;
      const bundle = renderJsonBundle(
        { to: parties.receiver, documents: [doc] },
        parties.sender,
        SERIAL,
        LIMITS,
      );
      expect(bundle.files).toHaveLength(1);
      expect(Buffer.compare(bundle.files[0].bytes, Buffer.from(bytes))).toBe(0);
      expect(parseFileName(bundle.files[0].rawName)).toMatchObject({
        fileType,
        senderOfficeNumber: parties.sender,
        receiverOfficeNumber: parties.receiver,
        serial: SERIAL,
        legacy: false,
      });
    },
  );

  it('gives every document of the bundle the one serial, and passes the intake checks with a PDF', () => {
    const pdf = Buffer.from('%PDF-1.4\n%…').toString('base64');
    const bundle = renderJsonBundle(
      {
        to: HOME_HELP_OFFICE,
        documents: [documentOf('UP1KYO').doc, documentOf('UPPLAN').doc],
        attachments: [{ name: '計画書.pdf', contentType: 'application/pdf', contentBase64: pdf }],
      },
      CARE_OFFICE,
      SERIAL,
      LIMITS,
    );
    expect(bundle.files.map((f) => parseFileName(f.rawName)?.serial ?? null)).toEqual([SERIAL, SERIAL, null]);
    const checked = checkBundleFiles(bundle.files, CARE_OFFICE, HOME_HELP_OFFICE);
    expect(checked.map((f) => f.kind)).toEqual(['csv', 'csv', 'attachment']);
    expect(checked[2]).toMatchObject({ name: '計画書.pdf', contentType: 'application/pdf' });
  });

  it('names an unknown file type, and a CSV type only: the family image is no records file', () => {
    for (const fileType of ['UPNOPE', 'UPKIHON_IMAGE']) {
      const e = refusal({ to: HOME_HELP_OFFICE, documents: [{ ...documentOf('UP1KYO').doc, fileType }] });
      expect(e.code).toBe('JSON_FILE_TYPE_UNKNOWN');
      expect(e.extra).toMatchObject({ pointer: '/documents/0/fileType' });
    }
  });

  it('names the document, record and item of a missing item, a wrong type and an unknown item', () => {
    const { doc } = documentOf('UP1KYO');
    const [first, ...rest] = doc.records as Record<string, unknown>[];
    const { csvVersion: _dropped, ...missing } = first;
    const records = [first, missing, { ...first, insuredNo: 123 }, { ...first, extra: 'x' }, ...rest];
    const e = refusal({ to: HOME_HELP_OFFICE, documents: [documentOf('UPPLAN').doc, { ...doc, records }] });
    expect(e.code).toBe('JSON_RECORDS_INVALID');
    expect(e.extra['details']).toEqual([
      expect.objectContaining({
        document: 1,
        record: 1,
        item: 'csvVersion',
        pointer: '/documents/1/records/1/csvVersion',
        keyword: 'required',
      }),
      expect.objectContaining({
        document: 1,
        record: 2,
        item: 'insuredNo',
        pointer: '/documents/1/records/2/insuredNo',
        keyword: 'type',
      }),
      expect.objectContaining({
        document: 1,
        record: 3,
        item: 'extra',
        pointer: '/documents/1/records/3/extra',
        keyword: 'additionalProperties',
      }),
    ]);
    expect(e.extra).toMatchObject({ pointer: '/documents/1/records/1/csvVersion' });
  });

  it('answers a document of bad records with its first problems only', () => {
    const { doc } = documentOf('UP1KYO');
    const records = Array.from({ length: 500 }, () => ({}));
    const e = refusal({ to: HOME_HELP_OFFICE, documents: [{ ...doc, records }] });
    expect((e.extra['details'] as unknown[]).length).toBe(MAX_RECORD_PROBLEMS);
  });

  it('names the item whose value MS932 cannot hold', () => {
    const { doc } = documentOf('UP1KYO');
    const [first] = doc.records as Record<string, unknown>[];
    const text =
      Object.entries(first).find(([k, v]) => typeof v === 'string' && /name/i.test(k))?.[0] ?? 'name';
    const e = refusal({
      to: HOME_HELP_OFFICE,
      documents: [{ ...doc, records: [{ ...first, [text]: '𠮷野' }] }],
    });
    expect(e.code).toBe('JSON_RECORDS_INVALID');
    expect(e.extra['details']).toEqual([
      expect.objectContaining({ record: 0, item: text, keyword: 'ms932' }),
    ]);
  });

  it('asks for the month the name carries, and refuses one it does not', () => {
    const { yyyymm: _month, ...plan } = documentOf('UPPLAN').doc;
    expect(refusal({ to: HOME_HELP_OFFICE, documents: [plan] }).code).toBe('JSON_YYYYMM_MISSING');
    const kyo = { ...documentOf('UP1KYO').doc, yyyymm: '202505' };
    expect(refusal({ to: HOME_HELP_OFFICE, documents: [kyo] }).extra).toMatchObject({
      pointer: '/documents/0/yyyymm',
    });
  });

  it('refuses an attachment that is not base64, or whose contentType is not what it is', () => {
    const base = { to: HOME_HELP_OFFICE, documents: [] };
    const bad = refusal({
      ...base,
      attachments: [{ name: 'a.pdf', contentType: 'application/pdf', contentBase64: '%PDF-1.4!' }],
    });
    expect(bad.code).toBe('JSON_ATTACHMENT_INVALID');
    expect(bad.extra).toMatchObject({ pointer: '/attachments/0/contentBase64' });
    const png = Buffer.from('%PDF-1.4').toString('base64');
    const mismatch = refusal({
      ...base,
      attachments: [{ name: 'a.pdf', contentType: 'image/png', contentBase64: png }],
    });
    expect(mismatch.code).toBe('JSON_ATTACHMENT_TYPE_MISMATCH');
    const csv = refusal({
      ...base,
      attachments: [{ name: 'a.CSV', contentType: 'text/csv', contentBase64: png }],
    });
    expect(csv.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('checks the receiver first: it is part of every file name', () => {
    const documents = [documentOf('UP1KYO').doc];
    expect(refusal({ to: '', documents }).code).toBe('RECEIVER_MISSING');
    expect(refusal({ to: '13712', documents }).code).toBe('RECEIVER_INVALID');
  });

  it('keeps the bundle limits of multipart: files, and bytes in total', () => {
    const { doc } = documentOf('UP1KYO');
    const docs = Array.from({ length: 3 }, () => doc);
    const small = { ...LIMITS, maxFiles: 2 };
    expect(() =>
      renderJsonBundle({ to: HOME_HELP_OFFICE, documents: docs }, CARE_OFFICE, SERIAL, small),
    ).toThrow(expect.objectContaining({ code: 'TOO_MANY_FILES' }));
    const tight = { ...LIMITS, maxBundleBytes: 10 };
    expect(() =>
      renderJsonBundle({ to: HOME_HELP_OFFICE, documents: [doc] }, CARE_OFFICE, SERIAL, tight),
    ).toThrow(expect.objectContaining({ code: 'BUNDLE_TOO_LARGE' }));
    expect(() =>
      renderJsonBundle({ to: HOME_HELP_OFFICE, documents: [] }, CARE_OFFICE, SERIAL, LIMITS),
    ).toThrow(expect.objectContaining({ code: 'FILES_MISSING' }));
  });
});
