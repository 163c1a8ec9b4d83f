// Bundles of the pipeline benchmark: 第6表 予定 (UPPLAN) with about R rows, the 第7表 (UPSIKYU) and
// 利用者補足情報 (UPHOSOKU) that agree with it, and a small PDF; every bundle has its own ファイル連番 and
// 被保険者番号, so its bytes differ from every other bundle's (the blob store cannot deduplicate them).
import { randomInt } from 'node:crypto';
import { validateBundle, type BundleFile } from '@careplan/spec';
import {
  DEFAULT_PARTIES,
  USERS,
  buildFile,
  hosokuRecords,
  planRecords,
  sikyuRecords,
  withOfficeCheckDigit,
  type FixtureParties,
  type FixtureUser,
} from '@careplan/spec/testing';

export interface Pair {
  sender: string;
  receiver: string;
}

/**
 * 2 × count office numbers (13 7 9xxxxx + check digit) from a random base, so two runs against the same
 * database almost never share an office; the fixtures' own offices (13712…, 13715…) are never used.
 */
export function benchPairs(count: number): Pair[] {
  const base = randomInt(0, 100_000 - 2 * count);
  const office = (n: number) => withOfficeCheckDigit(`1379${String(base + n).padStart(5, '0')}`);
  return Array.from({ length: count }, (_, i) => ({ sender: office(2 * i), receiver: office(2 * i + 1) }));
}

/** The ファイル連番 (YYYYMMDDHHMMSS) of bundle i: one second apart from 2025-04-25 10:30:00. */
function serialOf(i: number): string {
  const d = new Date(Date.UTC(2025, 3, 25, 10, 30, 0) + i * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

function usersOf(bundle: number, count: number): FixtureUser[] {
  return Array.from({ length: count }, (_, u) => ({
    ...USERS[u % USERS.length],
    insuredNo: String(1_000_000 + bundle * 1000 + u).padStart(10, '0'),
  }));
}

/** The fewest whole users whose 第6表 has at least `rows` rows (a user has 9 to 12 rows). */
export function usersForRows(rows: number): number {
  let n = 1;
  while (planRecords(usersOf(0, n)).length < rows) n++;
  return n;
}

export interface BenchBundle {
  index: number;
  pair: number;
  files: BundleFile[];
  bytes: number;
  planRows: number;
}

export function benchBundle(index: number, pairIndex: number, pair: Pair, users: number): BenchBundle {
  const parties: FixtureParties = {
    ...DEFAULT_PARTIES,
    sender: pair.sender,
    receiver: pair.receiver,
    serial: serialOf(index),
  };
  const people = usersOf(index, users);
  const plan = planRecords(people, parties);
  const files: BundleFile[] = [
    buildFile('UPPLAN', { parties, records: plan }),
    buildFile('UPSIKYU', { parties, records: sikyuRecords(people, parties) }),
    buildFile('UPHOSOKU', { parties, records: hosokuRecords(people, parties) }),
    { name: `モニタリングシート_${index}.pdf`, bytes: smallPdf(index) },
  ];
  return {
    index,
    pair: pairIndex,
    files,
    bytes: files.reduce((n, f) => n + f.bytes.length, 0),
    planRows: plan.length,
  };
}

/** Throws unless the bundle passes the validator's checks: a benchmark of rejections measures nothing. */
export function assertValid(bundle: BenchBundle): void {
  const report = validateBundle(bundle.files);
  if (!report.ok) {
    const first = report.files.flatMap((f) =>
      f.issues.filter((i) => i.severity === 'error').map((i) => `${f.name}: ${i.code}`),
    );
    throw new Error(`the benchmark bundle is not valid: ${first.slice(0, 5).join('; ')}`);
  }
}

/** A small but well-formed one-page PDF (about 1 KB) naming the bundle. */
function smallPdf(index: number): Uint8Array {
  const text = `BT /F1 12 Tf 72 720 Td (monitoring sheet, bench bundle ${index}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
