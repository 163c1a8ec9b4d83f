import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';
import type { ConsoleSessionData } from './console-session';

/** A console session (@fastify/session's store). The id is the sha256 of the session id the cookie carries. */
@Entity({ name: 'console_sessions', schema: ARCHIVE_SCHEMA })
export class ConsoleSessionEntity {
  @PrimaryColumn({ type: 'char', length: 64 }) id!: string;
  @Column({ name: 'operator_id', type: 'uuid' }) operatorId!: string;
  @Column({ type: 'jsonb' }) data!: ConsoleSessionData;
  /** The earlier of the idle and the absolute end: a row past it is no session. */
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
