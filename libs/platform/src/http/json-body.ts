import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { AppException, problem } from '../errors/app.exception';
import { PLATFORM_PROBLEMS } from '../errors/platform.problems';

/** Deepest nesting of objects and arrays a JSON body may have; the API's own bodies need fewer than 10. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/**
 * What makes a JSON text unfit before it is parsed: nesting deeper than `maxDepth` (the parser and
 * class-transformer recurse, and overflow the stack at some thousands), or a `\u0000` escape in a string
 * (PostgreSQL text cannot hold NUL). One pass, no recursion; syntax is left to the parser.
 */
export function jsonBodyProblem(text: string, maxDepth = MAX_JSON_DEPTH): AppException | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === QUOTE) inString = false;
      else if (c === BACKSLASH) {
        if (text.startsWith('u0000', i + 1)) return problem(PLATFORM_PROBLEMS.INVALID_CHARACTER);
        i++; // the escaped character cannot end the string
      }
    } else if (c === QUOTE) inString = true;
    else if (OPEN.has(c)) {
      if (++depth > maxDepth) return problem(PLATFORM_PROBLEMS.JSON_TOO_DEEP, { maxDepth }, { maxDepth });
    } else if (CLOSE.has(c)) depth--;
  }
  return null;
}

/**
 * Replaces the JSON body parser: the same parser Fastify uses (prototype poisoning refused), after
 * jsonBodyProblem. Registering it this way keeps Nest from registering its own.
 */
export function useCheckedJsonParser(app: NestFastifyApplication, bodyLimit: number): void {
  const parse = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (req, body, done) => {
    const text = body.toString('utf8');
    const problem = jsonBodyProblem(text);
    if (problem) done(problem, undefined);
    // Fastify's default JSON parser is synchronous: it calls done before returning.
    else void parse(req, text, done);
  });
}
