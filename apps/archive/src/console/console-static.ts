import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problems } from '@careplan/contracts';
import { AppException, problem, ProblemFilter } from '@careplan/platform';

/** Where `npm run build` puts the console: dist/console, beside this file's dist/apps/archive/src/console. */
export const CONSOLE_DIST = path.resolve(__dirname, '..', '..', '..', '..', 'console');

const PREFIX = '/console';
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const filter = new ProblemFilter();

/**
 * The console's own pages may load only what they ship and talk only to this origin; nobody may frame them
 * (they hold a session and show secrets once). Inline styles: the charts set them.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function sendProblem(req: FastifyRequest, reply: FastifyReply, failure: AppException): void {
  const body = filter.toProblem(failure, req.url, req.method);
  void reply.status(body.status).header('content-type', PROBLEM_JSON).send(body);
}

/**
 * Serves the operations console (the SPA in apps/console, built to `dir`) at /console/: its files as they are,
 * and index.html for any other GET under /console/ so that every console URL can be opened or bookmarked (the
 * SPA routes it). Not a Nest controller, so the operations API's OpenAPI document does not list it. Without a
 * build the archive still starts: /console/ answers 503 CONSOLE_NOT_BUILT and a warning says why.
 */
export async function serveConsole(
  fastify: FastifyInstance,
  dir: string = CONSOLE_DIST,
  logger: Pick<Logger, 'warn'> = new Logger('Console'),
): Promise<void> {
  fastify.get(PREFIX, (req, reply) => {
    const query = req.url.slice(PREFIX.length);
    return reply.redirect(`${PREFIX}/${query}`, 301);
  });

  if (!existsSync(path.join(dir, 'index.html'))) {
    logger.warn(
      `the operations console is not built (no ${path.join(dir, 'index.html')}): /console/ answers 503`,
    );
    fastify.get(`${PREFIX}/*`, (req, reply) => sendProblem(req, reply, problem(Problems.CONSOLE_NOT_BUILT)));
    return;
  }

  await fastify.register(
    async (scope) => {
      scope.addHook('onSend', (_req, reply, payload, done) => {
        void reply
          .header('content-security-policy', CONTENT_SECURITY_POLICY)
          .header('x-content-type-options', 'nosniff');
        done(null, payload);
      });
      await scope.register(fastifyStatic, {
        root: dir,
        prefix: '/',
        index: 'index.html',
        // The file names under assets/ carry their content hash; index.html must be asked for every time.
        cacheControl: false,
        setHeaders: (reply, file) =>
          void reply.header(
            'cache-control',
            file.startsWith(path.join(dir, 'assets') + path.sep)
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          ),
      });
      // Not a file: a console URL (index.html, the SPA routes it) — unless it names a file (a dot in its last
      // segment: an asset that is not there) or asks for something other than a page.
      scope.setNotFoundHandler((req, reply) => {
        const pathname = req.url.split('?')[0];
        const last = pathname.slice(pathname.lastIndexOf('/') + 1);
        if ((req.method === 'GET' || req.method === 'HEAD') && !last.includes('.'))
          return reply.sendFile('index.html');
        sendProblem(req, reply, problem(Problems.NOT_FOUND));
      });
    },
    { prefix: PREFIX },
  );
}
