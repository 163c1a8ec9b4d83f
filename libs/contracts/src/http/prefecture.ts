// Office-number digits 1–2: the prefecture, 01 北海道 … 47 沖縄県. Digits 4–5: the district (郡市区番号).
export const PREFECTURE_PATTERN = /^(0[1-9]|[1-3]\d|4[0-7])$/;
export const PREFECTURE_MESSAGE = 'prefecture must be a two-digit prefecture code (01–47)';
export const DISTRICT_PATTERN = /^\d{2}$/;
