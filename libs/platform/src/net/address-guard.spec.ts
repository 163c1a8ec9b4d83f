import {
  AddressPolicy,
  forbiddenLiteralHost,
  isLoopbackAddress,
  isPermittedAddress,
  isPublicAddress,
  permittedOnlyLookup,
  PUBLIC_ONLY,
} from './address-guard';

describe('isPublicAddress', () => {
  it.each(['8.8.8.8', '203.0.113.7', '2001:4860:4860::8888'])('lets %p through', (a) =>
    expect(isPublicAddress(a)).toBe(true),
  );

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ])('blocks %p', (a) => expect(isPublicAddress(a)).toBe(false));

  describe.each([
    // [range, addresses it must block, addresses of the range that stay public]
    ['0.0.0.0/8 ("this network")', ['0.0.0.0', '0.1.2.3', '0.255.255.255'], ['1.0.0.1']],
    ['100.64.0.0/10 (CGNAT)', ['100.64.0.1', '100.127.255.254'], ['100.63.255.255', '100.128.0.1']],
    [
      'multicast and broadcast',
      ['224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255'],
      ['223.255.255.1'],
    ],
    ['IPv6 multicast', ['ff02::1', 'ff05::1:3', 'ff0e::101'], []],
    ['fc00::/7 (unique local)', ['fc00::1', 'fd12:3456:789a::1', 'fdff:ffff::1'], ['fe00::1']],
    [
      'IPv4-mapped IPv6 ::ffff:a.b.c.d, also as WHATWG URL writes it (hex)',
      ['::ffff:127.0.0.1', '::ffff:7f00:1', '::FFFF:10.0.0.1', '::ffff:a9fe:a9fe', '0:0:0:0:0:ffff:c0a8:101'],
      ['::ffff:8.8.8.8', '::ffff:808:808'],
    ],
    ['IPv4-compatible ::a.b.c.d (deprecated)', ['::127.0.0.1', '::7f00:1', '::a00:1', '::8.8.8.8'], []],
    [
      'NAT64 64:ff9b::/96 by its embedded IPv4',
      ['64:ff9b::127.0.0.1', '64:ff9b::7f00:1', '64:ff9b::a9fe:a9fe', '64:ff9b::c0a8:1', '64:ff9b::'],
      ['64:ff9b::808:808', '64:ff9b::8.8.8.8'],
    ],
    ['local-use NAT64 64:ff9b:1::/48', ['64:ff9b:1::a00:1', '64:ff9b:1:ffff::808:808'], []],
    [
      '6to4 2002::/16 by its embedded IPv4',
      ['2002:7f00:1::1', '2002:a00:1::', '2002:c0a8:101:1::1', '2002:a9fe:a9fe::', '2002::1'],
      ['2002:808:808::1'],
    ],
    [
      'Teredo 2001::/32 (IPv4 hidden in the address)',
      ['2001:0:4136:e378:8000:63bf:3fff:fdd2', '2001::1'],
      [],
    ],
  ] as const)('%s', (_range, blocked, allowed) => {
    it.each([...blocked])('blocks %p', (a) => expect(isPublicAddress(a)).toBe(false));
    if (allowed.length > 0)
      it.each([...allowed])('lets %p through', (a) => expect(isPublicAddress(a)).toBe(true));
  });
});

const LOOPBACK_ONLY: AddressPolicy = { allowPrivate: false, allowLoopback: true };
const EVERYTHING: AddressPolicy = { allowPrivate: true, allowLoopback: false };

describe('isPermittedAddress', () => {
  it('lets loopback (only) through when loopback is allowed', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(a)).toBe(true);
      expect(isPermittedAddress(a, LOOPBACK_ONLY)).toBe(true);
      expect(isPermittedAddress(a, PUBLIC_ONLY)).toBe(false);
    }
    for (const a of ['10.0.0.1', '169.254.169.254', 'fe80::1', '::ffff:10.0.0.1', '0.0.0.0'])
      expect(isPermittedAddress(a, LOOPBACK_ONLY)).toBe(false);
    expect(isPermittedAddress('10.0.0.1', EVERYTHING)).toBe(true);
    expect(isPermittedAddress('8.8.8.8', PUBLIC_ONLY)).toBe(true);
  });
});

describe('forbiddenLiteralHost', () => {
  const host = (url: string, policy = PUBLIC_ONLY) => forbiddenLiteralHost(new URL(url), policy);

  it.each([
    ['http://127.0.0.1:8080/x', '127.0.0.1'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254'],
    ['https://10.0.0.5/hook', '10.0.0.5'],
    ['http://[::1]/hook', '::1'],
    ['http://[fe80::1]/hook', 'fe80::1'],
    ['http://[::ffff:192.168.0.1]/hook', '::ffff:c0a8:1'],
    // The URL parser's spellings of 127.0.0.1.
    ['http://2130706433/hook', '127.0.0.1'],
    ['http://0x7f.1/hook', '127.0.0.1'],
    ['http://LOCALHOST:3000/hook', 'localhost'],
    ['http://api.localhost/hook', 'api.localhost'],
  ])('names %p as forbidden', (url, expected) => expect(host(url)).toBe(expected));

  it('leaves public addresses and other names to the connection-time check', () => {
    expect(host('https://8.8.8.8/hook')).toBeNull();
    expect(host('https://vendor.example.jp/hook')).toBeNull();
  });

  it('allows loopback (not the private networks) when loopback is allowed', () => {
    expect(host('http://127.0.0.1:8080/x', LOOPBACK_ONLY)).toBeNull();
    expect(host('http://localhost:8080/x', LOOPBACK_ONLY)).toBeNull();
    expect(host('http://10.0.0.5/x', LOOPBACK_ONLY)).toBe('10.0.0.5');
    expect(host('http://10.0.0.5/x', EVERYTHING)).toBeNull();
  });
});

describe('permittedOnlyLookup', () => {
  const resolve = (policy: AddressPolicy) =>
    new Promise<Error | null>((done) => permittedOnlyLookup(policy)('localhost', {}, (e) => done(e)));

  it('refuses a name that resolves to loopback, unless loopback is allowed', async () => {
    expect((await resolve(PUBLIC_ONLY))?.name).toBe('BlockedAddressError');
    expect(await resolve(LOOPBACK_ONLY)).toBeNull();
  });
});
