import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException, LocalizedMessage } from '@careplan/platform';

export interface DirectoryEntry {
  officeNumber: string;
  name: string;
  kind: string;
  connectedSince: string;
}

export interface DirectoryPage {
  items: DirectoryEntry[];
  nextCursor: string | null;
}

export interface DirectoryClientOptions {
  archiveUrl: string;
  internalToken: string;
}

export interface DirectorySearch {
  prefecture?: string;
  district?: string;
  name?: string;
  cursor?: string;
  limit?: number;
}

const TIMEOUT_MS = 5000;

const unavailable = () =>
  new AppException('DIRECTORY_UNAVAILABLE', HttpStatus.SERVICE_UNAVAILABLE, {
    ja: '事業所ディレクトリを一時的に利用できません。しばらくしてから再度お試しください。',
    en: 'The office directory is temporarily unavailable. Please retry shortly.',
  });

interface Problem {
  code?: unknown;
  message?: unknown;
  officeNumber?: unknown;
}

/** The archive's directory over its internal API: the gateway never reads archive tables. */
@Injectable()
export class DirectoryClient {
  constructor(private readonly options: DirectoryClientOptions) {}

  get(officeNumber: string): Promise<DirectoryEntry> {
    return this.call(`/internal/v1/directory/offices/${officeNumber}`, { method: 'GET' });
  }

  search(q: DirectorySearch): Promise<DirectoryPage> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
    return this.call(`/internal/v1/directory/offices?${params.toString()}`, { method: 'GET' });
  }

  setListed(officeNumber: string, listed: boolean): Promise<{ officeNumber: string; listed: boolean }> {
    return this.call(`/internal/v1/directory/offices/${officeNumber}/listing`, {
      method: 'PUT',
      body: JSON.stringify({ listed }),
    });
  }

  private async call<T>(path: string, init: RequestInit): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.options.archiveUrl), {
        ...init,
        headers: { 'x-internal-token': this.options.internalToken, 'content-type': 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw unavailable();
    }
    if (res.ok) return (await res.json()) as T;
    throw await passThrough(res);
  }
}

/** The archive's own 4xx problems (not found, bad cursor) reach the vendor as they are; anything else is 503. */
async function passThrough(res: Response): Promise<AppException> {
  if (res.status < 400 || res.status >= 500 || res.status === 401) return unavailable();
  const body = (await res.json().catch(() => ({}))) as Problem;
  const message = body.message as LocalizedMessage | undefined;
  if (typeof body.code !== 'string' || typeof message?.ja !== 'string' || typeof message.en !== 'string') {
    return unavailable();
  }
  const extra = typeof body.officeNumber === 'string' ? { officeNumber: body.officeNumber } : {};
  return new AppException(body.code, res.status, message, extra);
}
