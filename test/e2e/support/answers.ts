/** What a probe of odd input observed: status, content type and the problem code when there is one. */
export interface Answer {
  what: string;
  status: number;
  contentType: string;
  code?: string;
}

/** Sends one request and keeps what a bad-input check looks at; a body that is not JSON has no code. */
export async function answerOf(what: string, url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { what, status: res.status, contentType: res.headers.get('content-type') ?? '', code };
}
