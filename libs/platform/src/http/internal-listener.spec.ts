import { freePort } from '@careplan/testing';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PlatformModule } from '../platform.module';
import { createHttpApp } from './bootstrap';

@Controller('internal/v1/things')
class InternalThingsController {
  @Get() list(): { items: string[] } {
    return { items: ['internal'] };
  }
}

@Controller('v1/things')
class PublicThingsController {
  @Get() list(): { items: string[] } {
    return { items: ['public'] };
  }
}

@Module({
  imports: [PlatformModule.forRoot({ serviceName: 'listener-spec', logLevel: 'silent' })],
  controllers: [InternalThingsController, PublicThingsController],
})
class SampleModule {}

describe('createHttpApp: internal routes on their own listener', () => {
  let app: NestFastifyApplication;
  let publicUrl: string;
  let internalUrl: string;

  beforeAll(async () => {
    const [port, internalPort] = [await freePort(), await freePort()];
    app = await createHttpApp(SampleModule, {
      port,
      host: '127.0.0.1',
      internal: { port: internalPort, host: '127.0.0.1' },
    });
    publicUrl = `http://127.0.0.1:${port}`;
    internalUrl = `http://127.0.0.1:${internalPort}`;
  });

  afterAll(() => app.close());

  const get = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as object };
  };

  it('serves /internal only on the internal port', async () => {
    expect(await get(`${internalUrl}/internal/v1/things`)).toMatchObject({
      status: 200,
      body: { items: ['internal'] },
    });
    const hidden = await get(`${publicUrl}/internal/v1/things`);
    expect(hidden.status).toBe(404);
    // The same answer as any unknown path: nothing tells that the route exists.
    const unknown = await get(`${publicUrl}/nowhere`);
    expect(hidden.type).toBe(unknown.type);
    expect(Object.keys(hidden.body).sort()).toEqual(Object.keys(unknown.body).sort());
  });

  it.each(['/%69nternal/v1/things', '/internal/v1/things/', '/internal/v1/%74hings?x=1'])(
    'refuses %p on the public port, however it is spelled',
    async (path) => {
      expect((await fetch(`${publicUrl}${path}`)).status).toBe(404);
    },
  );

  it('serves the public routes only on the public port', async () => {
    expect((await get(`${publicUrl}/v1/things`)).body).toEqual({ items: ['public'] });
    expect((await fetch(`${internalUrl}/v1/things`)).status).toBe(404);
  });
});
