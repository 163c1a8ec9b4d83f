import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';

/** A fee exemption as data: operators add one without a code change. */
@Entity({ name: 'campaigns', schema: ARCHIVE_SCHEMA })
export class CampaignEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) code!: string;
  @Column({ name: 'name_ja', type: 'text' }) nameJa!: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn!: string;
  @Column({ name: 'applies_from', type: 'date' }) appliesFrom!: string;
  @Column({ name: 'applies_to', type: 'date' }) appliesTo!: string;
  @Column({ name: 'free_months', type: 'integer', nullable: true }) freeMonths!: number | null;
  @Column({ name: 'free_from', type: 'date', nullable: true }) freeFrom!: string | null;
  @Column({ name: 'free_to', type: 'date', nullable: true }) freeTo!: string | null;
  @Column({ type: 'integer', default: 0 }) priority!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
