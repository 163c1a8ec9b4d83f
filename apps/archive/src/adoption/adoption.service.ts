import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';
import type { AdoptionDto, AdoptionFigures, AdoptionPrefectureDto, AdoptionRowDto } from './dto/adoption.dto';

const FIGURES = ['registered', 'licensed', 'active30', 'active90'] as const;

const zero = (): AdoptionFigures => ({ registered: 0, licensed: 0, active30: 0, active90: 0 });

function add(into: AdoptionFigures, from: AdoptionFigures): void {
  for (const k of FIGURES) into[k] += from[k];
}

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

/** Adoption per prefecture and district: registered, licensed, and exchanging in the last 30 and 90 days. */
@Injectable()
export class AdoptionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async figures(prefecture: string | null, now = new Date()): Promise<AdoptionDto> {
    const districts = await this.dataSource.query<AdoptionRowDto[]>(ADOPTION_SQL, [prefecture, now]);
    const totals = zero();
    const byPrefecture = new Map<string, AdoptionPrefectureDto>();
    for (const d of districts) {
      add(totals, d);
      const p = byPrefecture.get(d.prefecture) ?? { prefecture: d.prefecture, ...zero() };
      add(p, d);
      byPrefecture.set(d.prefecture, p);
    }
    return {
      prefecture,
      asOf: now.toISOString(),
      prefectures: [...byPrefecture.values()],
      districts,
      totals,
    };
  }
}
