import { AppException } from '@careplan/platform';
import { CARE_OFFICE, HOME_HELP_OFFICE, buildBundle } from '@careplan/spec/testing';
import { checkBundleFiles } from './bundle';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppException) return e.code;
    throw e;
  }
  throw new Error('expected an AppException');
};

const csv = () => buildBundle('plan').map((f) => ({ rawName: f.name, bytes: Buffer.from(f.bytes) }));

describe('checkBundleFiles', () => {
  it('classifies standard CSV files and attachments', () => {
    const files = [...csv(), { rawName: 'sub/モニタリング.pdf', bytes: Buffer.from('%PDF-1.4') }];
    const checked = checkBundleFiles(files, CARE_OFFICE, HOME_HELP_OFFICE);
    expect(checked.map((f) => f.kind)).toEqual(['csv', 'csv', 'csv', 'attachment']);
    expect(checked[3]).toMatchObject({ name: 'モニタリング.pdf', contentType: 'application/pdf' });
  });

  it('refuses CSV files that name another sender or receiver', () => {
    expect(code(() => checkBundleFiles(csv(), HOME_HELP_OFFICE, CARE_OFFICE))).toBe(
      'FILE_NAME_SENDER_MISMATCH',
    );
    expect(code(() => checkBundleFiles(csv(), CARE_OFFICE, '1311111111'))).toBe(
      'FILE_NAME_RECEIVER_MISMATCH',
    );
  });

  it('refuses empty bundles, duplicate names and disallowed attachments', () => {
    expect(code(() => checkBundleFiles([], CARE_OFFICE, HOME_HELP_OFFICE))).toBe('FILES_MISSING');
    const twice = [
      { rawName: 'a.txt', bytes: Buffer.from('x') },
      { rawName: 'x/a.txt', bytes: Buffer.from('y') },
    ];
    expect(code(() => checkBundleFiles(twice, CARE_OFFICE, HOME_HELP_OFFICE))).toBe('FILE_NAME_DUPLICATE');
    const exe = [{ rawName: 'tool.exe', bytes: Buffer.from('MZ') }];
    expect(code(() => checkBundleFiles(exe, CARE_OFFICE, HOME_HELP_OFFICE))).toBe(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    const fake = [{ rawName: 'scan.pdf', bytes: Buffer.from('MZ') }];
    expect(code(() => checkBundleFiles(fake, CARE_OFFICE, HOME_HELP_OFFICE))).toBe(
      'ATTACHMENT_CONTENT_MISMATCH',
    );
  });
});
