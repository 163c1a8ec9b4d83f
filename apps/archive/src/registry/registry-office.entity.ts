import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';

/** An office in the registry: the system of record that the gateway projects from events. */
@Entity({ name: 'offices', schema: ARCHIVE_SCHEMA })
export class RegistryOfficeEntity {
  @PrimaryColumn({ name: 'office_number', type: 'varchar', length: 10 }) officeNumber!: string;
  /** Office-number digits 1–2: the prefecture whose federation bills and operates the office. */
  @Column({ type: 'char', length: 2 }) prefecture!: string;
  /** Digits 4–5: the district (郡市区番号). */
  @Column({ type: 'char', length: 2 }) district!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'varchar', length: 50 }) kind!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** False when the office opted out of the searchable directory. */
  @Column({ type: 'boolean', default: true }) listed!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
