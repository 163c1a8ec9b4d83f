import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ArchiveEnv } from '../config/archive.env';
import { CONSOLE_COOKIE, sessionLimitsOf } from './console-session';
import { ConsoleSessionRepository } from './console-session.repository';
import { ConsoleSessionStore } from './console-session.store';

// The session is the operations API's only: the console's files and the vendor routes never look it up.
const SESSION_PATHS = /^\/ops\/v1(\/|\?|$)/;

/**
 * Cookies and the console's sessions (@fastify/cookie, @fastify/session with the PostgreSQL store), for main.ts
 * and for tests that build the app. Idle and absolute ends are checked by ConsoleSessions on each request; the
 * cookie itself lasts as long as the browser, so that an ended session answers CONSOLE_SESSION_EXPIRED.
 */
export async function registerConsoleSession(app: NestFastifyApplication): Promise<void> {
  const env = app.get(ArchiveEnv);
  const store = new ConsoleSessionStore(app.get(DataSource), app.get(ConsoleSessionRepository), () =>
    sessionLimitsOf(env),
  );
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyCookie);
  fastify.addHook('onRequest', (req, _reply, done) => {
    if (!SESSION_PATHS.test(req.url)) delete req.cookies[CONSOLE_COOKIE];
    done();
  });
  await fastify.register(fastifySession, {
    // Without a configured secret (productionChecks warns), sessions last until this process ends.
    secret: env.CONSOLE_SESSION_SECRET || randomBytes(32).toString('base64url'),
    cookieName: CONSOLE_COOKIE,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      // The library's own `auto` would turn SameSite into Lax over http: decided per request below instead.
      secure: env.CONSOLE_COOKIE_SECURE === 'true',
    },
    store,
    saveUninitialized: false,
    // Saved (and the cookie sent again) when a request touched the session, not on every answer.
    rolling: false,
  });
  if (env.CONSOLE_COOKIE_SECURE === 'auto')
    fastify.addHook('onRequest', (req, _reply, done) => {
      if (typeof req.session?.options === 'function')
        req.session.options({ secure: req.protocol === 'https' });
      done();
    });
}
