/**
 * LIKE/ILIKE patterns of text a user typed, matched literally: its `%`, `_` and `\` are escaped. Use them with
 * `ESCAPE '\'` after the pattern (PostgreSQL's default escape, said so that standard_conforming_strings or a
 * changed default cannot make a backslash literal).
 */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** Anywhere in the value. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;

/** At the start of the value. */
export const prefixPattern = (text: string): string => `${escapeLike(text)}%`;
