import { checkAttachment, sanitizeFileName } from './file-types';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('checkAttachment', () => {
  it.each([
    ['sheet.pdf', Buffer.from('%PDF-1.7\n'), 'application/pdf'],
    ['photo.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['photo.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xdb]), 'image/jpeg'],
    ['map.gif', Buffer.from('GIF89a..'), 'image/gif'],
    ['scan.png', PNG, 'image/png'],
    ['memo.txt', Buffer.from('欠席の連絡', 'utf8'), 'text/plain'],
  ])('accepts %s', (name, bytes, contentType) => {
    expect(checkAttachment(name, bytes)).toEqual({ ok: true, contentType });
  });

  it('refuses other extensions', () => {
    expect(checkAttachment('setup.exe', Buffer.from('MZ'))).toEqual({
      ok: false,
      reason: 'extension',
      extension: '.exe',
    });
    expect(checkAttachment('noextension', Buffer.from('x'))).toMatchObject({
      ok: false,
      reason: 'extension',
    });
  });

  it('refuses content that does not match the extension', () => {
    expect(checkAttachment('invoice.pdf', Buffer.from('MZ\x90\x00'))).toMatchObject({
      ok: false,
      reason: 'content',
    });
    expect(checkAttachment('photo.png', Buffer.from([0xff, 0xd8, 0xff]))).toMatchObject({
      ok: false,
      reason: 'content',
    });
    expect(checkAttachment('memo.txt', Buffer.from([0x41, 0x00, 0x42]))).toMatchObject({
      ok: false,
      reason: 'content',
    });
  });
});

describe('sanitizeFileName', () => {
  it('keeps only the last path segment and drops control characters', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\care\\計画書.pdf')).toBe('計画書.pdf');
    expect(sanitizeFileName('a\u0000b\r\n.txt')).toBe('ab.txt');
    expect(sanitizeFileName('dir/')).toBe('');
    expect(sanitizeFileName('..')).toBe('');
    expect(sanitizeFileName('x'.repeat(256) + '.txt')).toBe('');
  });

  it('keeps bidi overrides for the bundle check to refuse, and composes to NFC', () => {
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoice\u202Efdp.exe');
    expect(sanitizeFileName('\u30ab\u3099.pdf')).toBe('\u30ac.pdf');
  });
});
