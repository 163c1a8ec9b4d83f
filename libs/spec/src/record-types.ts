// Generated from data/files.json by renderRecordTypes() (record-types.codegen.ts). Do not edit by hand.
// Values are the CSV text as is; null = empty item (Null（空）).

/** 利用者補足情報 (UPHOSOKU, 63 items) */
export type UphosokuRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 居宅サービス計画作成（変更）日（必須） */
  planCreatedDate: string;
  /** No.5 利用者氏名フリガナ */
  nameKana: string | null;
  /** No.6 利用者氏名 */
  name: string | null;
  /** No.7 利用者性別 */
  sex: string | null;
  /** No.8 利用者生年月日 */
  birthDate: string | null;
  /** No.9 利用者郵便番号 */
  postalCode: string | null;
  /** No.10 利用者住所１ */
  address1: string | null;
  /** No.11 利用者住所２ */
  address2: string | null;
  /** No.12 利用者電話番号 */
  phone: string | null;
  /** No.13 認定日 */
  certDate: string | null;
  /** No.14 限度額適用開始年月日 */
  limitStartDate: string | null;
  /** No.15 限度額適用終了年月日 */
  limitEndDate: string | null;
  /** No.16 認定状況区分 */
  certStatus: string | null;
  /** No.17 要介護状態変更日 */
  careLevelChangeDate: string | null;
  /** No.18 要介護状態区分 */
  careLevel: string | null;
  /** No.19 区分支給限度基準額 */
  kubunLimitUnits: string | null;
  /** No.20 １サービス種類コード */
  kindLimit1ServiceKind: string | null;
  /** No.21 １支給限度基準額 */
  kindLimit1LimitUnits: string | null;
  /** No.22 １合計単位数 */
  kindLimit1TotalUnits: string | null;
  /** No.23 １限度超単位数 */
  kindLimit1OverUnits: string | null;
  /** No.24 ２サービス種類コード */
  kindLimit2ServiceKind: string | null;
  /** No.25 ２支給限度基準額 */
  kindLimit2LimitUnits: string | null;
  /** No.26 ２合計単位数 */
  kindLimit2TotalUnits: string | null;
  /** No.27 ２限度超単位数 */
  kindLimit2OverUnits: string | null;
  /** No.28 ３サービス種類コード */
  kindLimit3ServiceKind: string | null;
  /** No.29 ３支給限度基準額 */
  kindLimit3LimitUnits: string | null;
  /** No.30 ３合計単位数 */
  kindLimit3TotalUnits: string | null;
  /** No.31 ３限度超単位数 */
  kindLimit3OverUnits: string | null;
  /** No.32 ４サービス種類コード */
  kindLimit4ServiceKind: string | null;
  /** No.33 ４支給限度基準額 */
  kindLimit4LimitUnits: string | null;
  /** No.34 ４合計単位数 */
  kindLimit4TotalUnits: string | null;
  /** No.35 ４限度超単位数 */
  kindLimit4OverUnits: string | null;
  /** No.36 ５サービス種類コード */
  kindLimit5ServiceKind: string | null;
  /** No.37 ５支給限度基準額 */
  kindLimit5LimitUnits: string | null;
  /** No.38 ５合計単位数 */
  kindLimit5TotalUnits: string | null;
  /** No.39 ５限度超単位数 */
  kindLimit5OverUnits: string | null;
  /** No.40 ６サービス種類コード */
  kindLimit6ServiceKind: string | null;
  /** No.41 ６支給限度基準額 */
  kindLimit6LimitUnits: string | null;
  /** No.42 ６合計単位数 */
  kindLimit6TotalUnits: string | null;
  /** No.43 ６限度超単位数 */
  kindLimit6OverUnits: string | null;
  /** No.44 ７サービス種類コード */
  kindLimit7ServiceKind: string | null;
  /** No.45 ７支給限度基準額 */
  kindLimit7LimitUnits: string | null;
  /** No.46 ７合計単位数 */
  kindLimit7TotalUnits: string | null;
  /** No.47 ７限度超単位数 */
  kindLimit7OverUnits: string | null;
  /** No.48 ８サービス種類コード */
  kindLimit8ServiceKind: string | null;
  /** No.49 ８支給限度基準額 */
  kindLimit8LimitUnits: string | null;
  /** No.50 ８合計単位数 */
  kindLimit8TotalUnits: string | null;
  /** No.51 ８限度超単位数 */
  kindLimit8OverUnits: string | null;
  /** No.52 ９サービス種類コード */
  kindLimit9ServiceKind: string | null;
  /** No.53 ９支給限度基準額 */
  kindLimit9LimitUnits: string | null;
  /** No.54 ９合計単位数 */
  kindLimit9TotalUnits: string | null;
  /** No.55 ９限度超単位数 */
  kindLimit9OverUnits: string | null;
  /** No.56 合計限度超単位数 */
  totalOverUnits: string | null;
  /** No.57 入所前月迄利用日数 */
  stayDaysBeforeMonth: string | null;
  /** No.58 入所累積利用日数 */
  stayDaysCumulative: string | null;
  /** No.59 前回要介護状態区分 */
  prevCareLevel: string | null;
  /** No.60 同意書受付業者 */
  consentReceiverOfficeNo: string | null;
  /** No.61 更新業者コード */
  updaterOfficeNo: string | null;
  /** No.62 識別子 */
  identifier: string | null;
  /** No.63 対象年月（必須） */
  targetYm: string;
};

/** 居宅サービス計画1表 (UP1KYO, 28 items) */
export type Up1kyoRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 作成年月日（必須） */
  createdDate: string;
  /** No.5 利用者郵便番号 */
  postalCode: string | null;
  /** No.6 利用者住所１ */
  address1: string | null;
  /** No.7 利用者住所２ */
  address2: string | null;
  /** No.8 居宅サービス計画作成者氏名（必須） */
  planAuthorName: string;
  /** No.9 介護支援事業者名（必須） */
  careOfficeName: string;
  /** No.10 介護支援事業者郵便番号 */
  careOfficePostalCode: string | null;
  /** No.11 介護支援事業者住所１ */
  careOfficeAddress1: string | null;
  /** No.12 介護支援事業者住所２ */
  careOfficeAddress2: string | null;
  /** No.13 介護支援事業者コード（必須） */
  careOfficeNo: string;
  /** No.14 居宅サービス計画作成（変更）日（必須） */
  planCreatedDate: string;
  /** No.15 初回居宅サービス計画作成日（必須） */
  firstPlanDate: string;
  /** No.16 計画書区分 */
  planKubun: string | null;
  /** No.17 認定状況区分 */
  certStatus: string | null;
  /** No.18 認定日 */
  certDate: string | null;
  /** No.19 認定有効期間開始日 */
  certValidFrom: string | null;
  /** No.20 認定有効期間終了日 */
  certValidTo: string | null;
  /** No.21 要介護状態区分 */
  careLevel: string | null;
  /** No.22 利用者及び家族の生活に対する意向を踏まえた課題分析の結果 */
  assessmentResult: string | null;
  /** No.23 介護認定審査会の意見及びサービスの種類の指定 */
  certBoardOpinion: string | null;
  /** No.24 総合的な援助の方針 */
  overallPolicy: string | null;
  /** No.25 生活援助中心型の算定理由 */
  livingSupportReason: string | null;
  /** No.26 その他理由 */
  otherReason: string | null;
  /** No.27 更新業者コード */
  updaterOfficeNo: string | null;
  /** No.28 識別子 */
  identifier: string | null;
};

/** 居宅サービス計画1表_削除 (DLT1KYO, 4 items) */
export type Dlt1kyoRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 居宅サービス計画作成（変更）日（必須） */
  planCreatedDate: string;
};

/** 居宅サービス計画2表 (UP2KYO, 22 items) */
export type Up2kyoRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 居宅計画書作成年月日（必須） */
  createdDate: string;
  /** No.5 居宅サービス計画作成（変更）日（必須） */
  planCreatedDate: string;
  /** No.6 課題ＮＯ */
  issueNo: string | null;
  /** No.7 課題 */
  issue: string | null;
  /** No.8 援助目標ＮＯ */
  goalNo: string | null;
  /** No.9 長期目標 */
  longTermGoal: string | null;
  /** No.10 短期目標 */
  shortTermGoal: string | null;
  /** No.11 長期期間 */
  longTermPeriod: string | null;
  /** No.12 短期期間 */
  shortTermPeriod: string | null;
  /** No.13 援助内容ＮＯ */
  supportNo: string | null;
  /** No.14 サービス内容 */
  serviceContent: string | null;
  /** No.15 保険対象区分 */
  insuranceFlag: string | null;
  /** No.16 サービス種別 */
  serviceType: string | null;
  /** No.17 サービス事業者コード */
  serviceOfficeNo: string | null;
  /** No.18 サービス事業所名 */
  serviceOfficeName: string | null;
  /** No.19 頻度 */
  frequency: string | null;
  /** No.20 実施期間 */
  period: string | null;
  /** No.21 更新業者コード */
  updaterOfficeNo: string | null;
  /** No.22 識別子 */
  identifier: string | null;
};

/** 居宅サービス計画3表 (UP3KYO, 13 items) */
export type Up3kyoRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 週間サービス計画表作成年月日（必須） */
  createdDate: string;
  /** No.5 居宅サービス計画作成（変更）日（必須） */
  planCreatedDate: string;
  /** No.6 介護サービス内容 */
  serviceContent: string | null;
  /** No.7 曜日 */
  weekday: string | null;
  /** No.8 開始時間 */
  serviceStart: string | null;
  /** No.9 終了時間 */
  serviceEnd: string | null;
  /** No.10 主な日常生活上の活動 */
  dailyActivity: string | null;
  /** No.11 開始時間 */
  activityStart: string | null;
  /** No.12 終了時間 */
  activityEnd: string | null;
  /** No.13 週単位以外のサービス */
  nonWeeklyService: string | null;
};

/** 第6表（サービス利用票）予定 (UPPLAN, 25 items) */
export type UpplanRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 作成年月日（必須） */
  createdDate: string;
  /** No.5 対象年月（必須） */
  targetYm: string;
  /** No.6 プラン担当業者コード */
  planOfficeNo: string | null;
  /** No.7 プラン担当者名 */
  planStaffName: string | null;
  /** No.8 単位数 */
  units: string | null;
  /** No.9 前月までの短期入所利用日数 */
  shortStayDaysBefore: string | null;
  /** No.10 サービス利用日（必須） */
  serviceDate: string;
  /** No.11 日割対象日 */
  prorationDays: string | null;
  /** No.12 サービス開始時刻（必須） */
  startTime: string;
  /** No.13 サービス終了時刻（必須） */
  endTime: string;
  /** No.14 サービス回数（必須） */
  count: string;
  /** No.15 サービスコード（必須） */
  serviceCode: string;
  /** No.16 TAISコード */
  taisCode: string | null;
  /** No.17 福祉用具届出コード */
  equipmentNotifiedCode: string | null;
  /** No.18 用具名称（機種名） */
  equipmentName: string | null;
  /** No.19 明細判別コード */
  detailSeq: string | null;
  /** No.20 サービス事業者コード（必須） */
  serviceOfficeNo: string;
  /** No.21 サービス事業所名 */
  serviceOfficeName: string | null;
  /** No.22 サテライト枝番 */
  satelliteNo: string | null;
  /** No.23 ３０日超区分（必須） */
  over30Days: string;
  /** No.24 更新業者コード */
  updaterOfficeNo: string | null;
  /** No.25 識別子 */
  identifier: string | null;
};

/** 第6表 実績情報 (UPJSK, 25 items) */
export type UpjskRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 作成年月日（必須） */
  createdDate: string;
  /** No.5 対象年月（必須） */
  targetYm: string;
  /** No.6 プラン担当業者コード */
  planOfficeNo: string | null;
  /** No.7 プラン担当者名 */
  planStaffName: string | null;
  /** No.8 単位数 */
  units: string | null;
  /** No.9 前月までの短期入所利用日数 */
  shortStayDaysBefore: string | null;
  /** No.10 サービス利用日（必須） */
  serviceDate: string;
  /** No.11 日割対象日 */
  prorationDays: string | null;
  /** No.12 サービス開始時刻（必須） */
  startTime: string;
  /** No.13 サービス終了時刻（必須） */
  endTime: string;
  /** No.14 サービス回数（必須） */
  count: string;
  /** No.15 サービスコード（必須） */
  serviceCode: string;
  /** No.16 TAISコード */
  taisCode: string | null;
  /** No.17 福祉用具届出コード */
  equipmentNotifiedCode: string | null;
  /** No.18 用具名称（機種名） */
  equipmentName: string | null;
  /** No.19 明細判別コード */
  detailSeq: string | null;
  /** No.20 サービス事業者コード（必須） */
  serviceOfficeNo: string;
  /** No.21 サービス事業所名 */
  serviceOfficeName: string | null;
  /** No.22 サテライト枝番 */
  satelliteNo: string | null;
  /** No.23 ３０日超区分（必須） */
  over30Days: string;
  /** No.24 更新業者コード */
  updaterOfficeNo: string | null;
  /** No.25 識別子 */
  identifier: string | null;
};

/** 第6表（サービス利用票）予定削除 (DLTPLAN, 4 items) */
export type DltplanRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 削除対象年月（必須） */
  deleteYm: string;
};

/** 第6表 実績情報削除 (DLTJSK, 6 items) */
export type DltjskRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 削除対象年月（必須） */
  deleteYm: string;
  /** No.5 サービス事業者コード（必須） */
  serviceOfficeNo: string;
  /** No.6 サービス種類コード（必須） */
  serviceKind: string;
};

/** 第7表（サービス利用票別表） (UPSIKYU, 37 items) */
export type UpsikyuRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 作成年月日（必須） */
  createdDate: string;
  /** No.5 対象年月（必須） */
  targetYm: string;
  /** No.6 サービス事業所名 */
  serviceOfficeName: string | null;
  /** No.7 サービス事業所コード（必須） */
  serviceOfficeNo: string;
  /** No.8 サテライト枝番 */
  satelliteNo: string | null;
  /** No.9 サービスコード（必須） */
  serviceCode: string;
  /** No.10 TAISコード */
  taisCode: string | null;
  /** No.11 福祉用具届出コード */
  equipmentNotifiedCode: string | null;
  /** No.12 用具名称（機種名） */
  equipmentName: string | null;
  /** No.13 単位数（必須） */
  units: string;
  /** No.14 割引後率 */
  discountRate: string | null;
  /** No.15 割引後単位数 */
  discountedUnits: string | null;
  /** No.16 回数／日数（必須） */
  countOrDays: string;
  /** No.17 サービス単位金額 */
  serviceUnitsAmount: string | null;
  /** No.18 給付管理単位数 */
  benefitMgmtUnits: string | null;
  /** No.19 種類支給限度基準超単位数 */
  kindLimitOverUnits: string | null;
  /** No.20 種類支給限度基準内単位数 */
  kindLimitInUnits: string | null;
  /** No.21 区分支給限度基準超単位数 */
  kubunLimitOverUnits: string | null;
  /** No.22 区分支給限度基準内単位数 */
  kubunLimitInUnits: string | null;
  /** No.23 単位数単価 */
  unitPrice: string | null;
  /** No.24 費用総額保険／事業対象分 */
  totalCost: string | null;
  /** No.25 給付率 */
  benefitRate: string | null;
  /** No.26 保険／事業費請求額 */
  claimAmount: string | null;
  /** No.27 定額利用者負担単価金額 */
  fixedCopayUnitPrice: string | null;
  /** No.28 利用者負担保険／事業対象分 */
  copayInsured: string | null;
  /** No.29 利用者負担（全額負担分） */
  copayFull: string | null;
  /** No.30 前月までの利用日数 */
  daysBeforeMonth: string | null;
  /** No.31 当月の計画利用日数 */
  plannedDaysThisMonth: string | null;
  /** No.32 累積利用日数 */
  cumulativeDays: string | null;
  /** No.33 ３０日超区分（必須） */
  over30Days: string;
  /** No.34 事業所コード */
  officeCode: string | null;
  /** No.35 入力者コード */
  inputterCode: string | null;
  /** No.36 更新業者コード */
  updaterOfficeNo: string | null;
  /** No.37 識別子 */
  identifier: string | null;
};

/** 利用者基本情報（介護予防） (UPKIHON, 71 items) */
export type UpkihonRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 相談日（必須） */
  consultDate: string;
  /** No.5 計画種類（必須） */
  planType: string;
  /** No.6 委託の有無 */
  entrusted: string | null;
  /** No.7 作成担当者 */
  author: string | null;
  /** No.8 相談方法 */
  consultMethod: string | null;
  /** No.9 相談方法(その他の内容) */
  consultMethodOther: string | null;
  /** No.10 相談回数 */
  consultCount: string | null;
  /** No.11 前回相談日 */
  prevConsultDate: string | null;
  /** No.12 利用者の現況 */
  status: string | null;
  /** No.13 利用者の現況(状況補足) */
  statusNote: string | null;
  /** No.14 利用者氏名ﾌﾘｶﾞﾅ（必須） */
  nameKana: string;
  /** No.15 利用者氏名（必須） */
  name: string;
  /** No.16 利用者性別（必須） */
  sex: string;
  /** No.17 利用者生年月日（必須） */
  birthDate: string;
  /** No.18 利用者住所 */
  address: string | null;
  /** No.19 利用者電話番号 */
  phone: string | null;
  /** No.20 利用者Fax番号 */
  fax: string | null;
  /** No.21 障害高齢者の日常生活自立度 */
  adlIndependence: string | null;
  /** No.22 認知症高齢者の日常生活自立度 */
  dementiaIndependence: string | null;
  /** No.23 要介護状態区分 */
  careLevel: string | null;
  /** No.24 認定有効期限開始日 */
  certValidFrom: string | null;
  /** No.25 認定有効期間終了日 */
  certValidTo: string | null;
  /** No.26 前回の介護度 */
  prevCareLevel: string | null;
  /** No.27 基本チェックリスト記入結果 */
  checklistResult: string | null;
  /** No.28 基本チェックリスト記入日 */
  checklistDate: string | null;
  /** No.29 障害等認定(身障) */
  disabilityPhysical: string | null;
  /** No.30 障害等認定(療育) */
  disabilityIntellectual: string | null;
  /** No.31 障害等認定(精神) */
  disabilityMental: string | null;
  /** No.32 障害等認定(難病) */
  disabilityIntractable: string | null;
  /** No.33 障害等認定特記事項 */
  disabilityNote: string | null;
  /** No.34 居住形態 */
  housing: string | null;
  /** No.35 自室の階数 */
  roomFloor: string | null;
  /** No.36 住宅改修の有無 */
  homeModification: string | null;
  /** No.37 経済状況(国民年金) */
  pensionNational: string | null;
  /** No.38 経済状況(厚生年金) */
  pensionEmployee: string | null;
  /** No.39 経済状況(障害年金) */
  pensionDisability: string | null;
  /** No.40 経済状況(生活保護) */
  publicAssistance: string | null;
  /** No.41 経済状況詳細 */
  economicNote: string | null;
  /** No.42 来所者(相談者)氏名 */
  visitorName: string | null;
  /** No.43 来所者(相談者)住所 */
  visitorAddress: string | null;
  /** No.44 来所者(相談者)電話番号 */
  visitorPhone: string | null;
  /** No.45 来所者(相談者)続柄 */
  visitorRelation: string | null;
  /** No.46 1 緊急連絡先(氏名) */
  emergency1Name: string | null;
  /** No.47 1 緊急連絡先(続柄) */
  emergency1Relation: string | null;
  /** No.48 1 緊急連絡先(住所) */
  emergency1Address: string | null;
  /** No.49 1 緊急連絡先(電話番号) */
  emergency1Phone: string | null;
  /** No.50 2 緊急連絡先(氏名) */
  emergency2Name: string | null;
  /** No.51 2 緊急連絡先(続柄) */
  emergency2Relation: string | null;
  /** No.52 2 緊急連絡先(住所) */
  emergency2Address: string | null;
  /** No.53 2 緊急連絡先(電話番号) */
  emergency2Phone: string | null;
  /** No.54 3 緊急連絡先(氏名) */
  emergency3Name: string | null;
  /** No.55 3 緊急連絡先(続柄) */
  emergency3Relation: string | null;
  /** No.56 3 緊急連絡先(住所) */
  emergency3Address: string | null;
  /** No.57 3 緊急連絡先(電話番号) */
  emergency3Phone: string | null;
  /** No.58 4 緊急連絡先(氏名) */
  emergency4Name: string | null;
  /** No.59 4 緊急連絡先(続柄) */
  emergency4Relation: string | null;
  /** No.60 4 緊急連絡先(住所) */
  emergency4Address: string | null;
  /** No.61 4 緊急連絡先(電話番号) */
  emergency4Phone: string | null;
  /** No.62 家族構成 画像ファイル名 */
  familyImageFile: string | null;
  /** No.63 家族関係等の状況 */
  familySituation: string | null;
  /** No.64 今までの生活 */
  lifeHistory: string | null;
  /** No.65 １日の生活・すごし方(生活全般) */
  dailyLife: string | null;
  /** No.66 趣味・楽しみ・特技 */
  hobbies: string | null;
  /** No.67 友人・地域との関係 */
  community: string | null;
  /** No.68 現在利用している公的サービス */
  publicServices: string | null;
  /** No.69 現在利用している非公的サービス */
  privateServices: string | null;
  /** No.70 同意日 */
  consentDate: string | null;
  /** No.71 同意者氏名 */
  consentName: string | null;
};

/** 利用者基本情報_削除 (DLTKIHON, 4 items) */
export type DltkihonRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 相談日（必須） */
  consultDate: string;
};

/** 利用者基本情報（別表1）１日の生活・すごし方(タイムスケジュール) (UPKIHON_SUB1, 7 items) */
export type UpkihonSub1Record = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 相談日（必須） */
  consultDate: string;
  /** No.5 時間 */
  time: string | null;
  /** No.6 本人の生活状況 */
  selfActivity: string | null;
  /** No.7 介護者・家族の生活状況 */
  familyActivity: string | null;
};

/** 利用者基本情報（別表2）現病歴・既往歴 (UPKIHON_SUB2, 11 items) */
export type UpkihonSub2Record = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 相談日（必須） */
  consultDate: string;
  /** No.5 年月日 */
  date: string | null;
  /** No.6 病名 */
  disease: string | null;
  /** No.7 医療機関・医師名 */
  clinicDoctor: string | null;
  /** No.8 主治医・意見作成者フラグ */
  primaryDoctorFlag: string | null;
  /** No.9 医療機関・医師電話番号 */
  clinicPhone: string | null;
  /** No.10 経過 */
  course: string | null;
  /** No.11 治療中の内容 */
  treatment: string | null;
};

/** 介護予防サービス・支援計画書 (UPYOBO, 57 items) */
export type UpyoboRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 計画作成(変更)日（必須） */
  planCreatedDate: string;
  /** No.5 計画種類（必須） */
  planType: string;
  /** No.6 委託の有無 */
  entrusted: string | null;
  /** No.7 整理番号 */
  refNo: string | null;
  /** No.8 利用者名（必須） */
  name: string;
  /** No.9 認定年月日 */
  certDate: string | null;
  /** No.10 認定有効期間開始日 */
  certValidFrom: string | null;
  /** No.11 認定有効期間終了日 */
  certValidTo: string | null;
  /** No.12 計画書区分 */
  planKubun: string | null;
  /** No.13 認定状況区分 */
  certStatus: string | null;
  /** No.14 要支援状態区分 */
  supportLevel: string | null;
  /** No.15 計画作成者氏名（地域包括支援センター担当者名） */
  authorCenterStaff: string | null;
  /** No.16 計画作成者氏名（担当介護支援専門員名） */
  authorCareManager: string | null;
  /** No.17 計画作成者事業者・事業所名 */
  authorOfficeName: string | null;
  /** No.18 計画作成者事業者・事業所住所 */
  authorOfficeAddress: string | null;
  /** No.19 計画作成者事業者・事業所電話番号 */
  authorOfficePhone: string | null;
  /** No.20 初回作成日 */
  firstPlanDate: string | null;
  /** No.21 担当地域包括支援センター */
  center: string | null;
  /** No.22 目標とする生活(1日) */
  goalDay: string | null;
  /** No.23 目標とする生活(1年) */
  goalYear: string | null;
  /** No.24 【運動・移動】現在の状況 */
  mobilityCurrent: string | null;
  /** No.25 【運動・移動】本人・家族の意欲・意向 */
  mobilityIntention: string | null;
  /** No.26 【運動・移動】領域における課題の有無 */
  mobilityHasIssue: string | null;
  /** No.27 【運動・移動】領域における課題（背景・原因） */
  mobilityIssueCause: string | null;
  /** No.28 【日常生活(家庭生活)】現在の状況 */
  dailyLifeCurrent: string | null;
  /** No.29 【日常生活(家庭生活)】本人・家族の意欲・意向 */
  dailyLifeIntention: string | null;
  /** No.30 【日常生活(家庭生活)】領域における課題の有無 */
  dailyLifeHasIssue: string | null;
  /** No.31 【日常生活(家庭生活)】領域における課題（背景・原因） */
  dailyLifeIssueCause: string | null;
  /** No.32 【社会参加、対人関係・コミュニケーション】現在の状況 */
  socialCurrent: string | null;
  /** No.33 【社会参加、対人関係・コミュニケーション】本人・家族の意欲・意向 */
  socialIntention: string | null;
  /** No.34 【社会参加、対人関係・コミュニケーション】領域における課題の有無 */
  socialHasIssue: string | null;
  /** No.35 【社会参加、対人関係・コミュニケーション】領域における課題（背景・原因） */
  socialIssueCause: string | null;
  /** No.36 【健康管理】現在の状況 */
  healthCurrent: string | null;
  /** No.37 【健康管理】本人・家族の意欲・意向 */
  healthIntention: string | null;
  /** No.38 【健康管理】領域における課題の有無 */
  healthHasIssue: string | null;
  /** No.39 【健康管理】領域における課題（背景・原因） */
  healthIssueCause: string | null;
  /** No.40 健康状態の留意点 */
  healthNotes: string | null;
  /** No.41 妥当な支援の実施に向けた方針 */
  supportPolicy: string | null;
  /** No.42 総合的な方針 */
  overallPolicy: string | null;
  /** No.43 基本チェックリストの該当数(運動不足) */
  checklistCountExercise: string | null;
  /** No.44 基本チェックリストの該当数(栄養改善) */
  checklistCountNutrition: string | null;
  /** No.45 基本チェックリストの該当数(口腔内ケア) */
  checklistCountOral: string | null;
  /** No.46 基本チェックリストの該当数(閉じこもり予防) */
  checklistCountWithdrawal: string | null;
  /** No.47 基本チェックリストの該当数(物忘れ予防) */
  checklistCountMemory: string | null;
  /** No.48 基本チェックリストの該当数(うつ予防) */
  checklistCountDepression: string | null;
  /** No.49 事業プログラムの要否(運動不足) */
  programNeededExercise: string | null;
  /** No.50 事業プログラムの要否(栄養改善) */
  programNeededNutrition: string | null;
  /** No.51 事業プログラムの要否(口腔内ケア) */
  programNeededOral: string | null;
  /** No.52 事業プログラムの要否(閉じこもり予防) */
  programNeededWithdrawal: string | null;
  /** No.53 事業プログラムの要否(物忘れ予防) */
  programNeededMemory: string | null;
  /** No.54 事業プログラムの要否(うつ予防) */
  programNeededDepression: string | null;
  /** No.55 地域包括支援センター意見 */
  centerOpinion: string | null;
  /** No.56 同意日 */
  consentDate: string | null;
  /** No.57 同意者氏名 */
  consentName: string | null;
};

/** 介護予防サービス・支援計画書_削除 (DLTYOBO, 4 items) */
export type DltyoboRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 計画作成(変更)日（必須） */
  planCreatedDate: string;
};

/** 介護予防サービス・支援計画書（別表）支援計画 (UPYOBO_SUB, 17 items) */
export type UpyoboSubRecord = {
  /** No.1 CSVバージョン（必須） */
  csvVersion: string;
  /** No.2 保険者番号（必須） */
  insurerNo: string;
  /** No.3 被保険者番号（必須） */
  insuredNo: string;
  /** No.4 計画作成(変更)日（必須） */
  planCreatedDate: string;
  /** No.5 課題ＮＯ */
  issueNo: string | null;
  /** No.6 総合的課題 */
  overallIssue: string | null;
  /** No.7 課題に対する目標と具体策の提案 */
  proposal: string | null;
  /** No.8 具体策についての意向 本人・家族 */
  proposalIntention: string | null;
  /** No.9 目標 */
  goal: string | null;
  /** No.10 支援計画ＮＯ */
  supportPlanNo: string | null;
  /** No.11 【支援計画】目標についての支援のポイント */
  supportPoint: string | null;
  /** No.12 【支援計画】本人等のセルフケアや家族の支援、インフォーマルサービス（民間サービス） */
  selfCareInformal: string | null;
  /** No.13 【支援計画】介護保険サービス又は地域支援事業（総合事業のサービス） */
  insuranceService: string | null;
  /** No.14 利用サービスＮＯ */
  usedServiceNo: string | null;
  /** No.15 【利用サービス】サービス種別 */
  usedServiceType: string | null;
  /** No.16 【利用サービス】事業所(利用先) */
  usedServiceOffice: string | null;
  /** No.17 【利用サービス】期間 */
  usedServicePeriod: string | null;
};

export type RecordByFileType = {
  UPHOSOKU: UphosokuRecord;
  UP1KYO: Up1kyoRecord;
  DLT1KYO: Dlt1kyoRecord;
  UP2KYO: Up2kyoRecord;
  UP3KYO: Up3kyoRecord;
  UPPLAN: UpplanRecord;
  UPJSK: UpjskRecord;
  DLTPLAN: DltplanRecord;
  DLTJSK: DltjskRecord;
  UPSIKYU: UpsikyuRecord;
  UPKIHON: UpkihonRecord;
  DLTKIHON: DltkihonRecord;
  UPKIHON_SUB1: UpkihonSub1Record;
  UPKIHON_SUB2: UpkihonSub2Record;
  UPYOBO: UpyoboRecord;
  DLTYOBO: DltyoboRecord;
  UPYOBO_SUB: UpyoboSubRecord;
};
