import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';
import type { AdoptionRowDto } from './dto/adoption.dto';

const S = ARCHIVE_SCHEMA;

// An office "exchanged" when it sent or received through the exchange in the window (its own history).
const ADOPTION_SQL = `
  SELECT o.prefecture, o.district,
         count(*)::int AS registered,
         count(*) FILTER (WHERE l.state = 'active')::int AS licensed,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "${S}"."history" h WHERE h.office_number = o.office_number
           AND h.event IN ('sent', 'received') AND h.occurred_at > $2::timestamptz - interval '30 days'))::int AS active30,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "${S}"."history" h WHERE h.office_number = o.office_number
           AND h.event IN ('sent', 'received') AND h.occurred_at > $2::timestamptz - interval '90 days'))::int AS active90
    FROM "${S}"."offices" o
    LEFT JOIN "${S}"."licenses" l ON l.office_number = o.office_number
   WHERE o.active AND ($1::text IS NULL OR o.prefecture = $1)
   GROUP BY o.prefecture, o.district
   ORDER BY o.prefecture, o.district`;

/** The adoption figures read across the registry, the licenses and the history. */
@Injectable()
export class AdoptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row per district of active offices (of the prefecture, or all when null), as of `now`. */
  byDistrict(prefecture: string | null, now: Date): Promise<AdoptionRowDto[]> {
    return this.dataSource.query<AdoptionRowDto[]>(ADOPTION_SQL, [prefecture, now]);
  }
}
