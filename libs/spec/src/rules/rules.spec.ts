import { recordsToCsv, type CsvRecord } from '../records';
import type { FileTypeId } from '../spec-data';
import {
  buildBundle,
  buildFile,
  DEFAULT_PARTIES,
  defaultRecords,
  EQUIPMENT_OFFICE,
  fixtureFileName,
  HOME_HELP_OFFICE,
  JISSEKI_PARTIES,
  USERS,
  type FixtureParties,
} from '../testing/fixtures';
import type { BundleFile, FileReport, ValidationReport } from '../types';
import { validateBundle, validateFile } from '../validate';

function edited(
  fileType: FileTypeId,
  edit: (rs: CsvRecord[]) => CsvRecord[],
  parties: FixtureParties = DEFAULT_PARTIES,
): BundleFile {
  return {
    name: fixtureFileName(fileType, parties),
    bytes: new Uint8Array(recordsToCsv(fileType, edit(defaultRecords(fileType, parties)))),
  };
}

function issues(r: FileReport, code: string) {
  return r.issues.filter((i) => i.code === code);
}

function fileOf(report: ValidationReport, type: string): FileReport {
  const f = report.files.find((x) => x.fileType === type);
  if (!f) throw new Error(`no ${type}`);
  return f;
}

describe('CSV version', () => {
  const withVersion = (v: string) => edited('DLTPLAN', (rs) => rs.map((r) => ({ ...r, csvVersion: v })));

  it('202504 (V4.0) is accepted with a warning', () => {
    const r = validateFile(withVersion('202504'));
    expect(r.errorCount).toBe(0);
    expect(issues(r, 'CSV_VERSION_SUPERSEDED')[0]).toMatchObject({ row: 1, column: 1, severity: 'warning' });
  });

  it('202410 is not a defined value', () => {
    const r = validateFile(withVersion('202410'));
    expect(issues(r, 'CSV_VERSION_UNKNOWN')[0]).toMatchObject({
      row: 1,
      column: 1,
      severity: 'error',
      value: '202410',
    });
  });

  it('a V4-only file type in a V3 version is an error', () => {
    const r = validateFile(edited('UP3KYO', (rs) => rs.map((x) => ({ ...x, csvVersion: '202208' }))));
    expect(issues(r, 'FILE_TYPE_NOT_IN_VERSION')).toHaveLength(1);
    expect(issues(r, 'CSV_VERSION_LEGACY')).toHaveLength(1);
  });

  it('a V3 第6表 with 22 items is read with the inferred V3 layout', () => {
    const rows = defaultRecords('UPPLAN').map((r) => ({ ...r, csvVersion: '202208' }));
    const lines = rows.map((r) =>
      Object.entries(r)
        .filter(([k]) => !['taisCode', 'equipmentNotifiedCode', 'equipmentName'].includes(k))
        .map(([k, v]) =>
          v !== null && ['planStaffName', 'serviceOfficeName'].includes(k) ? `"${v}"` : (v ?? ''),
        )
        .join(','),
    );
    const { encodeMs932 } = jest.requireActual<typeof import('../encoding')>('../encoding');
    const name = `UPPLAN_202505_${DEFAULT_PARTIES.sender}_${DEFAULT_PARTIES.receiver}_${DEFAULT_PARTIES.serial}.CSV`;
    const r = validateFile({ name, bytes: new Uint8Array(encodeMs932(lines.join('\r\n') + '\r\n')) });
    expect(r.errorCount).toBe(0);
    expect(r.issues.map((i) => i.code).sort()).toEqual(['CSV_VERSION_LEGACY', 'FILE_NAME_LEGACY']);
  });

  it('an encoding problem on the first record of a V3 file is placed in the V3 layout', () => {
    const rows = defaultRecords('UPPLAN').map((r) => ({ ...r, csvVersion: '202208' }));
    const lines = rows.map((r, i) =>
      Object.entries(r)
        .filter(([k]) => !['taisCode', 'equipmentNotifiedCode', 'equipmentName'].includes(k))
        .map(([k, v]) =>
          i === 0 && k === 'serviceOfficeName'
            ? '"ZZGAIJIZZ"'
            : v !== null && ['planStaffName', 'serviceOfficeName'].includes(k)
              ? `"${v}"`
              : (v ?? ''),
        )
        .join(','),
    );
    const { encodeMs932 } = jest.requireActual<typeof import('../encoding')>('../encoding');
    const csv = encodeMs932(lines.join('\r\n') + '\r\n');
    const at = csv.indexOf('ZZGAIJIZZ');
    const bytes = Buffer.concat([csv.subarray(0, at), Buffer.from([0xf0, 0x40]), csv.subarray(at + 9)]);
    const name = `UPPLAN_202505_${DEFAULT_PARTIES.sender}_${DEFAULT_PARTIES.receiver}_${DEFAULT_PARTIES.serial}.CSV`;
    const r = validateFile({ name, bytes: new Uint8Array(bytes) });
    expect(r.issues.find((i) => i.code === 'ENCODING_GAIJI')).toMatchObject({
      row: 1,
      column: 18,
      columnName: 'サービス事業所名',
    });
  });

  it('CSV_VERSION_MIXED on the row that differs', () => {
    const r = validateFile(
      edited('UPPLAN', (rs) => rs.map((x, i) => (i === 4 ? { ...x, csvVersion: '202504' } : x))),
    );
    expect(issues(r, 'CSV_VERSION_MIXED')[0]).toMatchObject({ row: 5, column: 1, value: '202504' });
  });

  it('CSV_VERSION_MONTH warns when V4 is used before service month 202504', () => {
    const parties = { ...DEFAULT_PARTIES, month: '202503' };
    const r = validateFile(edited('DLTPLAN', (rs) => rs, parties));
    expect(r.issues.map((i) => i.code)).toEqual(['CSV_VERSION_MONTH']);
  });
});

describe('rules within a file', () => {
  it('MONTH_MISMATCH and SERVICE_DATE_OUTSIDE_MONTH on 第6表', () => {
    const r = validateFile(
      edited('UPPLAN', (rs) => {
        rs[2] = { ...rs[2], targetYm: '202506' };
        rs[3] = { ...rs[3], serviceDate: '20250601' };
        return rs;
      }),
    );
    expect(issues(r, 'MONTH_MISMATCH')[0]).toMatchObject({ row: 3, column: 5, value: '202506' });
    // Row 3 now belongs to another month too, so its date is outside it as well.
    expect(issues(r, 'SERVICE_DATE_OUTSIDE_MONTH').map((i) => [i.row, i.column])).toEqual([
      [3, 10],
      [4, 10],
    ]);
  });

  it('PRORATION_DAY_OUTSIDE_MONTH and TAIS_MISSING warn', () => {
    const parties = { ...DEFAULT_PARTIES, month: '202506' }; // 30 days
    const r = validateFile(
      edited(
        'UPPLAN',
        (rs) => {
          rs[0] = { ...rs[0], prorationDays: '1'.repeat(31) };
          const eq = rs.findIndex((x) => x.serviceOfficeNo === EQUIPMENT_OFFICE);
          rs[eq] = { ...rs[eq], taisCode: null };
          return rs;
        },
        parties,
      ),
    );
    expect(issues(r, 'PRORATION_DAY_OUTSIDE_MONTH')[0]).toMatchObject({
      row: 1,
      column: 11,
      severity: 'warning',
    });
    expect(issues(r, 'TAIS_MISSING')).toHaveLength(1);
    expect(r.errorCount).toBe(0);
  });

  it('TAIS_MISSING warns on a 第7表 detail row of kind 17 too (第7表 No.10/11, docs/standard/identifiers.md#tais-and-届出-codes)', () => {
    const r = validateFile(
      edited('UPSIKYU', (rs) => {
        const eq = rs.findIndex(
          (x) => x.serviceOfficeNo === EQUIPMENT_OFFICE && /^17\d{4}$/.test(x.serviceCode ?? ''),
        );
        rs[eq] = { ...rs[eq], taisCode: null, equipmentNotifiedCode: null };
        return rs;
      }),
    );
    expect(issues(r, 'TAIS_MISSING')).toHaveLength(1);
    expect(issues(r, 'TAIS_MISSING')[0]).toMatchObject({ severity: 'warning' });
    expect(r.errorCount).toBe(0);
    // Summary rows of kind 17 carry no product.
    expect(issues(validateFile(buildFile('UPSIKYU')), 'TAIS_MISSING')).toHaveLength(0);
  });

  it('SERVICE_KIND_OUT_OF_SCOPE warns on 第6表/第7表 rows of kinds the exchange leaves out (docs/standard/identifiers.md#services-in-scope)', () => {
    const plan = validateFile(
      edited('UPPLAN', (rs) => {
        rs[0] = { ...rs[0], serviceCode: '421111' }; // 42 住宅改修
        rs[1] = { ...rs[1], serviceCode: '331111' }; // 33: the reconstructed table is unsure here, no warning
        return rs;
      }),
    );
    expect(issues(plan, 'SERVICE_KIND_OUT_OF_SCOPE').map((i) => [i.row, i.column, i.value])).toEqual([
      [1, 15, '421111'],
    ]);
    expect(issues(plan, 'SERVICE_KIND_OUT_OF_SCOPE')[0].severity).toBe('warning');
    const sikyu = validateFile(
      edited('UPSIKYU', (rs) => rs.map((x, i) => (i === 0 ? { ...x, serviceCode: '511111' } : x))),
    );
    expect(issues(sikyu, 'SERVICE_KIND_OUT_OF_SCOPE')).toHaveLength(1);
    expect(issues(validateFile(buildFile('UPSIKYU')), 'SERVICE_KIND_OUT_OF_SCOPE')).toHaveLength(0);
  });

  it('第7表 summary rows: units 0, discount items empty, 9999999999 on the total', () => {
    const r = validateFile(
      edited('UPSIKYU', (rs) =>
        rs.map((x) =>
          x.serviceCode === '999999'
            ? { ...x, units: '5', discountRate: '90', serviceOfficeNo: HOME_HELP_OFFICE }
            : x,
        ),
      ),
    );
    const found = issues(r, 'SUMMARY_ROW_INVALID');
    expect(found.map((i) => i.column)).toEqual([13, 14, 7, 13, 14, 7, 13, 14, 7]);
    expect(found[0].row).not.toBeNull();
  });

  it('SUMMARY_TOTAL_MISSING / SUMMARY_TOTAL_DUPLICATE / SUBTOTAL_MISSING per user', () => {
    const r = validateFile(
      edited('UPSIKYU', (rs) => {
        const noTotal = rs.filter((x) => !(x.serviceCode === '999999' && x.insuredNo === USERS[0].insuredNo));
        const dup = noTotal.find((x) => x.serviceCode === '999999' && x.insuredNo === USERS[1].insuredNo);
        const noSub = noTotal.filter(
          (x) => !(x.serviceCode === '11AAAA' && x.insuredNo === USERS[1].insuredNo),
        );
        return dup ? [...noSub, dup] : noSub;
      }),
    );
    expect(issues(r, 'SUMMARY_TOTAL_MISSING')[0]).toMatchObject({
      row: null,
      value: `131011|${USERS[0].insuredNo}|202505`,
    });
    expect(issues(r, 'SUMMARY_TOTAL_DUPLICATE')[0].value).toContain(USERS[1].insuredNo);
    expect(issues(r, 'SUBTOTAL_MISSING')[0].message.en).toContain('11AAAA');
  });

  it('AMOUNT_MISMATCH warns when サービス単位/金額 is not units x count', () => {
    const r = validateFile(
      edited('UPSIKYU', (rs) => rs.map((x, i) => (i === 0 ? { ...x, serviceUnitsAmount: '1' } : x))),
    );
    expect(issues(r, 'AMOUNT_MISMATCH')[0]).toMatchObject({ row: 1, column: 17, severity: 'warning' });
  });

  it('UPHOSOKU: 対象年月 against the file name, and the plan date of each link', () => {
    const r = validateFile(
      edited('UPHOSOKU', (rs) =>
        rs.map((x, i) => (i === 1 ? { ...x, targetYm: '202504', planCreatedDate: '20250401' } : x)),
      ),
    );
    expect(issues(r, 'MONTH_MISMATCH')[0]).toMatchObject({ row: 2, column: 63 });
    expect(issues(r, 'HOSOKU_LINK_INCONSISTENT')[0]).toMatchObject({
      row: 2,
      column: 4,
      severity: 'warning',
    });
  });

  it('ROW_ORDER on 第2表 rows out of print order', () => {
    const r = validateFile(edited('UP2KYO', (rs) => [rs[1], rs[0], ...rs.slice(2)]));
    expect(issues(r, 'ROW_ORDER')[0]).toMatchObject({ row: 2, severity: 'error', value: '1-1-1' });
  });

  it('UNIT_MIXED when one 実績 file carries two offices', () => {
    const r = validateFile(
      edited(
        'UPJSK',
        (rs) => rs.map((x, i) => (i === 0 ? { ...x, serviceOfficeNo: EQUIPMENT_OFFICE } : x)),
        JISSEKI_PARTIES,
      ),
    );
    expect(issues(r, 'UNIT_MIXED')).toHaveLength(1);
    expect(issues(r, 'JSK_OFFICE_MISMATCH')[0]).toMatchObject({ row: 1, column: 20 });
  });

  it('deletion files: all items required', () => {
    const r = validateFile(
      edited('DLTJSK', (rs) => rs.map((x) => ({ ...x, serviceKind: null })), JISSEKI_PARTIES),
    );
    expect(issues(r, 'REQUIRED_MISSING')[0]).toMatchObject({
      row: 1,
      column: 6,
      columnName: 'サービス種類コード',
    });
  });

  it('IMAGE_NOT_JPEG for a family image that is not a JPEG', () => {
    const r = validateFile({
      name: fixtureFileName('UPKIHON_IMAGE'),
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });
    expect(r.issues.map((i) => i.code)).toEqual(['IMAGE_NOT_JPEG']);
  });
});

describe('rules across files', () => {
  it('every bundle kind built by the fixtures is valid', () => {
    for (const kind of ['careplan', 'plan', 'jisseki', 'yobo', 'delete-plan'] as const) {
      const report = validateBundle(buildBundle(kind));
      expect(report.files.flatMap((f) => f.issues)).toEqual([]);
      expect(report.ok).toBe(true);
    }
  });

  it('SET_INCOMPLETE: 第6表 without 第7表 and 補足, attached to the file with row/column null', () => {
    const report = validateBundle([buildFile('UPPLAN')]);
    const i = fileOf(report, 'UPPLAN').issues.find((x) => x.code === 'SET_INCOMPLETE');
    expect(i).toMatchObject({ row: null, column: null, severity: 'error' });
    expect(i?.message.en).toContain('UPSIKYU, UPHOSOKU');
    expect(report.ok).toBe(false);
  });

  it('SET_INCOMPLETE for a 別表 without its parent; SET_INCOMPLETE_WEAK for a parent without 別表', () => {
    const yobo = buildBundle('yobo');
    const r1 = validateBundle(yobo.filter((f) => !f.name.startsWith('UPYOBO_SUB')));
    expect(issues(fileOf(r1, 'UPYOBO'), 'SET_INCOMPLETE_WEAK')).toHaveLength(1);
    expect(r1.ok).toBe(true);
    const r2 = validateBundle(
      yobo.filter((f) => !f.name.startsWith('UPKIHON_') || f.name.startsWith('UPKIHON_SUB')),
    );
    expect(issues(fileOf(r2, 'UPKIHON_SUB1'), 'SET_INCOMPLETE')).toHaveLength(1);
  });

  it("two service months in one unit (next month's plan and this month's change): each set joins its month", () => {
    const june = { ...DEFAULT_PARTIES, month: '202506' };
    const [plan5, sikyu5, hosoku5] = buildBundle('plan');
    const [plan6, sikyu6, hosoku6] = (['UPPLAN', 'UPSIKYU', 'UPHOSOKU'] as const).map((t) =>
      buildFile(t, { parties: june }),
    );
    const r = validateBundle([plan5, plan6, sikyu6, sikyu5, hosoku6, hosoku5]);
    expect(r.files.flatMap((f) => f.issues)).toEqual([]);
    expect(r.ok).toBe(true);
    // A month whose 第7表 is missing is incomplete even though the other month has one.
    const r2 = validateBundle([plan5, plan6, sikyu5, hosoku6, hosoku5]);
    const june6 = r2.files.find((f) => f.name === plan6.name);
    expect(june6?.issues.map((i) => i.code)).toEqual(['SET_INCOMPLETE']);
    expect(r2.files.find((f) => f.name === hosoku6.name)?.issues.map((i) => i.code)).toEqual([
      'SET_INCOMPLETE',
    ]);
    expect(r2.files.filter((f) => f.errorCount > 0)).toHaveLength(2);
  });

  it('SET_INCOMPLETE for 第1表 without 第3表 in V4', () => {
    const report = validateBundle(buildBundle('careplan').filter((f) => !f.name.startsWith('UP3KYO')));
    expect(issues(fileOf(report, 'UP1KYO'), 'SET_INCOMPLETE')[0].message.en).toContain('UP3KYO');
  });

  it('SET_RECORD_UNMATCHED when a user of 第7表 is missing from 第6表', () => {
    const [plan, sikyu, hosoku] = buildBundle('plan');
    const planMinusUser = edited('UPPLAN', (rs) => rs.filter((x) => x.insuredNo !== USERS[2].insuredNo));
    const report = validateBundle([planMinusUser, sikyu, hosoku]);
    const i = issues(fileOf(report, 'UPSIKYU'), 'SET_RECORD_UNMATCHED')[0];
    expect(i).toMatchObject({ row: null, column: null, value: `131011|${USERS[2].insuredNo}|202505` });
    expect(issues(fileOf(report, 'UPHOSOKU'), 'SET_RECORD_UNMATCHED')).toHaveLength(1);
    expect(plan.name).toBe(planMinusUser.name);
  });

  it('TOTAL_MISMATCH warns when 第6表 counts and 第7表 回数／日数 disagree', () => {
    const [, sikyu, hosoku] = buildBundle('plan');
    const plan = edited('UPPLAN', (rs) => rs.slice(1)); // one visit fewer for the first user
    const report = validateBundle([plan, sikyu, hosoku]);
    const i = issues(fileOf(report, 'UPSIKYU'), 'TOTAL_MISMATCH')[0];
    expect(i).toMatchObject({ severity: 'warning', row: null });
    expect(report.ok).toBe(true);
  });

  it('UNIT_DUPLICATE_TYPE, FILE_NAME_DUPLICATE and BUNDLE_MULTIPLE_UNITS', () => {
    const plan = buildBundle('plan');
    const copy = { ...plan[0], name: plan[0].name.replace('.CSV', '.csv') };
    const r = validateBundle([...plan, copy, plan[1]]);
    expect(r.files.flatMap((f) => f.issues.map((i) => i.code))).toEqual(
      expect.arrayContaining(['UNIT_DUPLICATE_TYPE', 'FILE_NAME_DUPLICATE']),
    );
    const other = validateBundle([...plan, buildFile('UPJSK')]);
    expect(issues(fileOf(other, 'UPJSK'), 'BUNDLE_MULTIPLE_UNITS')).toHaveLength(1);
  });

  it('DELETE_CONFLICT when a unit deletes and uploads the same plan', () => {
    const r = validateBundle([...buildBundle('plan'), buildFile('DLTPLAN')]);
    expect(issues(fileOf(r, 'DLTPLAN'), 'DELETE_CONFLICT')[0]).toMatchObject({
      severity: 'warning',
      value: `131011|${USERS[0].insuredNo}|202505`,
    });
  });

  it('SET_IMAGE_MISSING when UPKIHON names an image the unit lacks', () => {
    const r = validateBundle(buildBundle('yobo').filter((f) => !f.name.startsWith('UPKIHON_IMAGE')));
    expect(issues(fileOf(r, 'UPKIHON'), 'SET_IMAGE_MISSING')).toHaveLength(1);
  });

  it('FILE_NAME_NOT_STANDARD warns for files that are neither standard CSV nor attachments', () => {
    const r = validateBundle([
      ...buildBundle('jisseki'),
      { name: 'setup.exe', bytes: new Uint8Array([0x4d, 0x5a]) },
    ]);
    expect(r.files[1].issues.map((i) => i.code)).toEqual(['FILE_NAME_NOT_STANDARD']);
    expect(r.ok).toBe(true);
  });

  it('FILE_NAME_INVALID for a standard prefix with an extension other than .CSV/.csv', () => {
    const [file] = buildBundle('jisseki');
    for (const ext of ['.Csv', '.CSV.bak', '']) {
      const name = file.name.replace(/\.CSV$/, ext);
      const r = validateBundle([{ ...file, name }]);
      expect(r.files[0].fileType).toBe('UPJSK');
      expect(r.files[0].rows).toBeGreaterThan(0);
      expect(r.files[0].issues.map((i) => i.code)).toContain('FILE_NAME_INVALID');
      expect(r.ok).toBe(false);
    }
  });
});
