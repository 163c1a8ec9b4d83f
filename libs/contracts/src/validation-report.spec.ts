import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validateBundle } from '@careplan/spec';
import { SubmissionRejectedEvent } from './events';

const verdict = (report: unknown) =>
  plainToInstance(SubmissionRejectedEvent, {
    eventId: randomUUID(),
    occurredAt: '2026-11-26T00:00:00.000Z',
    submissionId: randomUUID(),
    senderOfficeNumber: '1371201367',
    receiverOfficeNumber: '1371500420',
    files: [
      {
        fileId: randomUUID(),
        name: 'x.csv',
        kind: 'csv',
        contentType: 'text/csv',
        size: 1,
        sha256: 'a'.repeat(64),
      },
    ],
    ok: false,
    report,
  });

describe('the report of a verdict event', () => {
  it('accepts what libs/spec reports', () => {
    const report = validateBundle([{ name: 'x.csv', bytes: Buffer.from('not a standard file') }]);
    expect(report.files[0].issues.length).toBeGreaterThan(0);
    expect(validateSync(verdict(report))).toEqual([]);
  });

  it.each([
    ['files that are not a list', { ok: false, files: 'nope' }],
    [
      'a count that is not a number',
      {
        ok: false,
        files: [
          {
            name: 'x',
            fileType: null,
            csvVersion: null,
            rows: 0,
            errorCount: '1',
            warningCount: 0,
            issues: [],
          },
        ],
      },
    ],
    [
      'an issue of unknown severity',
      {
        ok: false,
        files: [
          {
            name: 'x',
            fileType: null,
            csvVersion: null,
            rows: 0,
            errorCount: 1,
            warningCount: 0,
            issues: [
              {
                code: 'X',
                severity: 'fatal',
                row: null,
                column: null,
                columnName: null,
                value: null,
                message: { ja: 'x', en: 'x' },
              },
            ],
          },
        ],
      },
    ],
  ])('refuses %s', (_what, report) => {
    expect(validateSync(verdict(report))).not.toEqual([]);
  });
});
