import { Controller, Get, Logger, Module, UseGuards } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource, storageDatabase } from '@careplan/persistence';
import { createHttpApp, PlatformModule } from '@careplan/platform';
import { CARE_OFFICE, HOME_HELP_OFFICE } from '@careplan/spec/testing';
import { createTestDatabase, redisUrl, TestDatabase } from '@careplan/testing';
import { gatewayDatabase } from '../database/gateway.database';
import { SpecController } from '../spec/spec.controller';
import { ApiKeyGuard, CurrentOffice } from './api-key.guard';
import { registeredOffice } from '../registry/registry.testing';
import { AuthenticatedOffice, OfficesService } from './offices.service';
import { accessTokensOn, officesServiceOn } from './offices.testing';
import { AccessTokensService } from '../auth/access-tokens.service';

@Controller('v1/whoami')
@UseGuards(ApiKeyGuard)
class WhoAmIController {
  @Get()
  get(@CurrentOffice() office: AuthenticatedOffice) {
    return { officeNumber: office.officeNumber };
  }
}

describe('gateway rate limits: per office behind its keys, per address on public routes (PostgreSQL, Redis)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let app: NestFastifyApplication;
  const keys: Record<string, string[]> = {};

  const get = (url: string, address: string, apiKey?: string) =>
    app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, remoteAddress: address, headers: apiKey ? { 'x-api-key': apiKey } : {} });
  const statuses = async (calls: (() => ReturnType<typeof get>)[]) => {
    const out: number[] = [];
    for (const call of calls) out.push((await call()).statusCode);
    return out;
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    const offices = officesServiceOn(ds);
    for (const office of [CARE_OFFICE, HOME_HELP_OFFICE])
      keys[office] = [
        (await registeredOffice(ds, office, 'it')).apiKey,
        (await registeredOffice(ds, office, 'it', 'second PC')).apiKey,
      ];

    @Module({
      imports: [PlatformModule.forRoot({ serviceName: 'it-gateway', logLevel: 'silent' })],
      controllers: [WhoAmIController, SpecController],
      providers: [
        { provide: OfficesService, useValue: offices },
        { provide: AccessTokensService, useValue: accessTokensOn(ds) },
        ApiKeyGuard,
      ],
    })
    class TestModule {}
    app = await createHttpApp(TestModule, {
      port: 0,
      host: '127.0.0.1',
      internal: { port: 0, host: '127.0.0.1' },
      rateLimit: {
        perMinute: 3,
        publicPerMinute: 2,
        redisUrl: redisUrl(),
        keyPrefix: `it:${randomBytes(4).toString('hex')}:gateway:`,
      },
    });
  });

  afterAll(async () => {
    await app.close();
    await ds.destroy();
    await db.drop();
  });

  it("counts an office's requests together whichever key and address they come from; other offices unaffected", async () => {
    const [first, second] = keys[CARE_OFFICE];
    expect(
      await statuses([
        () => get('/v1/whoami', '10.9.0.1', first),
        () => get('/v1/whoami', '10.9.0.2', second),
        () => get('/v1/whoami', '10.9.0.1', first),
      ]),
    ).toEqual([200, 200, 200]);
    const refused = await get('/v1/whoami', '10.9.0.3', second);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await get('/v1/whoami', '10.9.0.1', keys[HOME_HELP_OFFICE][0])).json()).toEqual({
      officeNumber: HOME_HELP_OFFICE,
    });
  });

  it('answers guessed keys 401, then 429 from that address, and keeps serving real keys there', async () => {
    expect(
      await statuses([
        () => get('/v1/whoami', '10.9.1.1', 'cpx_guess1'),
        () => get('/v1/whoami', '10.9.1.1', 'cpx_guess2'),
        () => get('/v1/whoami', '10.9.1.1', 'cpx_guess3'),
        () => get('/v1/whoami', '10.9.1.2', 'cpx_guess4'),
      ]),
    ).toEqual([401, 401, 429, 401]);
    expect((await get('/v1/whoami', '10.9.1.1', keys[HOME_HELP_OFFICE][1])).statusCode).toBe(200);
  });

  it('limits the public spec routes per address, a made-up key included', async () => {
    expect(
      await statuses([
        () => get('/v1/spec/file-types', '10.9.2.1'),
        () => get('/v1/spec/schemas/UPPLAN', '10.9.2.1', 'made-up'),
        () => get('/v1/spec/file-types', '10.9.2.1', 'made-up'),
        () => get('/v1/spec/file-types', '10.9.2.2'),
      ]),
    ).toEqual([200, 200, 429, 200]);
  });
});
