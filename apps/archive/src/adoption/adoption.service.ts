import { Injectable } from '@nestjs/common';
import { AdoptionRepository } from './adoption.repository';
import type { AdoptionDto, AdoptionFigures, AdoptionPrefectureDto } from './dto/adoption.dto';

const FIGURES = ['registered', 'licensed', 'active30', 'active90'] as const;

const zero = (): AdoptionFigures => ({ registered: 0, licensed: 0, active30: 0, active90: 0 });

function add(into: AdoptionFigures, from: AdoptionFigures): void {
  for (const k of FIGURES) into[k] += from[k];
}

/** Adoption per prefecture and district: registered, licensed, and exchanging in the last 30 and 90 days. */
@Injectable()
export class AdoptionService {
  constructor(private readonly adoption: AdoptionRepository) {}

  async figures(prefecture: string | null, now = new Date()): Promise<AdoptionDto> {
    const districts = await this.adoption.byDistrict(prefecture, now);
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
