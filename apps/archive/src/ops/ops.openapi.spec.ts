import { Problems } from '@careplan/contracts';
import { loadEnv, openApiDocumentOf } from '@careplan/platform';
import { asWritten, checkedInOpenApi, undocumentedProblems } from '@careplan/testing';
import { AppModule } from '../app.module';
import { ArchiveEnv } from '../config/archive.env';
import { opsOpenApi } from './ops.openapi';

describe('the operations API OpenAPI contract', () => {
  it('is the checked-in openapi/ops.json (after a change of the API, run `npm run openapi`)', async () => {
    const document = await openApiDocumentOf(AppModule.register(loadEnv(ArchiveEnv, {})), opsOpenApi);
    expect(asWritten(document)).toEqual(checkedInOpenApi('ops'));
  });

  it('documents only the operations API: no internal route, every path under /ops/v1', () => {
    const doc = checkedInOpenApi('ops') as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
    for (const path of Object.keys(doc.paths)) expect(path).toMatch(/^\/ops\/v1\//);
  });

  it('gives every operation its problems: problem+json per status, naming codes of the registry at that status', () => {
    expect(undocumentedProblems('ops', Problems)).toEqual([]);
  });
});
