import { defineProblems, PLATFORM_PROBLEMS, ProblemDefinition } from '@careplan/platform';

/**
 * Every problem code a service of the exchange answers, with its HTTP status and its Japanese and English
 * message (`{name}` is filled when the problem is raised). Services raise them with
 * `problem(Problems.X, params, extra)`; ProblemFilter writes them, @ApiProblems documents them in OpenAPI and
 * docs/problems.md (npm run problems:docs) lists them. A code is part of the wire: rename none.
 *
 * The platform's own problems (dependency down, rate limit, framework refusals …) are written in
 * libs/platform/src/errors/platform.problems.ts, because platform code raises them and libs/platform cannot
 * import this library; they are spread in here, so this is still the one list.
 */
export const ServiceProblems = defineProblems({
  // --- Vendor authentication and API keys (gateway; API_KEY_NOT_FOUND and OFFICE_INACTIVE also ops) ---
  API_KEY_MISSING: {
    status: 401,
    ja: 'APIキーがありません。X-API-Key ヘッダーに事業所のAPIキーを、または Authorization: Bearer にアクセストークンを指定してください。',
    en: 'No API key. Send your office API key in the X-API-Key header, or an access token as Authorization: Bearer.',
  },
  API_KEY_INVALID: { status: 401, ja: 'APIキーが正しくありません。', en: 'The API key is not valid.' },
  API_KEY_REVOKED: {
    status: 401,
    ja: 'このAPIキーは失効しています。有効なキーで新しいキーを発行するか、国保連合会に依頼してください。',
    en: 'This API key has been revoked. Issue a new one with a valid key, or ask your federation.',
  },
  API_KEY_NOT_FOUND: { status: 404, ja: 'APIキーが見つかりません。', en: 'No such API key.' },
  // The office would be left without a key that can manage its keys: only an operator could help it then.
  API_KEY_LAST_ADMIN: {
    status: 409,
    ja: 'このキーは事業所で最後の有効な管理者キーのため失効できません。先に別の管理者キーを発行してください。',
    en: "This is the office's last active admin key, so it cannot be revoked. Issue another admin key first.",
  },
  KEY_ROLE_FORBIDDEN: {
    status: 403,
    ja: 'この操作には役割「{role}」のキーが必要です。このキーでは行えません（事業所の管理者キーで行ってください）。',
    en: 'This needs a key with the {role} role; the key used cannot do it (use an admin key of your office).',
  },
  // --- Access tokens (gateway: POST /v1/auth/token, and Authorization: Bearer on every vendor route) ---
  ACCESS_TOKEN_EXPIRED: {
    status: 401,
    ja: 'アクセストークンの有効期限が切れています。APIキーで新しいトークンを取得してください。',
    en: 'The access token has expired. Get a new one with your API key.',
  },
  ACCESS_TOKEN_INVALID: {
    status: 401,
    ja: 'アクセストークンが正しくありません。POST /v1/auth/token で取得したトークンをそのまま指定してください（APIキーは X-API-Key ヘッダーに指定します）。',
    en: 'The access token is not valid. Send a token from POST /v1/auth/token as it was issued (API keys go in the X-API-Key header).',
  },
  ACCESS_TOKEN_REVOKED: {
    status: 401,
    ja: 'このアクセストークンを発行したAPIキーは失効しています。有効なキーでトークンを取得し直してください。',
    en: 'The API key this access token was issued for has been revoked. Get a token with a valid key.',
  },
  TOKEN_REQUEST_INVALID: {
    status: 400,
    ja: 'トークン要求が正しくありません（{reason}）。',
    en: 'The token request is not valid ({reason}).',
  },
  TOKEN_GRANT_UNSUPPORTED: {
    status: 400,
    ja: 'grant_type「{grantType}」には対応していません。client_credentials または refresh_token を指定してください。',
    en: 'grant_type "{grantType}" is not supported: use client_credentials or refresh_token.',
  },
  TOKEN_SCOPE_INVALID: {
    status: 400,
    ja: 'scope「{scope}」は要求できません。このキーで要求できるのは {allowed} です。',
    en: 'scope "{scope}" cannot be granted: this key may ask for {allowed}.',
  },
  // --- Staff users and their sessions (gateway: /v1/staff, /v1/auth/sign-in, refresh_token grant) ---
  SIGN_IN_FAILED: {
    status: 401,
    ja: '事業所番号・ログインID・パスワードのいずれかが正しくありません。',
    en: 'The office number, login id or password is not right.',
  },
  STAFF_SIGN_IN_LOCKED: {
    status: 423,
    ja: 'サインインの失敗が続いたため、このログインIDは {lockedUntil} までロックされています。',
    en: 'Too many failed sign-ins: this login id is locked until {lockedUntil}.',
  },
  STAFF_SUSPENDED: {
    status: 403,
    ja: 'このスタッフは利用停止中です。事業所の管理者に連絡してください。',
    en: 'This staff user is suspended. Ask an administrator of your office.',
  },
  STAFF_NOT_FOUND: { status: 404, ja: 'スタッフが見つかりません。', en: 'No such staff user.' },
  STAFF_LOGIN_ID_TAKEN: {
    status: 409,
    ja: 'ログインID「{loginId}」はこの事業所で使われています。',
    en: 'Login id "{loginId}" is already used in this office.',
  },
  REFRESH_TOKEN_INVALID: {
    status: 400,
    ja: 'リフレッシュトークンが正しくありません。サインインし直してください。',
    en: 'The refresh token is not valid. Sign in again.',
  },
  REFRESH_TOKEN_EXPIRED: {
    status: 400,
    ja: 'サインインの有効期限（8時間）が切れています。サインインし直してください。',
    en: 'The session (8 hours) has expired. Sign in again.',
  },
  // A refresh token used a second time: stolen, or a client that lost the answer; the whole session ends.
  REFRESH_TOKEN_REUSED: {
    status: 400,
    ja: 'このリフレッシュトークンは使用済みです。安全のためこのサインインを無効にしました。サインインし直してください。',
    en: 'This refresh token was already used: the session has been ended for safety. Sign in again.',
  },
  REFRESH_TOKEN_REVOKED: {
    status: 400,
    ja: 'このサインインは終了しています（サインアウト、またはスタッフの停止・削除）。',
    en: 'This session has ended (signed out, or the staff user was suspended or removed).',
  },
  API_KEY_LIMIT_REACHED: {
    status: 409,
    ja: '有効なAPIキーが上限（{limit}）に達しています。使っていないキーを失効させてください。',
    en: 'The office already has {limit} active API keys. Revoke keys that are no longer used.',
  },
  OFFICE_INACTIVE: {
    status: 409,
    ja: '事業所「{officeNumber}」は廃止（無効化）されています。',
    en: 'Office {officeNumber} has been deactivated.',
  },
  // A key an operator issued before the office's registry events reached the gateway: it works once they have.
  OFFICE_NOT_REGISTERED: {
    status: 403,
    ja: 'このAPIキーの事業所はまだゲートウェイに登録されていません。しばらくしてから再度お試しください。',
    en: "This API key's office is not registered at the gateway yet. Please retry shortly.",
  },
  // One status on every API (vendor, operations, internal): the number is well-formed JSON, a bad value.
  OFFICE_NUMBER_INVALID: {
    status: 422,
    ja: '事業所番号「{value}」の形式が正しくありません（10桁）。',
    en: 'Office number "{value}" is not a valid 10-character office number.',
  },

  // --- Submissions (gateway) ---
  MULTIPART_REQUIRED: {
    status: 415,
    ja: '送信は multipart/form-data または application/json で行ってください。',
    en: 'Send the submission as multipart/form-data or application/json.',
  },
  MULTIPART_BOUNDARY_INVALID: {
    status: 400,
    ja: 'Content-Type の multipart/form-data に boundary（1〜70文字）が指定されていません。',
    en: 'The multipart/form-data Content-Type has no boundary of 1 to 70 characters.',
  },
  MULTIPART_INCOMPLETE: {
    status: 400,
    ja: '送信データが途中で終わっているか、形式が正しくありません。もう一度送信してください。',
    en: 'The multipart body ended early or is malformed. Send the submission again.',
  },
  RECEIVER_MISSING: {
    status: 422,
    ja: '送信先事業所番号（to）がありません。',
    en: 'The receiving office number (to) is missing.',
  },
  RECEIVER_INVALID: {
    status: 422,
    ja: '送信先事業所番号「{to}」の形式が正しくありません（10桁）。',
    en: 'The receiving office number "{to}" is not a valid 10-character office number.',
  },
  RECEIVER_UNKNOWN: {
    status: 422,
    ja: '送信先事業所「{to}」はケアプランデータ連携に登録されていません。',
    en: 'The receiving office {to} is not registered with the exchange.',
  },
  RECEIVER_UNLICENSED: {
    status: 422,
    ja: '送信先事業所「{to}」のライセンスが有効ではないため送信できません。',
    en: 'The receiving office {to} has no active license, so it cannot receive.',
  },
  RECEIVER_IS_SENDER: {
    status: 422,
    ja: '自事業所あてには送信できません。',
    en: 'An office cannot send to itself.',
  },
  SENDER_UNLICENSED: {
    status: 403,
    ja: '事業所「{from}」のライセンスが有効ではないため送信できません。国保連合会にお問い合わせください。',
    en: 'Your office {from} has no active license, so it cannot send. Contact your federation.',
  },
  FILES_MISSING: { status: 422, ja: 'ファイルが添付されていません。', en: 'The submission has no files.' },
  FIELD_UNKNOWN: {
    status: 422,
    ja: '不明な項目「{field}」があります。',
    en: 'Unknown form field "{field}".',
  },
  FIELD_DUPLICATE: {
    status: 422,
    ja: '項目「{field}」が複数あります。1回だけ指定してください。',
    en: 'Form field "{field}" appears more than once.',
  },
  FILE_NAME_INVALID: {
    status: 422,
    ja: 'ファイル名が空か、使えない文字だけです。',
    en: 'A file name is empty or unusable.',
  },
  FILE_NAME_DUPLICATE: {
    status: 422,
    ja: 'ファイル名「{file}」が重複しています。',
    en: 'File name "{file}" appears twice.',
  },
  FILE_NAME_CASE_DUPLICATE: {
    status: 422,
    ja: 'ファイル名「{file}」と「{other}」は大文字・小文字だけが違います。Windowsでは同じファイルになるため、名前を変えてください。',
    en: 'File names "{file}" and "{other}" differ only in case: they are one file on Windows. Rename one.',
  },
  FILE_NAME_CHARACTER_NOT_ALLOWED: {
    status: 422,
    ja: 'ファイル名「{file}」に見えない文字（{character}）が含まれています。取り除いてから送信してください。',
    en: 'File name "{file}" contains an invisible character ({character}). Remove it and send again.',
  },
  FILE_NAME_RESERVED: {
    status: 422,
    ja: 'ファイル名「{file}」はWindowsの予約名（CON、PRN、AUX、NUL、COM1〜9、LPT1〜9）のため使えません。',
    en: 'File name "{file}" is a name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9).',
  },
  FILE_NAME_SENDER_MISMATCH: {
    status: 422,
    ja: 'ファイル「{file}」の送信元事業所番号が送信元（{expected}）と一致しません。',
    en: 'File "{file}" does not name the sending office {expected} as its sender.',
  },
  FILE_NAME_RECEIVER_MISMATCH: {
    status: 422,
    ja: 'ファイル「{file}」の送信先事業所番号が送信先（{expected}）と一致しません。',
    en: 'File "{file}" does not name the receiving office {expected} as its receiver.',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 422,
    ja: 'ファイル「{file}」の種類は送信できません。送信できる添付ファイルは {allowed} です。',
    en: 'File "{file}" is not an allowed type. Attachments may be {allowed}.',
  },
  ATTACHMENT_CONTENT_MISMATCH: {
    status: 422,
    ja: 'ファイル「{file}」の内容が拡張子と一致しません。',
    en: 'The content of file "{file}" does not match its extension.',
  },
  CSV_CONTENT_NOT_TEXT: {
    status: 422,
    ja: 'ファイル「{file}」は標準仕様のファイル名ではなく、中身もCSV（Shift-JIS（MS932）またはUTF-8のテキスト）ではありません。',
    en: 'File "{file}" has no standard file name and is no CSV text (Shift-JIS (MS932) or UTF-8).',
  },
  FILE_TOO_LARGE: {
    status: 413,
    ja: 'ファイル「{file}」が上限（{limit} バイト）を超えています。',
    en: 'File "{file}" exceeds the limit of {limit} bytes.',
  },
  TOO_MANY_FILES: {
    status: 413,
    ja: 'ファイル数が上限（{limit}）を超えています。',
    en: 'More than {limit} files in one submission.',
  },
  TOO_MANY_FIELDS: {
    status: 413,
    ja: 'フォーム項目数が上限（{limit}）を超えています。',
    en: 'More than {limit} form fields in one submission.',
  },
  BUNDLE_TOO_LARGE: {
    status: 413,
    ja: '送信データ全体が上限（{limit} バイト）を超えています。',
    en: 'The submission exceeds the limit of {limit} bytes in total.',
  },
  // --- JSON submissions (gateway: POST /v1/submissions and /v1/validate as application/json) ---
  JSON_FILE_TYPE_UNKNOWN: {
    status: 422,
    ja: 'documents[{document}] のファイル種別「{fileType}」は標準仕様のCSVファイルではありません。',
    en: 'documents[{document}]: "{fileType}" is not a CSV file type of the standard.',
  },
  JSON_RECORDS_INVALID: {
    status: 422,
    ja: 'documents[{document}] のレコードがファイル種別 {fileType} のJSONスキーマに合いません（details に場所ごとの内容）。',
    en: 'documents[{document}]: records do not match the JSON Schema of {fileType} (see details for each location).',
  },
  JSON_YYYYMM_MISSING: {
    status: 422,
    ja: 'documents[{document}]: {fileType} のファイル名には対象年月（yyyymm）が必要です。',
    en: 'documents[{document}]: {fileType} file names carry a month: send yyyymm.',
  },
  JSON_YYYYMM_NOT_ALLOWED: {
    status: 422,
    ja: 'documents[{document}]: {fileType} のファイル名には年月がありません。yyyymm を送らないでください。',
    en: 'documents[{document}]: {fileType} file names carry no month: leave yyyymm out.',
  },
  JSON_ATTACHMENT_INVALID: {
    status: 422,
    ja: 'attachments[{attachment}]（{file}）の contentBase64 が正しいBase64ではありません。',
    en: 'attachments[{attachment}] ({file}): contentBase64 is not valid base64.',
  },
  JSON_ATTACHMENT_TYPE_MISMATCH: {
    status: 422,
    ja: 'attachments[{attachment}]（{file}）の contentType「{contentType}」がファイルの種類（{actual}）と一致しません。',
    en: 'attachments[{attachment}] ({file}): contentType "{contentType}" is not the type of the file ({actual}).',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    ja: 'この Idempotency-Key は別の内容の送信に使われています。',
    en: 'This Idempotency-Key was already used for a submission with other content.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 422,
    ja: 'Idempotency-Key は1〜255文字の印字可能なASCII文字で指定してください。',
    en: 'Idempotency-Key must be 1 to 255 printable ASCII characters.',
  },
  SUBMISSION_NOT_FOUND: { status: 404, ja: '送信が見つかりません。', en: 'Submission not found.' },

  // --- Inbox, spec, webhooks (gateway) ---
  DELIVERY_NOT_FOUND: { status: 404, ja: '受信データが見つかりません。', en: 'Delivery not found.' },
  FILE_NOT_FOUND: { status: 404, ja: 'ファイルが見つかりません。', en: 'File not found.' },
  FILE_NOT_STANDARD_CSV: {
    status: 422,
    ja: 'ファイル「{file}」は標準仕様のCSVファイルではないため、レコードとして表示できません。ファイルをダウンロードしてください。',
    en: 'File "{file}" is not a standard CSV file, so it has no records. Download the file instead.',
  },
  RECORDS_UNREADABLE: {
    status: 422,
    ja: 'ファイル「{file}」をレコードとして読み取れません（{reason}）。ファイルをダウンロードしてください。',
    en: 'File "{file}" cannot be read as records ({reason}). Download the file instead.',
  },
  FILE_TYPE_UNKNOWN: {
    status: 404,
    ja: 'ファイル種別「{fileType}」は標準仕様にありません。',
    en: '"{fileType}" is not a file type of the standard.',
  },
  WEBHOOK_NOT_CONFIGURED: {
    status: 404,
    ja: 'Webhook が設定されていません。',
    en: 'No webhook is configured for this office.',
  },
  WEBHOOK_URL_INVALID: {
    status: 422,
    ja: 'Webhook の URL は http または https の絶対 URL で指定してください。',
    en: 'The webhook URL must be an absolute http or https URL.',
  },
  WEBHOOK_URL_PRIVATE: {
    status: 422,
    ja: 'Webhook の URL にループバック・プライベート・リンクローカルなどの公開されていないアドレス（{host}）は指定できません。',
    en: 'The webhook URL must not point at a loopback, private, link-local or other non-public address ({host}).',
  },

  // --- Another service of the exchange down (gateway → archive, archive → router) ---
  HISTORY_UNAVAILABLE: {
    status: 503,
    ja: '履歴を一時的に取得できません。しばらくしてから再度お試しください。',
    en: 'History is temporarily unavailable. Please retry shortly.',
  },
  RECEIPTS_UNAVAILABLE: {
    status: 503,
    ja: '交換証明を一時的に発行・検証できません。しばらくしてから再度お試しください。',
    en: 'Proofs of exchange are temporarily unavailable. Please retry shortly.',
  },
  DIRECTORY_UNAVAILABLE: {
    status: 503,
    ja: '事業所ディレクトリを一時的に利用できません。しばらくしてから再度お試しください。',
    en: 'The office directory is temporarily unavailable. Please retry shortly.',
  },
  API_KEYS_UNAVAILABLE: {
    status: 503,
    ja: 'APIキーを一時的に操作できません。しばらくしてから再度お試しください。',
    en: 'API keys are temporarily unavailable. Please retry shortly.',
  },
  DEAD_LETTERS_UNAVAILABLE: {
    status: 503,
    ja: '配信失敗の一覧を一時的に取得できません。しばらくしてから再度お試しください。',
    en: 'Dead letters are temporarily unavailable. Please retry shortly.',
  },
  /** The archive serves the operations console from dist/console, which `npm run build` writes. */
  CONSOLE_NOT_BUILT: {
    status: 503,
    ja: '運用コンソールはビルドされていないため表示できません（npm run build でビルドしてください）。',
    en: 'The operations console is not built, so it cannot be shown (npm run build builds it).',
  },

  // --- History, directory, proofs of exchange (archive, answered to vendors through the gateway) ---
  HISTORY_FILTER_INVALID: {
    status: 400,
    ja: '検索条件 {parameter} の値「{value}」が正しくありません。',
    en: 'The value "{value}" of the filter {parameter} is not valid.',
  },
  HISTORY_EXPORT_ENCODING_INVALID: {
    status: 400,
    ja: '文字コード「{value}」には対応していません。utf-8 または ms932 を指定してください。',
    en: 'Encoding "{value}" is not supported: use utf-8 or ms932.',
  },
  HISTORY_EXPORT_TOO_LARGE: {
    status: 422,
    ja: '出力件数が上限（{maxRows}件）を超えます。期間（from, to）で絞り込んでください。',
    en: 'The export would exceed {maxRows} rows. Narrow it by period (from, to).',
  },
  DIRECTORY_OFFICE_NOT_FOUND: {
    status: 404,
    ja: '事業所番号「{officeNumber}」の事業所はケアプランデータ連携で受信できません（未登録またはライセンスなし）。',
    en: 'Office {officeNumber} cannot receive through the exchange (not registered or not licensed).',
  },
  // Same answer for "no such submission" and "not yours": an office learns nothing about others' exchanges.
  RECEIPT_NOT_FOUND: {
    status: 404,
    ja: '送信「{submissionId}」の交換証明は見つかりません。',
    en: 'No proof of exchange for submission "{submissionId}".',
  },
  RECEIPT_VERIFY_BODY_INVALID: {
    status: 400,
    ja: '検証には receipt と signature、または pdf（base64）のどちらかを送ってください。',
    en: 'Send either receipt and signature, or pdf (base64), to verify.',
  },
  RECEIPT_PDF_NO_ATTACHMENT: {
    status: 422,
    ja: 'PDFに署名付きの交換証明（receipt.json）が添付されていません。',
    en: 'The PDF carries no signed receipt (receipt.json attachment).',
  },
  RECEIPT_PDF_INVALID: {
    status: 422,
    ja: 'PDFの添付ファイルが多すぎるか大きすぎるため読み取れません。発行された交換証明のPDFをそのまま送ってください。',
    en: 'The PDF holds too many or too large embedded files to be read. Send the receipt PDF as it was issued.',
  },

  // --- Operations API: operators and their scope (archive) ---
  OPS_TOKEN_MISSING: {
    status: 401,
    ja: '運用APIの認証が必要です。Authorization: Bearer <トークン> を指定してください。',
    en: 'The operations API needs Authorization: Bearer <token>.',
  },
  OPS_TOKEN_INVALID: {
    status: 401,
    ja: '運用APIのトークンが正しくありません。',
    en: 'The operations token is not valid.',
  },
  OPS_TOKEN_REVOKED: {
    status: 401,
    ja: 'この運用APIのトークンは失効しています。中央管理者に新しいアカウントを依頼してください。',
    en: 'This operations token has been revoked; ask a central administrator for a new account.',
  },
  OPS_SCOPE: {
    status: 403,
    ja: '都道府県「{prefecture}」のデータを扱う権限がありません。',
    en: 'You may not act on prefecture {prefecture}.',
  },
  OPS_ROLE: {
    status: 403,
    ja: 'この操作は中央管理者のみが行えます。',
    en: 'Only a central administrator may do this.',
  },
  PREFECTURE_REQUIRED: {
    status: 400,
    ja: '都道府県番号（prefecture）を指定してください。',
    en: 'Give the prefecture code (prefecture).',
  },
  OPERATOR_NOT_FOUND: {
    status: 404,
    ja: '運用者 {id} は見つかりません。',
    en: 'Operator {id} was not found.',
  },
  OPERATOR_SELF_REVOKE: {
    status: 409,
    ja: '自分自身のトークンは失効できません。別の中央管理者が行ってください。',
    en: 'An operator cannot revoke its own token; another central administrator can.',
  },
  OPERATOR_REVOKED: {
    status: 409,
    ja: '運用者 {id} は失効しています。',
    en: 'Operator {id} has been revoked.',
  },
  OPERATOR_PREFECTURE: {
    status: 422,
    ja: '都道府県の運用者には prefecture が必要で、中央管理者には指定できません。',
    en: 'A prefecture operator needs a prefecture; a central administrator has none.',
  },

  // --- Operations console: staff sign-in (archive) ---
  // One answer for an unknown name, a wrong password or code, a revoked or not yet enrolled operator: a
  // failed sign-in tells nobody which names exist.
  CONSOLE_SIGN_IN_FAILED: {
    status: 401,
    ja: 'ログインできませんでした。名前・パスワード・確認コードを確かめてください。',
    en: 'Sign-in failed. Check the name, the password and the code.',
  },
  CONSOLE_ACCOUNT_LOCKED: {
    status: 423,
    ja: 'ログインの失敗が続いたため、この名前でのログインを {minutes} 分間停止しています。',
    en: 'Too many failed sign-ins: signing in with this name is locked for {minutes} minutes.',
  },
  CONSOLE_SESSION_MISSING: {
    status: 401,
    ja: 'ログインしていません。',
    en: 'Not signed in.',
  },
  CONSOLE_SESSION_EXPIRED: {
    status: 401,
    ja: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    en: 'The session has expired. Sign in again.',
  },
  CONSOLE_CSRF: {
    status: 403,
    ja: '画面の情報が古くなっています。再読み込みしてからもう一度操作してください。',
    en: 'The X-CSRF-Token header is missing or does not match the session. Reload and try again.',
  },
  CONSOLE_SETUP_INVALID: {
    status: 404,
    ja: 'この設定用リンクは無効です（使用済み・期限切れ・誤り）。中央管理者に新しいリンクを依頼してください。',
    en: 'This set-up link is not valid (used, expired or wrong). Ask a central administrator for a new one.',
  },
  CONSOLE_SETUP_CODE: {
    status: 422,
    ja: '確認コードが一致しません。認証アプリにQRコードを読み込み、表示された6桁のコードを入力してください。',
    en: 'The code does not match. Scan the QR code with the authenticator app and enter the 6 digits it shows.',
  },
  // Sign-in finds the operator by name: two operators who sign in cannot share one.
  CONSOLE_NAME_TAKEN: {
    status: 409,
    ja: '同じ名前「{name}」の運用者がすでにコンソールを利用しています。中央管理者に連絡してください。',
    en: 'Another operator named {name} already signs in to the console; ask a central administrator.',
  },

  // --- Operations API: registry, licenses, campaigns (archive) ---
  OFFICE_NOT_FOUND: {
    status: 404,
    ja: '事業所番号「{officeNumber}」の事業所は登録されていません。',
    en: 'No office {officeNumber} is registered.',
  },
  OFFICE_EXISTS: {
    status: 409,
    ja: '事業所番号「{officeNumber}」は登録済みです。',
    en: 'Office {officeNumber} is already registered.',
  },
  OFFICE_NUMBER_CHECK_DIGIT: {
    status: 422,
    ja: '事業所番号「{officeNumber}」のチェックデジットが正しくありません。番号を確認してください。',
    en: 'The check digit of office number {officeNumber} is wrong. Check the number.',
  },
  LICENSE_NOT_FOUND: {
    status: 404,
    ja: '事業所「{officeNumber}」のライセンスはありません。',
    en: 'Office {officeNumber} has no license.',
  },
  LICENSE_EXISTS: {
    status: 409,
    ja: '事業所「{officeNumber}」には有効なライセンスがあります。',
    en: 'Office {officeNumber} already has a license in force.',
  },
  LICENSE_STATE: {
    status: 409,
    ja: 'ライセンスの状態（{status}）ではこの操作（{action}）はできません。',
    en: 'A {status} license cannot be {action}.',
  },
  DATE_INVALID: { status: 422, ja: '日付「{value}」は存在しません。', en: '{value} is not a calendar date.' },
  CAMPAIGN_INVALID: {
    status: 422,
    ja: 'キャンペーンの期間（{fields}）が正しくありません。適用期間は存在する日付で appliesFrom ≦ appliesTo、無料期間は freeMonths か freeFrom〜freeTo のどちらか一方で指定してください。',
    en: 'The campaign period ({fields}) is not valid. The application period needs calendar dates with appliesFrom <= appliesTo; give the free period either as freeMonths or as freeFrom and freeTo.',
  },
  CAMPAIGN_EXISTS: {
    status: 409,
    ja: 'キャンペーン「{campaign}」は登録済みです。',
    en: 'Campaign {campaign} already exists.',
  },

  // --- Operations API: dead letters (archive; router for its internal replay) ---
  REPLAY_INVALID: {
    status: 400,
    ja: 'ids か all: true のどちらか一方を指定してください。',
    en: 'Give either ids or all: true.',
  },
  REPLAY_SELECTION_INVALID: {
    status: 422,
    ja: '再送する対象は ids か all: true のどちらか一方で指定してください。',
    en: 'Choose what to replay with either ids or all: true, not both and not neither.',
  },
  DLQ_ID_INVALID: {
    status: 400,
    ja: '「{id}」はデッドレターのメッセージ（トピック:パーティション:オフセット）の指定ではありません。',
    en: '{id} does not name a dead-letter message (topic:partition:offset).',
  },
  DLQ_TOPIC_UNKNOWN: {
    status: 400,
    ja: 'トピック「{topic}」はこのシステムのトピックではありません。',
    en: '{topic} is not a topic of this system.',
  },
  DLQ_MESSAGE_NOT_FOUND: {
    status: 404,
    ja: '指定されたデッドレターのメッセージが見つかりません。',
    en: 'No such dead-letter message.',
  },
  DLQ_ALREADY_REPLAYED: {
    status: 409,
    ja: 'このメッセージは再送済みです。もう一度再送するには force: true を指定してください。',
    en: 'Already replayed; give force: true to replay it again.',
  },
});

/** The one registry: the platform's problems and the services'. */
export const Problems = { ...PLATFORM_PROBLEMS, ...ServiceProblems };
export type ProblemCode = keyof typeof Problems;

/** Every definition, in registry order (the docs' and the tests' view of it). */
export const ALL_PROBLEMS: readonly ProblemDefinition[] = Object.values(Problems);

/**
 * What a route can answer whatever it does, by what it takes: for @ApiProblems, so each operation's OpenAPI
 * lists the codes it can answer.
 */
export const ProblemGroups = {
  /** Every route of the vendor and operations APIs: the rate limit, a dependency down. */
  any: [Problems.RATE_LIMITED, Problems.SERVICE_UNAVAILABLE],
  /** A route that changes something: the connection may break once it was applied. */
  write: [Problems.OUTCOME_UNKNOWN],
  /** A JSON body: the ValidationPipe's refusal, and what the body parser refuses before it. */
  jsonBody: [
    Problems.BAD_REQUEST,
    Problems.JSON_TOO_DEEP,
    Problems.INVALID_CHARACTER,
    Problems.PAYLOAD_TOO_LARGE,
    Problems.UNSUPPORTED_MEDIA_TYPE,
  ],
  /** Query parameters or a path parameter the ValidationPipe or a Parse…Pipe checks. */
  input: [Problems.BAD_REQUEST],
  /** A page of a list: its query, and a cursor that is not one this list gave. */
  page: [Problems.BAD_REQUEST, Problems.CURSOR_INVALID],
  /** The vendor API's ApiKeyGuard: an API key (X-API-Key) or an access token (Authorization: Bearer). */
  vendorKey: [
    Problems.API_KEY_MISSING,
    Problems.API_KEY_INVALID,
    Problems.API_KEY_REVOKED,
    Problems.ACCESS_TOKEN_EXPIRED,
    Problems.ACCESS_TOKEN_INVALID,
    Problems.ACCESS_TOKEN_REVOKED,
  ],
  /**
   * The operations API's OperatorGuard: a bearer token, or the console's session cookie (whose unsafe requests
   * need the X-CSRF-Token header).
   */
  operatorToken: [
    Problems.OPS_TOKEN_MISSING,
    Problems.OPS_TOKEN_INVALID,
    Problems.OPS_TOKEN_REVOKED,
    Problems.CONSOLE_SESSION_EXPIRED,
    Problems.CONSOLE_CSRF,
  ],
} as const;
