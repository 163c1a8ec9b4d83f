// Valid standard files of every type, built in code with realistic Japanese content, for tests of this lib
// and of the services that use it. Office and insurer numbers carry correct check digits.
import { withInsurerCheckDigit, withOfficeCheckDigit } from '../check-digit';
import { encodeMs932 } from '../encoding';
import { recordsToCsv, type CsvRecord } from '../records';
import { fileTypeSpec, type ColumnSpec, type FileTypeId } from '../spec-data';
import type { BundleFile } from '../types';

export interface FixtureParties {
  /** 送信元 office number and service kind. */
  sender: string;
  senderKind: string;
  receiver: string;
  receiverKind: string;
  /** ファイル連番 (YYYYMMDDHHMMSS). */
  serial: string;
  /** 対象年月 of 第6表/第7表 files. */
  month: string;
}

/** 居宅介護支援事業所 (kind 43) in 新宿区. */
export const CARE_OFFICE = withOfficeCheckDigit('137120136');
/** 訪問介護事業所 (kind 11). */
export const HOME_HELP_OFFICE = withOfficeCheckDigit('137150042');
/** 福祉用具貸与事業所 (kind 17). */
export const EQUIPMENT_OFFICE = withOfficeCheckDigit('137160057');
/** 地域包括支援センター (介護予防支援, kind 46). */
export const CENTER_OFFICE = withOfficeCheckDigit('137020012');
/** 通所型サービス（総合事業） office: class letter A. */
export const SOGO_OFFICE = withOfficeCheckDigit('13A100011');
/** 千代田区 (131011 is a real insurer number with a valid check digit). */
export const INSURER = withInsurerCheckDigit('13101');

export const DEFAULT_PARTIES: Readonly<FixtureParties> = Object.freeze({
  sender: CARE_OFFICE,
  senderKind: '43',
  receiver: HOME_HELP_OFFICE,
  receiverKind: '11',
  serial: '20250425103000',
  month: '202505',
});

/** Parties of a 実績 send: the provider sends to the care-manager office. */
export const JISSEKI_PARTIES: Readonly<FixtureParties> = Object.freeze({
  ...DEFAULT_PARTIES,
  sender: HOME_HELP_OFFICE,
  senderKind: '11',
  receiver: CARE_OFFICE,
  receiverKind: '43',
  serial: '20250603090000',
});

/** Parties of a 介護予防 send from a 地域包括支援センター to a 総合事業 provider. */
export const YOBO_PARTIES: Readonly<FixtureParties> = Object.freeze({
  ...DEFAULT_PARTIES,
  sender: CENTER_OFFICE,
  senderKind: '46',
  receiver: SOGO_OFFICE,
  receiverKind: 'A6',
});

export interface FixtureUser {
  insuredNo: string;
  nameKana: string;
  name: string;
  sex: '1' | '2';
  birthDate: string;
  postalCode: string;
  address1: string;
  address2: string;
  phone: string;
}

export const USERS: readonly FixtureUser[] = Object.freeze([
  {
    insuredNo: '0000123456',
    nameKana: 'ヤマダ　ハナコ',
    name: '山田　花子',
    sex: '2',
    birthDate: '19400315',
    postalCode: '160-0023',
    address1: '東京都新宿区西新宿二丁目８番１号',
    address2: 'グリーンハイツ西新宿１０１号室',
    phone: '03-1234-5678',
  },
  {
    insuredNo: '0000234567',
    nameKana: 'スズキ　イチロウ',
    name: '鈴木　一郎',
    sex: '1',
    birthDate: '19380722',
    postalCode: '169-0075',
    address1: '東京都新宿区高田馬場一丁目２番３号',
    address2: '',
    phone: '03-2345-6789',
  },
  {
    insuredNo: 'H123456789',
    nameKana: 'タカハシ　トメ',
    name: '髙橋　とめ',
    sex: '2',
    birthDate: '19331103',
    postalCode: '162-0825',
    address1: '東京都新宿区神楽坂四丁目５番',
    address2: '神楽坂コート２０３',
    phone: '090-1111-2222',
  },
]);

// Free-text content by column key; other text items fall back to a neutral remark.
const TEXT: Readonly<Record<string, string>> = {
  planAuthorName: '佐藤　恵子',
  careOfficeName: '居宅介護支援事業所さくら',
  careOfficeAddress1: '東京都新宿区西新宿三丁目２番１１号',
  careOfficeAddress2: '新宿さくらビル２階',
  assessmentResult:
    '本人：「できるだけ自宅で暮らしたい」\r\n家族：「転倒が心配なので、入浴は手伝ってほしい」\r\n膝の痛みがあり、屋内の移動にふらつきがみられる。',
  certBoardOpinion: '特になし',
  overallPolicy:
    '転倒を防ぎ、住み慣れた自宅での生活を続けられるよう、訪問介護と福祉用具で支援します。緊急時は長女（℡090-3333-4444）へ連絡。',
  otherReason: '',
  issue: '膝の痛みがあり、一人での入浴に不安がある',
  longTermGoal: '安心して入浴でき、清潔を保てる',
  shortTermGoal: '見守りのもと、週２回入浴できる',
  longTermPeriod: 'R7.5.1～R8.3.31',
  shortTermPeriod: 'R7.5.1～R7.10.31',
  serviceContent: '入浴介助（洗身・洗髪の一部介助、浴槽の出入りの見守り）',
  serviceType: '訪問介護',
  serviceOfficeName: 'ヘルパーステーションひまわり',
  frequency: '週２回（火・金）',
  period: 'R7.5.1～R7.10.31',
  dailyActivity: '起床・朝食',
  nonWeeklyService: '福祉用具貸与（車いす）、月１回の通院（長女付き添い）',
  planStaffName: '佐藤　恵子',
  equipmentName: '自走用標準形車いす　ＫＸ－２２',
  author: '田中　美咲',
  consultMethodOther: '',
  statusNote: '',
  address: '東京都新宿区西新宿二丁目８番１号',
  disabilityNote: '特記事項なし',
  economicNote: '国民年金のみで生活。預貯金あり。',
  visitorName: '山田　京子',
  visitorAddress: '神奈川県川崎市中原区小杉町１－２－３',
  visitorRelation: '長女',
  emergency1Name: '山田　京子',
  emergency1Relation: '長女',
  emergency1Address: '神奈川県川崎市中原区小杉町１－２－３',
  familySituation: '独居。長女が週末に訪問している。',
  lifeHistory: '新宿区で生まれ育ち、和菓子店を営んできた。',
  dailyLife: '日中はテレビを見て過ごすことが多い。',
  hobbies: '園芸、俳句',
  community: '町内会の集まりに月１回参加',
  publicServices: '配食サービス（区）',
  privateServices: '生協の宅配',
  consentName: '山田　花子',
  time: '6:00',
  selfActivity: '起床、洗面',
  familyActivity: '長女に電話で安否連絡',
  date: 'H12年10月',
  disease: '変形性膝関節症',
  clinicDoctor: '新宿ひだまりクリニック　伊藤医師',
  treatment: '鎮痛薬の内服、月１回の通院',
  refNo: 'Y-2025-0012',
  authorCenterStaff: '中村　由美',
  authorCareManager: '',
  authorOfficeName: '新宿区西部地域包括支援センター',
  authorOfficeAddress: '東京都新宿区西新宿一丁目４番５号',
  center: '新宿区西部地域包括支援センター',
  goalDay: '毎朝、近所を１５分散歩する',
  goalYear: '孫の結婚式に出席する',
  supportPolicy: '膝への負担を減らしながら、運動の習慣をつける',
  centerOpinion: '通所型サービスでの運動を継続してください',
  overallIssue: '膝の痛みによる活動量の低下',
  proposal: '通所型サービスで下肢筋力訓練を行う',
  proposalIntention: '本人：やってみたい',
  goal: '休まずに１５分歩ける',
  supportPoint: '痛みの出ない範囲で段階的に',
  selfCareInformal: '自宅での体操（毎朝）',
  insuranceService: '通所型サービス（独自）',
  usedServiceType: '通所型サービス',
  usedServiceOffice: 'デイサービスあおぞら',
  usedServicePeriod: 'R7.5.1～R7.10.31',
};

// Code values chosen for realism where the first listed code would read oddly.
const CODES: Readonly<Record<string, string>> = {
  careLevel: '22',
  prevCareLevel: '21',
  planKubun: '21',
  certStatus: '2',
  livingSupportReason: '1',
  consultMethod: '01',
  consultCount: '01',
  status: '01',
  adlIndependence: '21',
  dementiaIndependence: '02',
  housing: '05',
  homeModification: '2',
  supportLevel: '2',
  insuranceFlag: 'Y',
};

function defaultValue(fileType: FileTypeId, col: ColumnSpec, p: FixtureParties, user: FixtureUser): string {
  const userValue = (user as unknown as Record<string, string | undefined>)[col.key];
  if (userValue !== undefined && col.key !== 'insuredNo') return userValue;
  switch (col.key) {
    case 'csvVersion':
      return '202407';
    case 'insurerNo':
      return INSURER;
    case 'insuredNo':
      return user.insuredNo;
    case 'targetYm':
    case 'deleteYm':
      return p.month;
    case 'identifier':
      return '';
    default:
      break;
  }
  if (fileType === 'UPKIHON' && col.key === 'careLevel') return '12';
  if (fileType === 'UPKIHON' && col.key === 'prevCareLevel') return '01';
  if (fileType === 'UPKIHON' && col.key === 'familyImageFile') return '';
  switch (col.type) {
    case 'text':
      return TEXT[col.key] ?? '特記事項なし';
    case 'code': {
      const codes = Object.keys(col.codes ?? {});
      const preferred = CODES[col.key];
      return preferred !== undefined && codes.includes(preferred) ? preferred : (codes[0] ?? '');
    }
    case 'yyyymmdd':
      if (col.key.endsWith('To') || col.key === 'limitEndDate') return '20260331';
      if (col.key.endsWith('From') || col.key === 'limitStartDate') return '20250401';
      return '20250410';
    case 'yyyymm':
      return p.month;
    case 'hhmm':
      return col.key.toLowerCase().includes('end') ? '1000' : '0900';
    case 'officeNo':
      return p.sender;
    case 'digits':
      return '';
    case 'integer':
      return col.maxLength === 1 ? '1' : '2';
    case 'decimal':
      return '11.40';
    case 'serviceKind':
      return '';
    case 'serviceCode':
      return '111111';
    case 'flags31':
    case 'tais':
    case 'alnum':
      return '';
    case 'insuredNo':
      return user.insuredNo;
    case 'postal':
      return '160-0023';
    case 'phone':
      return '03-1234-5678';
  }
}

/** A record of the type with every column filled with a valid, realistic default; overrides win. */
export function fixtureRecord(
  fileType: FileTypeId,
  overrides: Readonly<CsvRecord> = {},
  options: { parties?: FixtureParties; user?: FixtureUser } = {},
): CsvRecord {
  const p = options.parties ?? DEFAULT_PARTIES;
  const user = options.user ?? USERS[0];
  const rec: CsvRecord = {};
  for (const col of fileTypeSpec(fileType).columns) {
    const v = defaultValue(fileType, col, p, user);
    rec[col.key] = v === '' ? null : v;
  }
  for (const [k, v] of Object.entries(overrides)) rec[k] = v;
  return rec;
}

export function fixtureFileName(
  fileType: FileTypeId,
  parties: FixtureParties = DEFAULT_PARTIES,
  opts: { month?: string; branchNo?: string } = {},
): string {
  const spec = fileTypeSpec(fileType);
  const month = spec.hasMonth ? `_${opts.month ?? parties.month}` : '';
  const parts = `${parties.sender}_${parties.senderKind}_${parties.receiver}_${parties.receiverKind}_${parties.serial}`;
  if (!spec.isCsv) return `${spec.prefix}_${parts}_${opts.branchNo ?? '0001'}.jpg`;
  return `${spec.prefix}${month}_${parts}.CSV`;
}

interface ServiceLine {
  office: string;
  officeName: string;
  code: string;
  units: number;
  days: readonly number[];
  start: string;
  end: string;
  tais?: string;
  equipmentName?: string;
}

/** The services of one user in the fixture month (訪問介護 twice a week, 車いす貸与 monthly). */
function serviceLines(userIndex: number, month: string): ServiceLine[] {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(4));
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const visitDays: number[] = [];
  for (let d = 1; d <= last; d++) {
    const wd = new Date(Date.UTC(year, m - 1, d)).getUTCDay();
    if (wd === 2 || wd === 5) visitDays.push(d);
  }
  const lines: ServiceLine[] = [
    {
      office: HOME_HELP_OFFICE,
      officeName: 'ヘルパーステーションひまわり',
      code: '111211',
      units: 324,
      days: visitDays,
      start: userIndex % 2 === 0 ? '1000' : '1400',
      end: userIndex % 2 === 0 ? '1045' : '1445',
    },
  ];
  if (userIndex % 3 !== 2) {
    lines.push({
      office: HOME_HELP_OFFICE,
      officeName: 'ヘルパーステーションひまわり',
      code: '114000',
      units: 24,
      days: visitDays.slice(0, 2),
      start: userIndex % 2 === 0 ? '1000' : '1400',
      end: userIndex % 2 === 0 ? '1045' : '1445',
    });
    lines.push({
      office: EQUIPMENT_OFFICE,
      officeName: '福祉用具センターあおば',
      code: '171001',
      units: 500,
      days: [1],
      start: '9999',
      end: '9999',
      tais: '00170-000123',
      equipmentName: '自走用標準形車いす　ＫＸ－２２',
    });
  }
  return lines;
}

function day(month: string, d: number): string {
  return `${month}${String(d).padStart(2, '0')}`;
}

/** 第6表 records (one per service line and day) for the given users. */
export function planRecords(
  users: readonly FixtureUser[] = USERS,
  parties: FixtureParties = DEFAULT_PARTIES,
): CsvRecord[] {
  const out: CsvRecord[] = [];
  users.forEach((user, ui) => {
    for (const line of serviceLines(ui, parties.month)) {
      for (const d of line.days) {
        out.push(
          fixtureRecord(
            'UPPLAN',
            {
              createdDate: '20250425',
              planOfficeNo: CARE_OFFICE,
              units: String(line.units),
              shortStayDaysBefore: null,
              serviceDate: day(parties.month, d),
              prorationDays: null,
              startTime: line.start,
              endTime: line.end,
              count: '1',
              serviceCode: line.code,
              taisCode: line.tais ?? null,
              equipmentNotifiedCode: null,
              equipmentName: line.equipmentName ?? null,
              detailSeq: null,
              serviceOfficeNo: line.office,
              serviceOfficeName: line.officeName,
              satelliteNo: null,
              over30Days: '0',
              updaterOfficeNo: CARE_OFFICE,
            },
            { parties, user },
          ),
        );
      }
    }
  });
  return out;
}

/** 第7表 records agreeing with planRecords: detail rows, AAAA subtotals where a kind has several rows, 999999. */
export function sikyuRecords(
  users: readonly FixtureUser[] = USERS,
  parties: FixtureParties = DEFAULT_PARTIES,
): CsvRecord[] {
  const out: CsvRecord[] = [];
  const base = (user: FixtureUser): CsvRecord =>
    fixtureRecord(
      'UPSIKYU',
      {
        createdDate: '20250425',
        satelliteNo: null,
        taisCode: null,
        equipmentNotifiedCode: null,
        equipmentName: null,
        discountRate: null,
        discountedUnits: null,
        benefitMgmtUnits: null,
        kindLimitOverUnits: null,
        kindLimitInUnits: null,
        kubunLimitOverUnits: null,
        kubunLimitInUnits: null,
        unitPrice: null,
        totalCost: null,
        benefitRate: null,
        claimAmount: null,
        fixedCopayUnitPrice: null,
        copayInsured: null,
        copayFull: null,
        daysBeforeMonth: null,
        plannedDaysThisMonth: null,
        cumulativeDays: null,
        over30Days: '0',
        officeCode: '9999999999',
        inputterCode: null,
        updaterOfficeNo: CARE_OFFICE,
      },
      { parties, user },
    );
  users.forEach((user, ui) => {
    const lines = serviceLines(ui, parties.month);
    let userTotal = 0;
    const kinds = new Map<string, { office: string; name: string; rows: number; units: number }>();
    for (const line of lines) {
      const count = line.days.length;
      const amount = line.units * count;
      userTotal += amount;
      out.push({
        ...base(user),
        serviceOfficeName: line.officeName,
        serviceOfficeNo: line.office,
        serviceCode: line.code,
        taisCode: line.tais ?? null,
        equipmentName: line.equipmentName ?? null,
        units: String(line.units),
        countOrDays: String(count),
        serviceUnitsAmount: String(amount),
      });
      const kind = line.code.slice(0, 2);
      const k = kinds.get(kind) ?? { office: line.office, name: line.officeName, rows: 0, units: 0 };
      k.rows++;
      k.units += amount;
      kinds.set(kind, k);
    }
    for (const [kind, k] of kinds) {
      if (k.rows < 2) continue;
      out.push({
        ...base(user),
        serviceOfficeName: k.name,
        serviceOfficeNo: k.office,
        serviceCode: `${kind}AAAA`,
        units: '0',
        countOrDays: '0',
        serviceUnitsAmount: String(k.units),
        benefitMgmtUnits: String(k.units),
        kubunLimitInUnits: String(k.units),
        unitPrice: '11.40',
        totalCost: String(Math.floor(k.units * 11.4)),
        benefitRate: '90',
      });
    }
    out.push({
      ...base(user),
      serviceOfficeName: null,
      serviceOfficeNo: '9999999999',
      serviceCode: '999999',
      units: '0',
      countOrDays: '0',
      serviceUnitsAmount: String(userTotal),
      benefitMgmtUnits: String(userTotal),
    });
  });
  return out;
}

/** 利用者補足情報 records; linked to 第6表/第7表 (month) or to 第1表 (month '000000'). */
export function hosokuRecords(
  users: readonly FixtureUser[] = USERS,
  parties: FixtureParties = DEFAULT_PARTIES,
  link: 'plan' | 'careplan' = 'plan',
): CsvRecord[] {
  return users.map((user) =>
    fixtureRecord(
      'UPHOSOKU',
      {
        planCreatedDate: link === 'plan' ? '00000000' : '20250410',
        targetYm: link === 'plan' ? parties.month : '000000',
        certDate: '20250320',
        careLevelChangeDate: null,
        kubunLimitUnits: '19705',
        totalOverUnits: '0',
        stayDaysBeforeMonth: null,
        stayDaysCumulative: null,
        consentReceiverOfficeNo: CARE_OFFICE,
        updaterOfficeNo: CARE_OFFICE,
        ...Object.fromEntries(
          Array.from({ length: 9 }, (_, i) => i + 1).flatMap((n) => [
            [`kindLimit${n}ServiceKind`, null],
            [`kindLimit${n}LimitUnits`, null],
            [`kindLimit${n}TotalUnits`, null],
            [`kindLimit${n}OverUnits`, null],
          ]),
        ),
      },
      { parties, user },
    ),
  );
}

/** Default records of every file type: a small, consistent data set per type. */
export function defaultRecords(fileType: FileTypeId, parties: FixtureParties = DEFAULT_PARTIES): CsvRecord[] {
  const users = USERS;
  switch (fileType) {
    case 'UPHOSOKU':
      return hosokuRecords(users, parties, parties.month === '000000' ? 'careplan' : 'plan');
    case 'UPPLAN':
      return planRecords(users, parties);
    case 'UPJSK':
      return planRecords(users.slice(0, 1), parties)
        .filter((r) => r.serviceOfficeNo === HOME_HELP_OFFICE && (r.serviceCode ?? '').startsWith('11'))
        .map((r) => ({ ...r, updaterOfficeNo: HOME_HELP_OFFICE }));
    case 'UPSIKYU':
      return sikyuRecords(users, parties);
    case 'UP1KYO':
      return users.map((user) =>
        fixtureRecord(
          'UP1KYO',
          {
            careOfficeNo: CARE_OFFICE,
            updaterOfficeNo: CARE_OFFICE,
            firstPlanDate: '20230401',
            createdDate: '20250410',
          },
          { parties, user },
        ),
      );
    case 'UP2KYO':
      return users.flatMap((user) => [
        fixtureRecord(
          'UP2KYO',
          { issueNo: '1', goalNo: '1', supportNo: '1', serviceOfficeNo: HOME_HELP_OFFICE },
          { parties, user },
        ),
        fixtureRecord(
          'UP2KYO',
          {
            issueNo: '1',
            goalNo: '1',
            supportNo: '2',
            issue: null,
            longTermGoal: null,
            shortTermGoal: null,
            longTermPeriod: null,
            shortTermPeriod: null,
            serviceContent: '車いすの貸与（通院時の移動）',
            serviceType: '福祉用具貸与',
            serviceOfficeNo: EQUIPMENT_OFFICE,
            serviceOfficeName: '福祉用具センターあおば',
            frequency: '随時',
          },
          { parties, user },
        ),
        fixtureRecord(
          'UP2KYO',
          {
            issueNo: '2',
            goalNo: '1',
            supportNo: '1',
            issue: '一人暮らしで、急な体調の変化に気づかれにくい',
            longTermGoal: '体調の変化に早く気づいてもらえる',
            shortTermGoal: '毎日、安否の確認ができる',
            serviceContent: '長女による毎日の電話連絡',
            insuranceFlag: 'N',
            serviceType: '家族',
            serviceOfficeNo: null,
            serviceOfficeName: '長女',
            frequency: '毎日',
          },
          { parties, user },
        ),
      ]);
    case 'UP3KYO':
      return users.flatMap((user) => [
        fixtureRecord(
          'UP3KYO',
          {
            weekday: '2',
            serviceStart: '1000',
            serviceEnd: '1045',
            dailyActivity: null,
            activityStart: null,
            activityEnd: null,
            nonWeeklyService: null,
          },
          { parties, user },
        ),
        fixtureRecord(
          'UP3KYO',
          {
            weekday: '5',
            serviceStart: '1000',
            serviceEnd: '1045',
            dailyActivity: null,
            activityStart: null,
            activityEnd: null,
            nonWeeklyService: null,
          },
          { parties, user },
        ),
        fixtureRecord(
          'UP3KYO',
          {
            serviceContent: null,
            weekday: null,
            serviceStart: null,
            serviceEnd: null,
            activityStart: '0700',
            activityEnd: '0730',
            nonWeeklyService: null,
          },
          { parties, user },
        ),
        fixtureRecord(
          'UP3KYO',
          {
            serviceContent: null,
            weekday: null,
            serviceStart: null,
            serviceEnd: null,
            dailyActivity: null,
            activityStart: null,
            activityEnd: null,
          },
          { parties, user },
        ),
      ]);
    case 'DLT1KYO':
    case 'DLTKIHON':
    case 'DLTYOBO':
      return [fixtureRecord(fileType, {}, { parties })];
    case 'DLTPLAN':
      return [fixtureRecord('DLTPLAN', { deleteYm: parties.month }, { parties })];
    case 'DLTJSK':
      return [
        fixtureRecord(
          'DLTJSK',
          { deleteYm: parties.month, serviceOfficeNo: parties.sender, serviceKind: parties.senderKind },
          { parties },
        ),
      ];
    case 'UPKIHON':
      return [
        fixtureRecord('UPKIHON', { familyImageFile: fixtureFileName('UPKIHON_IMAGE', parties) }, { parties }),
      ];
    case 'UPKIHON_SUB1':
      return [
        fixtureRecord('UPKIHON_SUB1', {}, { parties }),
        fixtureRecord(
          'UPKIHON_SUB1',
          { time: '12:00', selfActivity: '昼食（配食サービス）', familyActivity: null },
          { parties },
        ),
      ];
    case 'UPKIHON_SUB2':
      return [
        fixtureRecord('UPKIHON_SUB2', {}, { parties }),
        fixtureRecord(
          'UPKIHON_SUB2',
          {
            date: 'R2年4月',
            disease: '高血圧症',
            primaryDoctorFlag: '2',
            course: '02',
            treatment: '降圧薬の内服',
          },
          { parties },
        ),
      ];
    case 'UPYOBO':
      return [fixtureRecord('UPYOBO', { entrusted: '1' }, { parties })];
    case 'UPYOBO_SUB':
      return [
        fixtureRecord('UPYOBO_SUB', { issueNo: '1', supportPlanNo: '1', usedServiceNo: '1' }, { parties }),
        fixtureRecord(
          'UPYOBO_SUB',
          {
            issueNo: '1',
            overallIssue: null,
            proposal: null,
            proposalIntention: null,
            goal: null,
            supportPlanNo: '2',
            supportPoint: '転倒予防のため、室内の動線を整える',
            selfCareInformal: '長女が月１回、室内の片付けを手伝う',
            insuranceService: null,
            usedServiceNo: '1',
            usedServiceType: null,
            usedServiceOffice: null,
            usedServicePeriod: null,
          },
          { parties },
        ),
      ];
    case 'UPKIHON_IMAGE':
      return [];
  }
}

/** A minimal JPEG (SOI … EOI) standing in for the family-structure image. */
export function fixtureJpeg(): Uint8Array {
  return Uint8Array.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
  ]);
}

export interface BuildFileOptions {
  parties?: FixtureParties;
  records?: readonly CsvRecord[];
  /** Override of the generated name. */
  name?: string;
}

/** A valid file of the type (MS932, CRLF, correct name) unless records or name say otherwise. */
export function buildFile(fileType: FileTypeId, opts: BuildFileOptions = {}): BundleFile {
  const parties =
    opts.parties ?? (fileType === 'UPJSK' || fileType === 'DLTJSK' ? JISSEKI_PARTIES : DEFAULT_PARTIES);
  const name = opts.name ?? fixtureFileName(fileType, parties);
  if (!fileTypeSpec(fileType).isCsv) return { name, bytes: fixtureJpeg() };
  const records = opts.records ?? defaultRecords(fileType, parties);
  return { name, bytes: new Uint8Array(recordsToCsv(fileType, records)) };
}

/** A file from raw lines (already CSV text), encoded as MS932: for negative tests. */
export function rawFile(name: string, csvText: string): BundleFile {
  return { name, bytes: new Uint8Array(encodeMs932(csvText)) };
}

export type BundleKind = 'careplan' | 'plan' | 'jisseki' | 'yobo' | 'delete-plan';

/** The files of one sending unit (docs/standard/bundles.md#sending-units). */
export function buildBundle(kind: BundleKind): BundleFile[] {
  switch (kind) {
    case 'careplan': {
      const parties = { ...DEFAULT_PARTIES, month: '000000' };
      return [
        buildFile('UP1KYO', { parties }),
        buildFile('UP2KYO', { parties }),
        buildFile('UP3KYO', { parties }),
        buildFile('UPHOSOKU', { parties, records: hosokuRecords(USERS, parties, 'careplan') }),
      ];
    }
    case 'plan':
      return [buildFile('UPPLAN'), buildFile('UPSIKYU'), buildFile('UPHOSOKU')];
    case 'jisseki':
      return [buildFile('UPJSK')];
    case 'delete-plan':
      return [buildFile('DLTPLAN')];
    case 'yobo': {
      const parties = YOBO_PARTIES;
      return [
        buildFile('UPKIHON', { parties }),
        buildFile('UPKIHON_SUB1', { parties }),
        buildFile('UPKIHON_SUB2', { parties }),
        buildFile('UPKIHON_IMAGE', { parties }),
        buildFile('UPYOBO', { parties }),
        buildFile('UPYOBO_SUB', { parties }),
      ];
    }
  }
}
