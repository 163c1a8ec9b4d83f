import { Problems } from '@careplan/contracts';
import { loadEnv, openApiDocumentOf } from '@careplan/platform';
import { asWritten, checkedInOpenApi, undocumentedProblems, operationsOf } from '@careplan/testing';
import { AppModule } from '../app.module';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayOpenApi } from './gateway.openapi';

describe('the gateway OpenAPI contract', () => {
  it('is the checked-in openapi/gateway.json (after a change of the API, run `npm run openapi`)', async () => {
    const document = await openApiDocumentOf(AppModule.register(loadEnv(GatewayEnv, {})), gatewayOpenApi);
    expect(asWritten(document)).toEqual(checkedInOpenApi('gateway'));
  });

  it('gives every operation a summary and an explicit security requirement', () => {
    const operations = operationsOf('gateway');
    expect(operations.length).toBeGreaterThan(20);
    for (const o of operations) {
      expect(o.summary).toMatch(/ — /);
      expect(Array.isArray(o.security)).toBe(true);
    }
  });

  it('gives every operation its problems: problem+json per status, naming codes of the registry at that status', () => {
    expect(undocumentedProblems('gateway', Problems)).toEqual([]);
  });
});
