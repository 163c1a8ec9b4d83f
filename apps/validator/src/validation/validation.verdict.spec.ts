import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  HistoryKeys,
  SubmissionReceivedEvent,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
  Topics,
} from '@careplan/contracts';
import type { FileReport, ValidationReport } from '@careplan/spec';
import { CARE_OFFICE, HOME_HELP_OFFICE } from '@careplan/spec/testing';
import { issueCounts, unvalidatableReport, verdictMessage } from './validation.verdict';

const sha = (c: string) => c.repeat(64);

function received(files: { name: string; kind: 'csv' | 'attachment' }[]): SubmissionReceivedEvent {
  return Object.assign(new SubmissionReceivedEvent(), {
    eventId: randomUUID(),
    occurredAt: '2026-04-01T00:00:00.000Z',
    submissionId: randomUUID(),
    senderOfficeNumber: CARE_OFFICE,
    receiverOfficeNumber: HOME_HELP_OFFICE,
    files: files.map((f, i) => ({
      fileId: randomUUID(),
      name: f.name,
      kind: f.kind,
      contentType: f.kind === 'csv' ? 'text/csv' : 'image/jpeg',
      size: 10 + i,
      sha256: sha(String(i)),
    })),
  });
}

function fileReport(name: string, errorCount: number, warningCount: number): FileReport {
  return { name, fileType: 'UPPLAN', csvVersion: '202407', rows: 3, errorCount, warningCount, issues: [] };
}

const e = received([
  { name: 'UPPLAN.CSV', kind: 'csv' },
  { name: 'UPSIKYU.CSV', kind: 'csv' },
  { name: 'family.jpg', kind: 'attachment' },
]);

describe('unvalidatableReport', () => {
  const report = unvalidatableReport(e);

  it('rejects, with one entry for every file of the submission, attachments included, in its order', () => {
    expect(report.ok).toBe(false);
    expect(report.files.map((f) => f.name)).toEqual(['UPPLAN.CSV', 'UPSIKYU.CSV', 'family.jpg']);
  });

  it('gives each file one file-level error, VALIDATION_NOT_POSSIBLE, and claims nothing read', () => {
    for (const f of report.files) {
      expect(f).toMatchObject({ fileType: null, csvVersion: null, rows: 0, errorCount: 1, warningCount: 0 });
      expect(f.issues).toEqual([
        {
          code: 'VALIDATION_NOT_POSSIBLE',
          severity: 'error',
          row: null,
          column: null,
          columnName: null,
          value: null,
          message: { ja: expect.stringContaining('国保連合会'), en: expect.stringContaining('federation') },
        },
      ]);
    }
  });

  it('counts one error per file', () => {
    expect(issueCounts(report)).toEqual({ errorCount: 3, warningCount: 0 });
  });
});

describe('issueCounts', () => {
  it('adds up the errors and warnings of every file, beyond the issues kept', () => {
    const report: ValidationReport = {
      ok: false,
      files: [fileReport('a.csv', 2, 1), fileReport('b.csv', 0, 4), fileReport('c.csv', 501, 0)],
    };
    expect(issueCounts(report)).toEqual({ errorCount: 503, warningCount: 5 });
  });

  it('is zero for a report of no files', () => {
    expect(issueCounts({ ok: true, files: [] })).toEqual({ errorCount: 0, warningCount: 0 });
  });
});

describe('verdictMessage', () => {
  const at = new Date('2026-04-01T09:30:00.000Z');
  const eventId = randomUUID();
  const accepted: ValidationReport = { ok: true, files: [fileReport('UPPLAN.CSV', 0, 2)] };
  const rejected: ValidationReport = { ok: false, files: [fileReport('UPPLAN.CSV', 1, 0)] };

  it('is a validated event, on its topic, when the report is ok (warnings do not reject)', () => {
    const { eventClass, event } = verdictMessage(e, accepted, eventId, at);
    expect(eventClass).toBe(SubmissionValidatedEvent);
    expect(eventClass.topic).toBe(Topics.SubmissionValidated);
    expect(event).toBeInstanceOf(SubmissionValidatedEvent);
    expect(event.ok).toBe(true);
  });

  it('is a rejected event, on its topic, when it is not', () => {
    const { eventClass, event } = verdictMessage(e, rejected, eventId, at);
    expect(eventClass).toBe(SubmissionRejectedEvent);
    expect(eventClass.topic).toBe(Topics.SubmissionRejected);
    expect(event).toBeInstanceOf(SubmissionRejectedEvent);
    expect(event.ok).toBe(false);
  });

  it("carries the submission, its files and the report under the verdict's own id and time", () => {
    const { event } = verdictMessage(e, rejected, eventId, at);
    expect(event).toMatchObject({
      eventId,
      occurredAt: '2026-04-01T09:30:00.000Z',
      submissionId: e.submissionId,
      senderOfficeNumber: CARE_OFFICE,
      receiverOfficeNumber: HOME_HELP_OFFICE,
      files: e.files,
      report: rejected,
    });
    expect(event.eventId).not.toBe(e.eventId);
  });

  it('is keyed by the sender → receiver pair, so one pair keeps its order', () => {
    const { key } = verdictMessage(e, accepted, eventId, at);
    const reversed = verdictMessage(
      { ...e, senderOfficeNumber: HOME_HELP_OFFICE, receiverOfficeNumber: CARE_OFFICE },
      accepted,
      eventId,
      at,
    );
    expect(key).toBe(verdictMessage(received([{ name: 'x.csv', kind: 'csv' }]), rejected, eventId, at).key);
    expect(reversed.key).not.toBe(key);
  });

  it('carries history keys when given, and none otherwise (give-ups, verdicts older than them)', () => {
    const keys = Object.assign(new HistoryKeys(), { insuredNumbers: ['0000012345'], truncated: false });
    expect(verdictMessage(e, accepted, eventId, at, keys).event.historyKeys).toBe(keys);
    expect(verdictMessage(e, accepted, eventId, at).event.historyKeys).toBeUndefined();
  });

  it('passes the event contract, read back from JSON as a consumer downstream reads it', () => {
    const keys = Object.assign(new HistoryKeys(), { insuredNumbers: ['0000012345'], truncated: false });
    for (const report of [accepted, rejected, unvalidatableReport(e)]) {
      const { eventClass, event } = verdictMessage(e, report, eventId, at, keys);
      const read = plainToInstance(eventClass, JSON.parse(JSON.stringify(event)) as object);
      expect(validateSync(read)).toEqual([]);
    }
  });
});
