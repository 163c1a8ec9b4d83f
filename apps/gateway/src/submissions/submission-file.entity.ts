import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { FileKind } from '@careplan/contracts';
import { GATEWAY_SCHEMA } from '../database/schema';
import { SubmissionEntity } from './submission.entity';

/** A file of a submission; its bytes sit in the blob store under `sha256`. */
@Entity({ name: 'submission_files', schema: GATEWAY_SCHEMA })
export class SubmissionFileEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'submission_id', type: 'uuid' }) submissionId!: string;
  @ManyToOne(() => SubmissionEntity, (s) => s.files)
  @JoinColumn({ name: 'submission_id' })
  submission!: SubmissionEntity;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: FileKind;
  @Column({ name: 'content_type', type: 'text' }) contentType!: string;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'char', length: 64 }) sha256!: string;
}
