import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';
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
  scope: (prefecture: string) =>
    new AppException(
      'OPS_SCOPE',
      HttpStatus.FORBIDDEN,
      {
        ja: `都道府県「${prefecture}」のデータを扱う権限がありません。`,
        en: `You may not act on prefecture ${prefecture}.`,
      },
      { prefecture },
    ),
  role: () =>
    new AppException('OPS_ROLE', HttpStatus.FORBIDDEN, {
      ja: 'この操作は中央管理者のみが行えます。',
      en: 'Only a central administrator may do this.',
    }),
  prefectureRequired: () =>
    new AppException('PREFECTURE_REQUIRED', HttpStatus.BAD_REQUEST, {
      ja: '都道府県番号（prefecture）を指定してください。',
      en: 'Give the prefecture code (prefecture).',
    }),
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
