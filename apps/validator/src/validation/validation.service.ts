import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HistoryKeys, SubmissionReceivedEvent } from '@careplan/contracts';
import { addToOutbox, insertThenAddToOutbox } from '@careplan/messaging';
import { BlobStore } from '@careplan/persistence';
import { MetricsService } from '@careplan/platform';
import { validateBundleWithInsuredNumbers, ValidationReport } from '@careplan/spec';
import { VALIDATOR_SCHEMA } from '../database/schema';
import { ValidationRepository } from './validation.repository';
import { issueCounts, unvalidatableReport, verdictMessage } from './validation.verdict';

/** Checks every standard CSV file of a received submission and records the verdict as an event. */
@Injectable()
export class ValidationService {
  private readonly logger = new Logger(ValidationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly metrics: MetricsService,
    private readonly validations: ValidationRepository,
  ) {}

  async validate(e: SubmissionReceivedEvent, m: EntityManager): Promise<void> {
    // Received again under another event id (re-driven), or after a give-up: the verdict given stands.
    if (await this.republish(e, m)) return;
    const started = performance.now();
    const csv = e.files.filter((f) => f.kind === 'csv');
    const bytes = await this.blobs.getAllOrThrow(csv.map((f) => f.sha256));
    const csvFiles = csv.map((f, i) => ({ name: f.name, bytes: bytes[i] }));
    const { report, insuredNumbers } = validateBundleWithInsuredNumbers(csvFiles, {
      senderOfficeNumber: e.senderOfficeNumber,
      receiverOfficeNumber: e.receiverOfficeNumber,
    });
    // The archive's search keys: it need not parse the files a second time.
    const historyKeys = Object.assign(new HistoryKeys(), insuredNumbers);
    await this.record(e, report, Math.round(performance.now() - started), m, historyKeys);
  }

  /**
   * The submission could not be validated at all (its bytes unreadable, say, after every retry): it is
   * rejected with a file-level issue on each file, so the sender sees it fail instead of waiting forever.
   */
  giveUp(e: SubmissionReceivedEvent): Promise<void> {
    return this.dataSource.transaction(async (m) => {
      // The hook ran before (a crash after it, a re-driven dead letter) or a verdict was given meanwhile:
      // that verdict stands and goes out again under its id, as in validate, instead of a second one.
      if (await this.republish(e, m)) return;
      await this.record(e, unvalidatableReport(e), 0, m);
    });
  }

  /**
   * Publishes again the verdict already given on the event's submission, under its original event id, so
   * that a consumer that missed it applies it and the others change nothing. False when there is none.
   */
  async republish(e: SubmissionReceivedEvent, m: EntityManager): Promise<boolean> {
    const stored = await this.validations.findBySubmissionId(m, e.submissionId);
    if (!stored) return false;
    // A verdict stored before event ids were kept gets one now, kept for every later re-publication.
    const eventId =
      stored.verdictEventId ?? (await this.validations.keepVerdictEventId(m, e.submissionId, randomUUID()));
    const keys = stored.historyKeys ? Object.assign(new HistoryKeys(), stored.historyKeys) : undefined;
    await this.publish(e, stored.report as ValidationReport, eventId, stored.createdAt, m, keys);
    this.logger.log({ submissionId: e.submissionId, eventId }, 're-published the verdict');
    return true;
  }

  private async record(
    e: SubmissionReceivedEvent,
    report: ValidationReport,
    durationMs: number,
    m: EntityManager,
    historyKeys?: HistoryKeys,
  ): Promise<void> {
    const eventId = randomUUID();
    const at = new Date();
    const { eventClass, key, event } = verdictMessage(e, report, eventId, at, historyKeys);
    // The verdict and its event in one statement: the event only if the verdict is the first.
    const inserted = await insertThenAddToOutbox(
      m,
      VALIDATOR_SCHEMA,
      this.validations.insertIfAbsent({
        submissionId: e.submissionId,
        ok: report.ok,
        ...issueCounts(report),
        report,
        durationMs,
        verdictEventId: eventId,
        historyKeys: historyKeys ?? null,
        createdAt: at,
      }),
      eventClass,
      key,
      event,
    );
    if (!inserted) {
      await this.republish(e, m); // a verdict was given meanwhile: that one stands
      return;
    }
    this.observe(report, durationMs);
  }

  private async publish(
    e: SubmissionReceivedEvent,
    report: ValidationReport,
    eventId: string,
    at: Date,
    m: EntityManager,
    historyKeys?: HistoryKeys,
  ): Promise<void> {
    const { eventClass, key, event } = verdictMessage(e, report, eventId, at, historyKeys);
    await addToOutbox(m, VALIDATOR_SCHEMA, eventClass, key, event);
  }

  private observe(report: ValidationReport, durationMs: number): void {
    this.metrics
      .counter('careplan_validations_total', 'Submissions validated, by outcome', ['outcome'])
      .inc({ outcome: report.ok ? 'validated' : 'rejected' });
    this.metrics
      .histogram('careplan_validation_duration_seconds', 'Time to validate one submission')
      .observe(durationMs / 1000);
    const issues = this.metrics.counter(
      'careplan_validation_issues_total',
      'Validation issues found, by code',
      ['code', 'severity'],
    );
    for (const file of report.files)
      for (const i of file.issues) issues.inc({ code: i.code, severity: i.severity });
  }
}
