import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ListSubmissionsQuery } from '../../submissions/dto/list-submissions.query';
import { InboxFilterQuery } from './inbox.dto';

// `since` on GET /v1/inbox and GET /v1/submissions: a date (00:00 Japan time) or a timestamp with its zone.
const queries: [string, new () => object][] = [
  ['GET /v1/inbox', InboxFilterQuery],
  ['GET /v1/submissions', ListSubmissionsQuery],
];

describe.each(queries)('%s since', (_name, dto) => {
  const problems = (since: string) => validateSync(plainToInstance(dto, { since })).map((e) => e.property);

  it('accepts a date alone and a timestamp with Z or an offset', () => {
    for (const since of ['2026-11-01', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00.5+09:00'])
      expect({ since, problems: problems(since) }).toEqual({ since, problems: [] });
  });

  it('refuses a timestamp without a zone (it would be read in the server time zone), naming the parameter', () => {
    for (const since of ['2026-11-01T10:00:00', '2026-11-01T10:00', '2026-02-30', 'yesterday'])
      expect({ since, problems: problems(since) }).toEqual({ since, problems: ['since'] });
  });
});
