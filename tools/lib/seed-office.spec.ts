import { OfficeSeeder } from './seed-office';

describe('OfficeSeeder', () => {
  it('refuses a malformed office number before calling any service', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const seeder = new OfficeSeeder({
      opsUrl: 'http://127.0.0.1:9',
      gatewayUrl: 'http://127.0.0.1:9',
      databaseUrl: 'postgres://postgres@127.0.0.1:9/none',
      token: 'cpo_test',
    });
    await expect(seeder.seed('13712', '事業所')).rejects.toThrow(
      '"13712" is not a valid 10-character office number',
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});
