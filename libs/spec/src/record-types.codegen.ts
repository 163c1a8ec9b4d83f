// Renders record-types.ts from files.json; record-types.spec.ts fails when the checked-in file is stale.
import { FILE_TYPES } from './spec-data';

function typeName(id: string): string {
  return (
    id
      .toLowerCase()
      .split('_')
      .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
      .join('') + 'Record'
  );
}

export function renderRecordTypes(): string {
  const lines: string[] = [
    '// Generated from data/files.json by renderRecordTypes() (record-types.codegen.ts). Do not edit by hand.',
    '// Values are the CSV text as is; null = empty item (Null（空）).',
    '',
  ];
  const csvTypes = FILE_TYPES.filter((f) => f.isCsv);
  for (const f of csvTypes) {
    lines.push(`/** ${f.nameJa} (${f.id}, ${f.columnCount} items) */`);
    lines.push(`export type ${typeName(f.id)} = {`);
    for (const c of f.columns) {
      lines.push(`  /** No.${c.no} ${c.nameJa}${c.required === true ? '（必須）' : ''} */`);
      lines.push(`  ${c.key}: ${c.required === true ? 'string' : 'string | null'};`);
    }
    lines.push('};', '');
  }
  lines.push('export type RecordByFileType = {');
  for (const f of csvTypes) lines.push(`  ${f.id}: ${typeName(f.id)};`);
  lines.push('};', '');
  return lines.join('\n');
}
