import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AuditActor } from './actor';
import { BaseEvent, OFFICE_NUMBER_PATTERN } from './events';
import { KEY_ROLES, type KeyRole } from './http/keys.contract';
import { Topics } from './topics';

/**
 * Events about offices, their licenses and their API keys; each topic has one publisher, the owner of its fact.
 * - OfficeChanged, LicenseChanged: the archive (the registry) owns offices and licenses; the gateway keeps a
 *   projection of them (it never reads the archive's tables).
 * - ApiKeyIssued, ApiKeyRevoked: the gateway owns API keys, since it checks one on every request; keys are minted
 *   only there, whether the office asks (/v1/keys) or an operator does (the archive's /ops/v1 calls the gateway's
 *   internal API). These events are the record of every key change, for read models and audit; no service
 *   applies them back as keys.
 */

/** An office was registered, updated or deactivated. Carries the whole current state (last one wins). */
export class OfficeChangedEvent extends BaseEvent {
  static readonly topic = Topics.OfficeChanged;
  @Matches(OFFICE_NUMBER_PATTERN) officeNumber!: string;
  @IsString() @MaxLength(200) name!: string;
  /** Office kind, e.g. 居宅介護支援, 訪問介護 (free text code chosen by the registry). */
  @IsString() @MaxLength(50) kind!: string;
  /** False once deactivated: it can neither send nor receive. */
  @IsBoolean() active!: boolean;
}

export const LICENSE_STATES = ['active', 'suspended', 'ended', 'none'] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];

/** An office's license state changed (term started, renewed, suspended, ended). Whole current state. */
export class LicenseChangedEvent extends BaseEvent {
  static readonly topic = Topics.LicenseChanged;
  @Matches(OFFICE_NUMBER_PATTERN) officeNumber!: string;
  @IsIn(LICENSE_STATES) state!: LicenseState;
  /** Inclusive end of the current term (YYYY-MM-DD), when there is one. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) validUntil?: string;
}

export const KEY_SOURCES = ['operator', 'office'] as const;
/** Who made a key change: an operator (through the archive's operations API), or the office itself (/v1/keys). */
export type KeySource = (typeof KEY_SOURCES)[number];

/**
 * A key was issued for an office, published by the gateway in the transaction that stored it; only its sha256
 * travels. Events from before the gateway owned keys were published by the archive (operator-issued keys).
 */
export class ApiKeyIssuedEvent extends BaseEvent {
  static readonly topic = Topics.ApiKeyIssued;
  @Matches(OFFICE_NUMBER_PATTERN) officeNumber!: string;
  @IsUUID() keyId!: string;
  @Matches(/^[0-9a-f]{64}$/) keyHash!: string;
  @IsString() @MaxLength(16) keyPrefix!: string;
  @IsString() @MaxLength(200) label!: string;
  /** Absent in events older than office-issued keys: those were operator-issued. */
  @IsOptional() @IsIn(KEY_SOURCES) source?: KeySource;
  /** Absent in events older than key roles: those keys became admin. */
  @IsOptional() @IsIn(KEY_ROLES) role?: KeyRole;
  /** Who issued it: the office's key or staff user (source office), or the operator; absent in older events. */
  @IsOptional() @ValidateNested() @Type(() => AuditActor) actor?: AuditActor;
}

/** A key was revoked (first revocation only), published by the gateway in the transaction that revoked it. */
export class ApiKeyRevokedEvent extends BaseEvent {
  static readonly topic = Topics.ApiKeyRevoked;
  @Matches(OFFICE_NUMBER_PATTERN) officeNumber!: string;
  @IsUUID() keyId!: string;
  /** Absent in events older than office-issued keys: those were operator revocations. */
  @IsOptional() @IsIn(KEY_SOURCES) source?: KeySource;
  /** Who revoked it: the office's key or staff user (source office), or the operator; absent in older events. */
  @IsOptional() @ValidateNested() @Type(() => AuditActor) actor?: AuditActor;
}

/**
 * An office set (url and sealed secret) or removed (url null) its webhook endpoint. The topic is retained (and
 * has a .dlq twin), so the signing secret never travels in plain text: only the gateway and the router hold the
 * key (WEBHOOK_SECRET_KEY) that opens `secretSealed`.
 */
export class WebhookConfiguredEvent extends BaseEvent {
  static readonly topic = Topics.WebhookConfigured;
  @Matches(OFFICE_NUMBER_PATTERN) officeNumber!: string;
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) url!:
    string | null;
  /**
   * The HMAC-SHA256 signing secret shared with the office, sealed (SecretKeyring, AAD webhookSecretContext);
   * null when the webhook is removed.
   */
  @IsOptional() @IsString() @MaxLength(1000) secretSealed?: string | null;
  /** Events published before secrets were sealed carried the secret in plain text: still read, never written. */
  @IsOptional() @IsString() secret?: string | null;
}

/**
 * The context a webhook secret is sealed to (AES-GCM additional data): a sealed secret copied to another
 * office or URL does not open there.
 */
export function webhookSecretContext(officeNumber: string, url: string): string {
  return `careplan.webhook.secret.v1\n${officeNumber}\n${url}`;
}
