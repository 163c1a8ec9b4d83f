import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const STORAGE_SCHEMA = 'storage';

/** File bytes, content-addressed by sha256: one row however many submissions carry the same file. */
@Entity({ name: 'blobs', schema: STORAGE_SCHEMA })
export class BlobEntity {
  @PrimaryColumn({ type: 'char', length: 64 }) sha256!: string;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'bytea' }) content!: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
