// Every issue code, declared once. Codes and severities are a contract: vendors and dashboards key on them.
// Templates use {name} placeholders; {col} is filled with the column label in the message's language.
import type { Severity } from '../types';

export interface IssueDefinition {
  readonly severity: Severity;
  readonly ja: string;
  readonly en: string;
}

export const ISSUE_CODES = {
  // --- file name (all FILE_NAME_*) ---
  FILE_NAME_INVALID: {
    severity: 'error',
    ja: 'ファイル名が標準仕様の命名規則に合いません（{detail}）',
    en: 'The file name does not follow the naming rule of the standard ({detailEn})',
  },
  FILE_NAME_UNKNOWN_TYPE: {
    severity: 'error',
    ja: 'ファイル名の接頭辞から標準仕様のファイル種別を判定できません',
    en: 'The file name does not start with the prefix of a file type of the standard',
  },
  FILE_NAME_MONTH_INVALID: {
    severity: 'error',
    ja: 'ファイル名の年月「{value}」が正しい年月ではありません',
    en: 'The month part "{value}" of the file name is not a valid month',
  },
  FILE_NAME_TIMESTAMP_INVALID: {
    severity: 'error',
    ja: 'ファイル名のファイル連番（年月日時分秒）「{value}」が正しい日時ではありません',
    en: 'The file serial (timestamp) "{value}" of the file name is not a valid date and time',
  },
  FILE_NAME_LEGACY: {
    severity: 'warning',
    ja: 'ファイル名がV3形式（サービス種類コードなし）です',
    en: 'The file name uses the V3 form without service-kind parts',
  },
  FILE_NAME_VERSION_MISMATCH: {
    severity: 'error',
    ja: 'CSVバージョン{version}のファイルにはサービス種類コードを含むV4形式のファイル名が必要です',
    en: 'A file of CSV version {version} needs the V4 file name with service-kind parts',
  },
  FILE_NAME_SENDER_MISMATCH: {
    severity: 'error',
    ja: 'ファイル名の送信元事業所番号「{value}」が送信者の事業所番号「{expected}」と一致しません',
    en: 'The sender office number "{value}" in the file name differs from the sender "{expected}"',
  },
  FILE_NAME_RECEIVER_MISMATCH: {
    severity: 'error',
    ja: 'ファイル名の送信先事業所番号「{value}」が宛先の事業所番号「{expected}」と一致しません',
    en: 'The receiver office number "{value}" in the file name differs from the addressee "{expected}"',
  },
  FILE_NAME_CHECK_DIGIT: {
    severity: 'warning',
    ja: 'ファイル名の{role}事業所番号「{value}」のチェックデジットが一致しません',
    en: 'The check digit of the {roleEn} office number "{value}" in the file name does not match',
  },
  FILE_NAME_DUPLICATE: {
    severity: 'error',
    ja: '同じファイル名のファイルが複数あります',
    en: 'Several files carry the same name',
  },
  FILE_NAME_NOT_STANDARD: {
    severity: 'warning',
    ja: '標準仕様のCSVファイルでも、添付可能な形式（PDF、JPEG、GIF、PNG、TXT）でもありません',
    en: 'Neither a standard CSV file nor an attachment type that may travel with it (PDF, JPEG, GIF, PNG, TXT)',
  },
  // --- encoding (all ENCODING_*) ---
  ENCODING_NOT_MS932: {
    severity: 'error',
    ja: '{col}にShift-JIS（MS932）として正しくないバイト列があります',
    en: '{col} contains bytes that are not valid Shift-JIS (MS932)',
  },
  ENCODING_GAIJI: {
    severity: 'error',
    ja: '{col}に外字（ユーザー定義文字）が含まれています',
    en: '{col} contains a user-defined (gaiji) character',
  },
  ENCODING_UTF8: {
    severity: 'error',
    ja: 'ファイルがUTF-8で書かれているようです。Shift-JIS（MS932）で出力してください',
    en: 'The file appears to be UTF-8; it must be Shift-JIS (MS932)',
  },
  ENCODING_UTF16: {
    severity: 'error',
    ja: 'ファイルがUTF-16で書かれているようです。Shift-JIS（MS932）で出力してください',
    en: 'The file appears to be UTF-16; it must be Shift-JIS (MS932)',
  },
  ENCODING_BOM: {
    severity: 'error',
    ja: 'ファイルの先頭にBOMがあります。Shift-JIS（MS932）のファイルにBOMは付けません',
    en: 'The file starts with a byte order mark; MS932 files carry none',
  },
  // Digest §4: text is MS932 characters, CR/LF only inside quoted free text; a receiver cannot store NUL & co.
  ENCODING_CONTROL_CHAR: {
    severity: 'error',
    ja: '{col}に制御文字が含まれています',
    en: '{col} contains a control character',
  },
  // --- CSV structure ---
  FILE_EMPTY: {
    severity: 'error',
    ja: 'ファイルにレコードがありません',
    en: 'The file contains no records',
  },
  CSV_SYNTAX: {
    severity: 'error',
    ja: 'CSVの書式が正しくありません（{detail}）',
    en: 'Broken CSV syntax ({detail})',
  },
  CSV_HEADER_ROW: {
    severity: 'error',
    ja: '見出し行があります。標準仕様のCSVは見出し行を持たず、全行がデータです',
    en: 'The file has a header row; standard files contain data records only',
  },
  CSV_EMPTY_LINE: {
    severity: 'warning',
    ja: '空行があります',
    en: 'Empty line',
  },
  CSV_LINE_ENDING: {
    severity: 'warning',
    ja: '改行コードがCRLFではありません',
    en: 'Records are not terminated by CRLF',
  },
  CSV_QUOTE_MISSING: {
    severity: 'warning',
    ja: 'フリーテキスト項目{col}がダブルクォーテーションで囲まれていません',
    en: 'Free-text item {col} is not enclosed in double quotes',
  },
  CSV_QUOTE_UNEXPECTED: {
    severity: 'warning',
    ja: 'フリーテキストではない項目{col}がダブルクォーテーションで囲まれています',
    en: 'Item {col} is not free text but is enclosed in double quotes',
  },
  COLUMN_COUNT: {
    severity: 'error',
    ja: '項目数が{actual}です（{fileType}は{expected}項目）',
    en: 'The record has {actual} items; {fileType} has {expected}',
  },
  // --- columns ---
  REQUIRED_MISSING: {
    severity: 'error',
    ja: '必須項目{col}が空です',
    en: 'Required item {col} is empty',
  },
  REQUIRED_UNCERTAIN: {
    severity: 'warning',
    ja: '{col}が空です（必須かどうか仕様から確定できない項目）',
    en: '{col} is empty (the specification may mark it as required)',
  },
  TOO_LONG: {
    severity: 'error',
    ja: '{col}が{actual}桁です（最大{max}桁）',
    en: '{col} is {actual} characters long (maximum {max})',
  },
  TOO_LONG_UNCERTAIN: {
    severity: 'warning',
    ja: '{col}が{actual}桁です（仕様の最大{max}桁は確定していません）',
    en: '{col} is {actual} characters long (the maximum of {max} is uncertain in the specification)',
  },
  FORMAT_INVALID: {
    severity: 'error',
    ja: '{col}の形式が正しくありません（{format}）',
    en: '{col} has an invalid format ({formatEn})',
  },
  FORMAT_UNCERTAIN: {
    severity: 'warning',
    ja: '{col}が想定される形式（{format}）と異なります',
    en: '{col} differs from the expected format ({formatEn})',
  },
  NUMBER_NEGATIVE: {
    severity: 'warning',
    ja: '{col}が負の値です（仕様上負数が許されるかは不明です）',
    en: '{col} is negative (whether negative numbers are allowed is not stated)',
  },
  CODE_UNKNOWN: {
    severity: 'error',
    ja: '{col}の値はコード表にありません（{allowed}）',
    en: '{col} is not a defined code ({allowed})',
  },
  DATE_INVALID: {
    severity: 'error',
    ja: '{col}が存在しない日付または年月です',
    en: '{col} is not a real date or month',
  },
  TIME_INVALID: {
    severity: 'error',
    ja: '{col}が正しい時刻（HHMM、または時間なしの9999）ではありません',
    en: '{col} is not a valid time (HHMM, or 9999 for no time)',
  },
  TIME_2400: {
    severity: 'warning',
    ja: '{col}が2400です（仕様上許されるかは不明です）',
    en: '{col} is 2400 (not stated whether this is allowed)',
  },
  CHECK_DIGIT: {
    severity: 'warning',
    ja: '{col}のチェックデジットが一致しません',
    en: 'The check digit of {col} does not match',
  },
  UNUSED_NOT_EMPTY: {
    severity: 'warning',
    ja: '{col}は使用しない項目ですが値があります',
    en: '{col} is not used by the standard but carries a value',
  },
  // --- CSV version ---
  CSV_VERSION_UNKNOWN: {
    severity: 'error',
    ja: 'CSVバージョン「{value}」は標準仕様で定義されていません（V4.1は{current}）',
    en: 'CSV version "{value}" is not defined by the standard (V4.1 is {current})',
  },
  CSV_VERSION_SUPERSEDED: {
    severity: 'warning',
    ja: 'CSVバージョン「{value}」はV4.0の値で、V4.1で{current}に変更されました',
    en: 'CSV version "{value}" is the V4.0 value, replaced by {current} in V4.1',
  },
  CSV_VERSION_LEGACY: {
    severity: 'warning',
    ja: 'CSVバージョン「{value}」はV4より前の版です。項目構成はV4.1から推定して検査しています',
    en: 'CSV version "{value}" predates V4; its layout is checked as inferred from V4.1',
  },
  CSV_VERSION_MIXED: {
    severity: 'error',
    ja: '1つのファイルに異なるCSVバージョン（{expected}と{value}）が混在しています',
    en: 'The file mixes CSV versions ({expected} and {value})',
  },
  CSV_VERSION_MONTH: {
    severity: 'warning',
    ja: 'CSVバージョン{value}はサービス提供年月{appliesFrom}から適用されます（対象年月{month}）',
    en: 'CSV version {value} applies from service month {appliesFrom} (file month {month})',
  },
  FILE_TYPE_NOT_IN_VERSION: {
    severity: 'error',
    ja: 'ファイル種別{fileType}はCSVバージョン{value}には存在しません',
    en: 'File type {fileType} does not exist in CSV version {value}',
  },
  // --- rules within a file ---
  MONTH_MISMATCH: {
    severity: 'error',
    ja: '{col}「{value}」がファイル名の年月「{expected}」と一致しません',
    en: '{col} "{value}" differs from the month "{expected}" in the file name',
  },
  SERVICE_DATE_OUTSIDE_MONTH: {
    severity: 'error',
    ja: '{col}「{value}」が対象年月{expected}の日付ではありません',
    en: '{col} "{value}" is not a day of the service month {expected}',
  },
  PRORATION_DAY_OUTSIDE_MONTH: {
    severity: 'warning',
    ja: '{col}で対象年月に存在しない日（{detail}日）が指定されています',
    en: '{col} flags days that do not exist in the service month ({detail})',
  },
  TAIS_MISSING: {
    severity: 'warning',
    ja: '福祉用具貸与のレコードにTAISコードも福祉用具届出コードもありません',
    en: 'A welfare-equipment rental record has neither a TAIS code nor a notified equipment code',
  },
  HOSOKU_LINK_INCONSISTENT: {
    severity: 'warning',
    ja: '{col}「{value}」が連携先（{detail}）と整合しません',
    en: '{col} "{value}" does not fit the linked send ({detailEn})',
  },
  SUMMARY_ROW_INVALID: {
    severity: 'error',
    ja: '第7表の集計行で{col}は{expected}でなければなりません',
    en: 'On a 第7表 summary row {col} must be {expectedEn}',
  },
  SUMMARY_TOTAL_MISSING: {
    severity: 'error',
    ja: '利用者{value}の全合計行（サービスコード999999）がありません',
    en: 'User {value} has no grand-total row (service code 999999)',
  },
  SUMMARY_TOTAL_DUPLICATE: {
    severity: 'error',
    ja: '利用者{value}の全合計行（999999）が複数あります',
    en: 'User {value} has several grand-total rows (999999)',
  },
  SUBTOTAL_MISSING: {
    severity: 'error',
    ja: '利用者{value}のサービス種類{detail}に複数の明細がありますが、区分支給対象の種類別小計（{detail}AAAA）がありません',
    en: 'User {value} has several rows of service kind {detail} but no subtotal row ({detail}AAAA)',
  },
  AMOUNT_MISMATCH: {
    severity: 'warning',
    ja: '{col}「{value}」が単位数×回数（{expected}）と一致しません',
    en: '{col} "{value}" differs from units x count ({expected})',
  },
  ROW_ORDER: {
    severity: 'error',
    ja: 'レコードが課題NO・援助目標NO・援助内容NOの順に並んでいません',
    en: 'Records are not sorted by 課題NO, 援助目標NO, 援助内容NO',
  },
  UNIT_MIXED: {
    severity: 'error',
    ja: '1ファイルに複数の事業所・サービス種類（{detail}）の実績が含まれています',
    en: 'The file mixes the actuals of several offices or service kinds ({detail})',
  },
  JSK_OFFICE_MISMATCH: {
    severity: 'warning',
    ja: '{col}「{value}」がファイル名の送信元事業所番号{expected}と異なります',
    en: '{col} "{value}" differs from the sender office number {expected} of the file name',
  },
  SERVICE_KIND_OUT_OF_SCOPE: {
    severity: 'warning',
    ja: '{col}「{value}」のサービス種類はケアプランデータ連携の対象外です（対象外の種類のレコードは作成しません）',
    en: '{col} "{value}" is of a service kind outside the exchange (records of such kinds are not generated)',
  },
  IMAGE_NOT_JPEG: {
    severity: 'error',
    ja: '家族構成画像ファイルがJPEG形式ではありません',
    en: 'The family-structure image is not a JPEG file',
  },
  // --- across files (attached to the file concerned, row/column null) ---
  SET_INCOMPLETE: {
    severity: 'error',
    ja: '{fileType}と一緒に送るファイル（{detail}）が同じ送信単位にありません',
    en: '{fileType} must travel with {detail}, which is missing from the same sending unit',
  },
  SET_INCOMPLETE_WEAK: {
    severity: 'warning',
    ja: '{fileType}と原則一緒に送るファイル（{detail}）が同じ送信単位にありません',
    en: '{fileType} normally travels with {detail}, which is missing from the same sending unit',
  },
  SET_RECORD_UNMATCHED: {
    severity: 'error',
    ja: '{detail}に対応するレコードがありません（キー {value}）',
    en: 'No matching record in {detail} (key {value})',
  },
  SET_RECORD_UNMATCHED_WEAK: {
    severity: 'warning',
    ja: '{detail}に対応するレコードがありません（キー {value}）',
    en: 'No matching record in {detail} (key {value})',
  },
  SET_IMAGE_MISSING: {
    severity: 'warning',
    ja: '家族構成画像ファイル「{value}」が同じ送信単位にありません',
    en: 'The family-structure image "{value}" is not in the same sending unit',
  },
  TOTAL_MISMATCH: {
    severity: 'warning',
    ja: '{detail}が一致しません（キー {value}: {actual} と {expected}）',
    en: '{detailEn} do not agree (key {value}: {actual} vs {expected})',
  },
  DELETE_CONFLICT: {
    severity: 'warning',
    ja: '同じ送信単位で削除と登録が同じ対象（キー {value}）に行われています',
    en: 'The same sending unit deletes and uploads the same target (key {value})',
  },
  UNIT_DUPLICATE_TYPE: {
    severity: 'error',
    ja: '同じ送信単位に{fileType}のファイルが複数あります（1送信単位に1ファイル）',
    en: 'The sending unit contains several {fileType} files (one file per unit)',
  },
  BUNDLE_MULTIPLE_UNITS: {
    severity: 'warning',
    ja: '1回の送信に複数の送信単位（ファイル連番・送信元・送信先の組）が含まれています',
    en: 'The bundle contains several sending units (file serial, sender, receiver)',
  },
} as const satisfies Record<string, IssueDefinition>;

export type IssueCode = keyof typeof ISSUE_CODES;
