import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

export const TOKEN_ROUTE = '/v1/auth/token';
/** A token request is a few short parameters. */
const FORM_BODY_LIMIT = 8 * 1024;

/**
 * application/x-www-form-urlencoded, the body RFC 6749 gives token requests, for POST /v1/auth/token only:
 * every other route takes JSON (or multipart) and still answers a form 415. Repeated names become arrays, for
 * the token request to refuse.
 */
export function useTokenRequestForms(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (req, body, done) => {
        if (req.url.split('?')[0] !== TOKEN_ROUTE)
          return done(problem(Problems.UNSUPPORTED_MEDIA_TYPE), undefined);
        const params: Record<string, string | string[]> = {};
        for (const [name, value] of new URLSearchParams(body as string)) {
          const seen = params[name];
          params[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
        }
        done(null, params);
      },
    );
}
