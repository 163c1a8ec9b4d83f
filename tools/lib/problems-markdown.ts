import { ALL_PROBLEMS } from '@careplan/contracts';

/** A table cell: pipes escaped, placeholders shown as code. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\{(\w+)\}/g, '`{$1}`');

/** docs/problems.md as the registry (Problems in libs/contracts/src/problems.ts) says it, by status then code. */
export function problemsMarkdown(): string {
  const rows = [...ALL_PROBLEMS]
    .sort((a, b) => a.status - b.status || a.code.localeCompare(b.code))
    .map((p) => `| \`${p.code}\` | ${p.status} | ${cell(p.ja)} | ${cell(p.en)} |`);
  return [
    '# Problem codes — エラーコード一覧',
    '',
    '<!-- Generated from libs/contracts/src/problems.ts by `npm run problems:docs`; do not edit by hand. -->',
    '',
    'Every error of the vendor API (`/v1`) and the operations API (`/ops/v1`) is `application/problem+json` with',
    'one of these codes, its HTTP status and its message in Japanese and English (`message.ja`, `message.en`;',
    '`title` is the English one). `{name}` stands for a value of the request, also given as a field of the problem',
    'where it helps (`file`, `limit`, `value` …). The codes are part of the contract: none is renamed.',
    '',
    '| Code | HTTP status | 日本語 | English |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
