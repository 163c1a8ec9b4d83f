import { isPublicAddress, publicOnlyLookup } from './address-guard';

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
});

describe('publicOnlyLookup', () => {
  it('refuses a name that resolves to loopback', async () => {
    const err = await new Promise<Error | null>((resolve) =>
      publicOnlyLookup('localhost', {}, (e) => resolve(e)),
    );
    expect(err?.name).toBe('BlockedAddressError');
  });
});
