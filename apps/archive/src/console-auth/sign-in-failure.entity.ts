import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';

/** Failed sign-ins in a row with one name, whether an operator has it or not (see sign-in-rules.ts). */
@Entity({ name: 'console_sign_in_failures', schema: ARCHIVE_SCHEMA })
export class SignInFailureEntity {
  @PrimaryColumn({ type: 'text' }) name!: string;
  @Column({ type: 'int' }) failures!: number;
  @Column({ name: 'last_failure_at', type: 'timestamptz' }) lastFailureAt!: Date;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
}
