// Seed of the console benchmark (tools/bench-console.ts): offices, licenses and history written straight into
// the archive's tables of a throwaway database, in a few set-based statements (PostgreSQL generates the rows).
import { Client } from 'pg';
import { withOfficeCheckDigit } from '@careplan/spec/testing';

export interface ConsoleSeed {
  offices: number;
  /** Days of history, today included. */
  days: number;
  /** Submissions each office sends a day. */
  perDay: number;
}

export interface SeedFigures {
  offices: number;
  licensed: number;
  submissions: number;
  historyRows: number;
  ms: number;
}

const PREFECTURES = 47;
const DISTRICTS = 20;
const KINDS = ['居宅介護支援', '訪問介護', '通所介護', '福祉用具貸与', '短期入所生活介護'];
// Error codes of the seeded rejections (libs/spec issue codes).
const CODES = [
  'FILE_NAME_CHECK_DIGIT',
  'CSV_SYNTAX',
  'ENCODING_NOT_MS932',
  'FILE_NAME_RECEIVER_MISMATCH',
  'FILE_EMPTY',
];

/**
 * Office numbers spread over the 47 prefectures (about the same number each) and 20 districts each: digits 1–2
 * the prefecture, 3 the kind of service, 4–5 the district, then a serial and the check digit.
 */
export function officeNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const prefecture = String((i % PREFECTURES) + 1).padStart(2, '0');
    const district = String((Math.floor(i / PREFECTURES) % DISTRICTS) + 1).padStart(2, '0');
    const serial = String(Math.floor(i / (PREFECTURES * DISTRICTS))).padStart(4, '0');
    return withOfficeCheckDigit(`${prefecture}1${district}${serial}`);
  });
}

const OFFICES_SQL = `
  INSERT INTO "archive"."offices" ("office_number", "prefecture", "district", "name", "kind")
  SELECT n, left(n, 2), substr(n, 4, 2), 'ベンチ事業所 ' || n, ($2::text[])[1 + (i % cardinality($2::text[]))]
    FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i)`;

// Four offices in five hold a license, applied in the last year, to the end of the fiscal year after.
const LICENSES_SQL = `
  WITH l AS (
    SELECT office_number, (current_date - (abs(hashtext(office_number)) % 300))::date AS start
      FROM "archive"."offices" WHERE abs(hashtext(office_number)) % 5 <> 0
  ), ins AS (
    INSERT INTO "archive"."licenses" ("office_number", "status", "state", "billing_method", "first_start", "last_end")
    SELECT office_number, 'active', 'active', 'invoice', start, (start + interval '1 year' - interval '1 day')::date FROM l
  )
  INSERT INTO "archive"."license_terms" ("office_number", "term_no", "application_date", "start_date", "end_date",
    "fee_yen", "billing_method")
  SELECT office_number, 1, start, start, (start + interval '1 year' - interval '1 day')::date, 21000, 'invoice' FROM l`;

/**
 * One day of submissions ($3 days ago, spread over its 24 hours up to now): each office sends $4 to another
 * office; one in ten is rejected with a report, the rest are delivered, most downloaded and acknowledged later.
 * Sender and receiver rows as the archive's history consumer writes them; steps not yet due are left out.
 */
const HISTORY_SQL = `
  WITH subs AS MATERIALIZED (
    SELECT gen_random_uuid() AS sid, a[i] AS sender, a[1 + ((i + 31 * k + 7 * $3) % cardinality(a))] AS receiver,
           $2::timestamptz - make_interval(days => $3, secs => random() * 86000) AS t0, random() AS r
      FROM (SELECT $1::text[] AS a) o, generate_series(1, cardinality(a)) i, generate_series(1, $4) k
  )
  INSERT INTO "archive"."history" ("office_number", "event", "role", "counterpart_office_number", "submission_id",
    "delivery_id", "details", "occurred_at", "event_id")
  SELECT CASE st.role WHEN 'sender' THEN s.sender ELSE s.receiver END,
         st.event, st.role,
         CASE st.role WHEN 'sender' THEN s.receiver ELSE s.sender END,
         s.sid, NULL, st.details, s.t0 + st.after, gen_random_uuid()
    FROM subs s
   CROSS JOIN LATERAL (VALUES
     ('sent', 'sender', interval '0', true, NULL::jsonb),
     ('rejected', 'sender', interval '3 s', s.r < 0.1, jsonb_build_object('report', jsonb_build_object('ok', false,
        'files', jsonb_build_array(jsonb_build_object('name', 'UPPLAN.csv', 'fileType', 'UPPLAN', 'csvVersion', NULL,
          'rows', 10, 'errorCount', 1, 'warningCount', 0, 'issues', jsonb_build_array(jsonb_build_object(
            'code', ($5::text[])[1 + floor(s.r * 1000)::int % cardinality($5::text[])], 'severity', 'error',
            'row', 1, 'column', NULL, 'columnName', NULL, 'value', NULL,
            'message', jsonb_build_object('ja', '検証エラー', 'en', 'validation error')))))))),
     ('validated', 'sender', interval '3 s', s.r >= 0.1, NULL),
     ('delivered', 'sender', interval '5 s', s.r >= 0.1, NULL),
     ('received', 'receiver', interval '5 s', s.r >= 0.1, NULL),
     ('downloaded', 'receiver', interval '10 min', s.r >= 0.3, NULL),
     ('downloaded', 'sender', interval '10 min', s.r >= 0.3, NULL),
     ('acknowledged', 'receiver', interval '2 h', s.r >= 0.5, NULL),
     ('acknowledged', 'sender', interval '2 h', s.r >= 0.5, NULL)
   ) AS st(event, role, after, happens, details)
   WHERE st.happens AND s.t0 + st.after <= $2`;

/** Writes the seed; `progress` hears of each step. The database must be migrated and empty. */
export async function seedConsole(
  databaseUrl: string,
  seed: ConsoleSeed,
  progress: (line: string) => void,
): Promise<SeedFigures> {
  const started = Date.now();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const numbers = officeNumbers(seed.offices);
    await db.query(OFFICES_SQL, [numbers, KINDS]);
    await db.query(LICENSES_SQL);
    progress(`${seed.offices} offices and their licenses`);
    const now = new Date();
    let historyRows = 0;
    for (let day = seed.days - 1; day >= 0; day--) {
      const res = await db.query(HISTORY_SQL, [numbers, now, day, seed.perDay, CODES]);
      historyRows += res.rowCount ?? 0;
      progress(`history: ${seed.days - day}/${seed.days} days, ${historyRows} rows`);
    }
    // Fresh statistics and visibility map: the planner's choices and index-only scans as in a settled database.
    await db.query('VACUUM ANALYZE "archive"."history", "archive"."offices", "archive"."licenses"');
    const [{ n: licensed }] = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "archive"."licenses"')
    ).rows;
    return {
      offices: seed.offices,
      licensed,
      submissions: seed.offices * seed.days * seed.perDay,
      historyRows,
      ms: Date.now() - started,
    };
  } finally {
    await db.end();
  }
}
