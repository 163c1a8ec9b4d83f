import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toDataURL } from 'qrcode';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';
import { recordAudit } from '../audit/audit';
import { ArchiveEnv } from '../config/archive.env';
import type { OperatorEntity } from '../operators/operator.entity';
import type { OperatorContext } from '../operators/operator-scope';
import { OperatorRepository } from '../operators/operator.repository';
import { toOperatorContext } from '../operators/operators.service';
import { ConsoleCredentials, hashSetupToken } from './console-credentials';
import type { SetupDto } from './dto/session.dto';
import { hashPassword, verifyNoPassword, verifyPassword } from './password';
import { SetupTokenRepository } from './setup-token.repository';
import { SignInFailureRepository } from './sign-in-failure.repository';
import { afterFailure, isLocked } from './sign-in-rules';
import { otpauthUri, totpStep } from './totp';

export const SignInErrors = {
  failed: () => problem(Problems.CONSOLE_SIGN_IN_FAILED),
  locked: (minutes: number) => problem(Problems.CONSOLE_ACCOUNT_LOCKED, { minutes }, { minutes }),
  setupInvalid: () => problem(Problems.CONSOLE_SETUP_INVALID),
  setupCode: () => problem(Problems.CONSOLE_SETUP_CODE),
  nameTaken: (name: string) => problem(Problems.CONSOLE_NAME_TAKEN, { name }),
};

/** Who a sign-in with a name no operator has is audited as (the name tried is the entry's target). */
export const CONSOLE_SIGN_IN = { id: null, name: 'console-sign-in' } as const;

/** Why a sign-in failed: in the audit log only, never in the answer. */
type FailureReason =
  'unknown_name' | 'not_enrolled' | 'password' | 'revoked' | 'code' | 'code_reused' | 'locked';

/**
 * Console sign-in (name, password, TOTP code) and the one-time set-up that enrols them. Failures count per
 * name, whether an operator has it or not, and every sign-in, failure and lock is audited.
 */
@Injectable()
export class ConsoleAuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: ArchiveEnv,
    private readonly operators: OperatorRepository,
    private readonly credentials: ConsoleCredentials,
    private readonly setupTokens: SetupTokenRepository,
    private readonly failures: SignInFailureRepository,
  ) {}

  async signIn(name: string, password: string, code: string, now = new Date()): Promise<OperatorContext> {
    const lockMinutes = this.env.CONSOLE_LOCK_MINUTES;
    const op = await this.operators.findForSignIn(name);
    // Locked: refused before any check, so that guesses stop counting for anything.
    if (isLocked(await this.failures.find(this.dataSource.manager, name), now)) {
      await this.dataSource.transaction((m) => this.auditFailure(m, name, op, 'locked'));
      throw SignInErrors.locked(lockMinutes);
    }
    const passwordOk = op?.passwordHash
      ? await verifyPassword(password, op.passwordHash)
      : await verifyNoPassword(password);
    const secret = passwordOk && op?.totpSecret ? this.credentials.secrets.open(op.totpSecret, op.id) : null;
    const step = secret === null ? null : totpStep(secret, code, now);

    const lockedNow = await this.dataSource.transaction(async (m) => {
      let reason = failureReason(op, passwordOk, step);
      // The step is used up only by a sign-in that passed everything else.
      if (reason === null && op && step !== null && !(await this.operators.useTotpStep(m, op.id, step)))
        reason = 'code_reused';
      if (op && reason === null) {
        await this.failures.clear(m, name);
        await recordAudit(m, op, 'console.sign_in', op.id, {}, op.prefecture);
        return null;
      }
      return this.countFailure(m, name, op, reason ?? 'unknown_name', now);
    });
    if (lockedNow === null && op) return toOperatorContext(op);
    throw lockedNow ? SignInErrors.locked(lockMinutes) : SignInErrors.failed();
  }

  /** One more failure with the name, audited; true when it is the one that locks the name. */
  private async countFailure(
    m: EntityManager,
    name: string,
    op: OperatorEntity | null,
    reason: FailureReason,
    now: Date,
  ): Promise<boolean> {
    const lockMs = this.env.CONSOLE_LOCK_MINUTES * 60_000;
    const { state, lockedNow } = afterFailure(await this.failures.findForUpdate(m, name), now, lockMs);
    await this.failures.save(m, name, state);
    await this.auditFailure(m, name, op, reason);
    if (lockedNow) {
      const details = { name, until: state.lockedUntil?.toISOString() };
      await recordAudit(
        m,
        op ?? CONSOLE_SIGN_IN,
        'console.locked',
        op?.id ?? name,
        details,
        op?.prefecture ?? null,
      );
    }
    await this.failures.sweep(m, now);
    return lockedNow;
  }

  signedOut(op: OperatorContext): Promise<void> {
    return this.dataSource.transaction((m) =>
      recordAudit(m, op, 'console.sign_out', op.id, {}, op.prefecture),
    );
  }

  /** What the set-up page shows for a live link: the name and the secret to enrol, as URI and QR code. */
  async setup(token: string, now = new Date()): Promise<SetupDto> {
    const { op, secret } = await this.liveSetup(this.dataSource.manager, token, now, false);
    const uri = otpauthUri(secret, op.name);
    return { name: op.name, otpauthUri: uri, qrDataUrl: await toDataURL(uri, { errorCorrectionLevel: 'M' }) };
  }

  /**
   * Enrols the password and the authenticator of a live link (the code proves the app has the secret) and
   * uses the link up. The operator is signed in.
   */
  async completeSetup(
    token: string,
    password: string,
    code: string,
    now = new Date(),
  ): Promise<OperatorContext> {
    // Hashed before the transaction: the link's row stays locked only for the writes.
    const passwordHash = await hashPassword(password);
    let name = '';
    try {
      return await this.dataSource.transaction(async (m) => {
        const { op, row, secret } = await this.liveSetup(m, token, now, true);
        name = op.name;
        const step = totpStep(secret, code, now);
        if (step === null) throw SignInErrors.setupCode();
        await this.operators.setCredentials(m, op.id, passwordHash, row.totpSecret, step);
        await this.setupTokens.markUsed(m, row.tokenHash, now);
        await this.failures.clear(m, op.name);
        await recordAudit(m, op, 'console.setup', op.id, {}, op.prefecture);
        await recordAudit(m, op, 'console.sign_in', op.id, { setup: true }, op.prefecture);
        return toOperatorContext(op);
      });
    } catch (e) {
      if (isConstraintViolation(e, 'ux_operators_console_name')) throw SignInErrors.nameTaken(name);
      throw e;
    }
  }

  private async liveSetup(m: EntityManager, token: string, now: Date, lock: boolean) {
    const row = await this.setupTokens.findLive(m, hashSetupToken(token), now, lock);
    const op = row && (await this.operators.findById(row.operatorId, m));
    if (!row || !op || op.revokedAt) throw SignInErrors.setupInvalid();
    return { row, op, secret: this.credentials.secrets.open(row.totpSecret, op.id) };
  }

  private auditFailure(m: EntityManager, name: string, op: OperatorEntity | null, reason: FailureReason) {
    // A name no operator has: the entry says what was tried, not who tried it.
    return op
      ? recordAudit(m, op, 'console.sign_in_failed', op.id, { reason }, op.prefecture)
      : recordAudit(m, CONSOLE_SIGN_IN, 'console.sign_in_failed', name, { reason }, null);
  }
}

function failureReason(
  op: OperatorEntity | null,
  passwordOk: boolean,
  step: number | null,
): FailureReason | null {
  if (!op) return 'unknown_name';
  if (!op.passwordHash) return 'not_enrolled';
  if (!passwordOk) return 'password';
  if (op.revokedAt) return 'revoked';
  if (step === null) return 'code';
  return null;
}

/** Another operator with the name enrolled first (the unique index on enrolled, unrevoked names). */
function isConstraintViolation(e: unknown, constraint: string): boolean {
  return (
    e instanceof QueryFailedError && (e.driverError as { constraint?: string }).constraint === constraint
  );
}
