import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ValidationReport } from '@careplan/spec';
import { Actor } from './actor';
import { Topics } from './topics';
import { ValidationReportPayload } from './validation-report';

// Office number: 10 characters, the 3rd may be a letter (総合事業), never I, O or Q.
export const OFFICE_NUMBER_PATTERN = /^\d{2}[0-9A-HJ-NPR-Z]\d{7}$/;

export const FILE_KINDS = ['csv', 'attachment'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** A file travelling with a submission: events carry references, never bytes (claim check). */
export class FileRef {
  @IsUUID() fileId!: string;
  @IsString() name!: string;
  @IsIn(FILE_KINDS) kind!: FileKind;
  @IsString() contentType!: string;
  @IsInt() @Min(0) size!: number;
  @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

/** Fields every event carries; `eventId` is what consumers deduplicate on. */
export abstract class BaseEvent {
  @IsUUID() eventId!: string;
  @IsISO8601() occurredAt!: string;
}

abstract class SubmissionEvent extends BaseEvent {
  @IsUUID() submissionId!: string;
  @Matches(OFFICE_NUMBER_PATTERN) senderOfficeNumber!: string;
  @Matches(OFFICE_NUMBER_PATTERN) receiverOfficeNumber!: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => FileRef) files!: FileRef[];
}

export class SubmissionReceivedEvent extends SubmissionEvent {
  static readonly topic = Topics.SubmissionReceived;
  /** Who sent it (the key or staff user); absent from events of gateways before actors were recorded. */
  @IsOptional() @ValidateNested() @Type(() => Actor) actor?: Actor;
}

/** Most 被保険者番号 a verdict carries (libs/spec MAX_INSURED_NUMBERS). */
export const HISTORY_KEYS_MAX_INSURED_NUMBERS = 5000;

/** Search keys of the archive's history, taken while the validator read the files anyway. */
export class HistoryKeys {
  @IsArray()
  @ArrayMaxSize(HISTORY_KEYS_MAX_INSURED_NUMBERS)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  insuredNumbers!: string[];
  /** More were in the files than were kept. */
  @IsBoolean() truncated!: boolean;
}

/** The validator's verdict, with its libs/spec ValidationReport (checked: see ValidationReportPayload). */
abstract class SubmissionVerdictEvent extends SubmissionEvent {
  @IsBoolean() ok!: boolean;
  @IsObject() @ValidateNested() @Type(() => ValidationReportPayload) report!: ValidationReport;
  /** Absent from verdicts of older validators and from give-ups: the archive then reads the files (bounded). */
  @IsOptional() @ValidateNested() @Type(() => HistoryKeys) historyKeys?: HistoryKeys;
}

export class SubmissionValidatedEvent extends SubmissionVerdictEvent {
  static readonly topic = Topics.SubmissionValidated;
}

export class SubmissionRejectedEvent extends SubmissionVerdictEvent {
  static readonly topic = Topics.SubmissionRejected;
}

/** The router put a validated submission into the receiver's inbox. */
export class DeliveryDeliveredEvent extends SubmissionEvent {
  static readonly topic = Topics.DeliveryDelivered;
  @IsUUID() deliveryId!: string;
}

/** The receiver downloaded (a file of) a delivery, or acknowledged its import. */
export class DeliveryReceiptEvent extends BaseEvent {
  @IsUUID() deliveryId!: string;
  @IsUUID() submissionId!: string;
  @Matches(OFFICE_NUMBER_PATTERN) senderOfficeNumber!: string;
  @Matches(OFFICE_NUMBER_PATTERN) receiverOfficeNumber!: string;
  @IsOptional() @IsUUID() fileId?: string;
  /** Who of the receiver downloaded or acknowledged; absent from events of gateways before actors were recorded. */
  @IsOptional() @ValidateNested() @Type(() => Actor) actor?: Actor;
}

/**
 * Every download (the bundle or one file) is one event, so the receiver's history shows each of them and who did
 * it. The sender's side (its history, its webhook, the proof of exchange) is told of the first one only.
 */
export class DeliveryDownloadedEvent extends DeliveryReceiptEvent {
  static readonly topic = Topics.DeliveryDownloaded;
  /** False for a repeat download; absent from events of gateways that published the first download only. */
  @IsOptional() @IsBoolean() first?: boolean;
}

/** Whether a download event is the delivery's first: what the sender hears of. */
export const isFirstDownload = (e: DeliveryDownloadedEvent): boolean => e.first !== false;

export class DeliveryAcknowledgedEvent extends DeliveryReceiptEvent {
  static readonly topic = Topics.DeliveryAcknowledged;
}

/** An event class that knows its topic: what producers and consumers are typed on. */
export interface EventClass<T extends BaseEvent = BaseEvent> {
  new (): T;
  readonly topic: string;
}
