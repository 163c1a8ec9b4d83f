import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';
import type { OperatorRole } from './operator.entity';

/** The operator an ops request acts for. */
export interface OperatorContext {
  id: string;
  name: string;
  role: OperatorRole;
  /** Set for prefecture operators: the one prefecture they may see. */
  prefecture: string | null;
}

export const ScopeErrors = {
  scope: (prefecture: string) => problem(Problems.OPS_SCOPE, { prefecture }, { prefecture }),
  role: () => problem(Problems.OPS_ROLE),
  prefectureRequired: () => problem(Problems.PREFECTURE_REQUIRED),
};

export const prefectureOf = (officeNumber: string): string => officeNumber.slice(0, 2);
export const districtOf = (officeNumber: string): string => officeNumber.slice(3, 5);

/** True when the operator may see the office (another prefecture's offices are answered as not found). */
export function canSeeOffice(op: OperatorContext, officeNumber: string): boolean {
  return op.role === 'central' || prefectureOf(officeNumber) === op.prefecture;
}

/**
 * The prefecture a list or report is about: a prefecture operator's own one (asking for another is
 * refused), or what a central administrator asked for (null: every prefecture).
 */
export function prefectureFilter(op: OperatorContext, requested?: string): string | null {
  if (op.role === 'central') return requested ?? null;
  if (requested !== undefined && requested !== op.prefecture) throw ScopeErrors.scope(requested);
  return op.prefecture;
}

/** Like prefectureFilter, for reports that are always about one prefecture. */
export function requiredPrefecture(op: OperatorContext, requested?: string): string {
  const p = prefectureFilter(op, requested);
  if (p === null) throw ScopeErrors.prefectureRequired();
  return p;
}

export function requireCentral(op: OperatorContext): void {
  if (op.role !== 'central') throw ScopeErrors.role();
}
