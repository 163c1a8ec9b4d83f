import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { consoleSessionData, SessionLimits, sessionEnds } from './console-session';
import { ConsoleSessionRepository } from './console-session.repository';

type Callback = (err?: unknown) => void;

/** Sessions begun by a sign-in in this request: the one kind of save that may insert a row. */
const begun = new WeakSet<object>();

/** Marks the session a sign-in just filled in: its next save creates its row. */
export const markBegun = (session: object): void => void begun.add(session);

const idOf = (sessionId: string) => createHash('sha256').update(sessionId, 'utf8').digest('hex');

/**
 * @fastify/session's store in archive.console_sessions, so that every archive instance knows every session.
 * Rows are keyed by the sha256 of the session id: the table alone signs nobody in. A row expires at the
 * session's idle or absolute end, whichever comes first; expired rows are ignored, and swept at sign-ins.
 */
export class ConsoleSessionStore implements SessionStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ConsoleSessionRepository,
    private readonly limits: () => SessionLimits,
  ) {}

  get(sessionId: string, callback: (err: unknown, result?: Session | null) => void): void {
    this.sessions.find(this.dataSource.manager, idOf(sessionId), new Date()).then(
      (data) => callback(null, data as Session | null),
      (e: unknown) => callback(e),
    );
  }

  set(sessionId: string, session: Session, callback: Callback): void {
    this.save(sessionId, session).then(() => callback(), callback);
  }

  destroy(sessionId: string, callback: Callback): void {
    this.sessions.delete(this.dataSource.manager, idOf(sessionId)).then(() => callback(), callback);
  }

  private async save(sessionId: string, session: Session): Promise<void> {
    const data = consoleSessionData(session);
    // The library saves empty sessions too (regenerate): only signed-in ones are kept.
    if (!data) return;
    const m = this.dataSource.manager;
    const expiresAt = sessionEnds(data, this.limits()).idleExpiresAt;
    if (!begun.has(session)) return this.sessions.update(m, idOf(sessionId), data, expiresAt);
    begun.delete(session);
    await this.sessions.sweep(m, new Date());
    await this.sessions.insert(m, idOf(sessionId), data, expiresAt);
  }
}
