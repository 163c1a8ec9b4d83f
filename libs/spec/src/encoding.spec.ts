import {
  classifyText,
  decodeMs932,
  encodeMs932,
  encodeMs932Lenient,
  findUnencodable,
  looksLikeUtf8,
  ms932ByteLength,
  toMs932Safe,
} from './encoding';

describe('MS932', () => {
  it('round-trips Japanese text including NEC special characters', () => {
    const text = '山田　花子　髙橋①㈱ｶﾅ～';
    expect(decodeMs932(encodeMs932(text))).toBe(text);
  });

  it('marks broken sequences, 外字 and control characters', () => {
    expect(classifyText(decodeMs932(Uint8Array.from([0x41, 0x82, 0x2c])))).toBe('invalid'); // lead byte + comma
    expect(classifyText(decodeMs932(Uint8Array.from([0xf0, 0x40])))).toBe('gaiji');
    expect(classifyText(decodeMs932(Uint8Array.from([0x80])))).toBe('invalid');
    expect(classifyText('A\u0001B')).toBe('control');
    expect(classifyText('改行\r\nあり')).toBeNull();
  });

  it('decodes 外字 of lead byte F9 to the private use area like the rest of F040-F9FC', () => {
    expect(decodeMs932(Uint8Array.from([0xf9, 0x50, 0x41, 0x82, 0xa0]))).toBe('\ue6acAあ');
    expect(decodeMs932(Uint8Array.from([0xf9, 0xfc, 0x2c, 0x88, 0xf9, 0xa0]))).toBe('\ue757,\u98f2\ufffd');
    // With F8xx 外字 in the same file, F9xx stays in the private use area too.
    expect(classifyText(decodeMs932(Uint8Array.from([0xf8, 0x40, 0xf9, 0x50])))).toBe('gaiji');
  });

  it('keeps a delimiter that follows a broken lead byte', () => {
    expect(decodeMs932(Uint8Array.from([0x41, 0x82, 0x2c, 0x42]))).toBe('A\ufffd,B');
  });

  it('measures length in half-width units', () => {
    expect(ms932ByteLength('ABC')).toBe(3);
    expect(ms932ByteLength('１２')).toBe(4);
    expect(ms932ByteLength('ｶﾅ')).toBe(2);
  });

  it('substitutes 〓 (or a given stand-in) for characters MS932 cannot hold, when asked to be lenient', () => {
    expect(toMs932Safe('髙橋😀様ⅰ')).toBe('髙橋〓様ⅰ');
    expect(decodeMs932(encodeMs932Lenient('髙橋😀様\r\n①€ok\r\n'))).toBe('髙橋〓様\r\n①〓ok\r\n');
    expect(decodeMs932(encodeMs932Lenient('a😀b', '_'))).toBe('a_b');
    // encodeMs932 itself is unchanged
    expect(decodeMs932(encodeMs932('a😀b'))).not.toContain('〓');
  });

  it('finds characters MS932 lacks', () => {
    expect(findUnencodable('abc山田')).toBe(-1);
    expect(findUnencodable('山田😀')).toBe(2);
    expect(findUnencodable('〜')).toBe(0); // WAVE DASH is not MS932 (FULLWIDTH TILDE is)
    expect(findUnencodable('\ue000')).toBe(0);
  });

  it('recognises UTF-8 files', () => {
    expect(looksLikeUtf8(Buffer.from('山田,花子', 'utf8'))).toBe(true);
    expect(looksLikeUtf8(encodeMs932('山田,花子'))).toBe(false);
  });
});
