import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ProblemFilter } from '@careplan/platform';
import { SpecModule } from './spec.module';

describe('SpecController over HTTP', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [SpecModule] }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('serves a record schema as application/schema+json, the media type its OpenAPI entry gives', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/spec/schemas/UPPLAN' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/schema+json; charset=utf-8');
    expect(res.json()).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
    });
  });

  it('keeps a problem (not a schema) for an unknown file type', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/spec/schemas/UPXXX' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'FILE_TYPE_UNKNOWN' });
  });
});
