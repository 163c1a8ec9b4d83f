import { canonicalJson } from './receipt.canonical';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('keeps non-ASCII text as UTF-8 and escapes what JSON must', () => {
    expect(canonicalJson({ name: '山田 "花子"\n' })).toBe('{"name":"山田 \\"花子\\"\\n"}');
  });

  it('does not depend on the order members were written in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('writes an optional member only when present, so content without it keeps its bytes', () => {
    const old = { sender: { officeNumber: '1371201367' } };
    const actor = { type: 'staff', id: 'u1', label: 'yamada' };
    expect(canonicalJson({ sender: { officeNumber: '1371201367', actor: undefined } })).toBe(
      canonicalJson(old),
    );
    expect(canonicalJson({ sender: { officeNumber: '1371201367', actor } })).toBe(
      '{"sender":{"actor":{"id":"u1","label":"yamada","type":"staff"},"officeNumber":"1371201367"}}',
    );
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});
