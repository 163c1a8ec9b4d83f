import { ProblemCode, Problems } from '@careplan/contracts';
import { loadEnv, openApiDocumentOf } from '@careplan/platform';
import { asWritten, checkedInOpenApi } from '@careplan/testing';
import { AppModule } from '../app.module';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayOpenApi } from './gateway.openapi';

describe('the gateway OpenAPI contract', () => {
  it('is the checked-in openapi/gateway.json (after a change of the API, run `npm run openapi`)', async () => {
    const document = await openApiDocumentOf(AppModule.register(loadEnv(GatewayEnv, {})), gatewayOpenApi);
    expect(asWritten(document)).toEqual(checkedInOpenApi('gateway'));
  });

  it('gives every operation a summary and an explicit security requirement', () => {
    const doc = checkedInOpenApi('gateway') as {
      paths: Record<string, Record<string, { summary?: string; security?: unknown[] }>>;
    };
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(operations.length).toBeGreaterThan(20);
    for (const o of operations) {
      expect(o.summary).toMatch(/ — /);
      expect(Array.isArray(o.security)).toBe(true);
    }
  });

  it('gives every operation its problems: problem+json per status, naming codes of the registry at that status', () => {
    const doc = checkedInOpenApi('gateway') as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { description: string; content?: object }> }>
      >;
    };
    for (const o of Object.values(doc.paths).flatMap((p) => Object.values(p))) {
      const problems = Object.entries(o.responses).filter(([status]) => /^[45]/.test(status));
      expect(problems.length).toBeGreaterThan(0);
      for (const [status, r] of problems) {
        expect(Object.keys(r.content ?? {})).toEqual(['application/problem+json']);
        const codes = [...r.description.matchAll(/`(\w+)`/g)].map((m) => m[1]);
        expect(codes.length).toBeGreaterThan(0);
        for (const code of codes)
          expect([code, Problems[code as ProblemCode]?.status]).toEqual([code, Number(status)]);
      }
    }
  });
});
