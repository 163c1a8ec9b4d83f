import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ProblemFilter } from '../errors/problem.filter';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const filter = new ProblemFilter();

/** The status Node's HTTP parser means by its error code (Fastify's own default makes the same choice). */
function parserStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * A request the HTTP parser refused (bad request line, URL or headers too large, too slow): no route runs,
 * so the problem+json is written on the socket, which is then closed as Node does.
 */
export function problemClientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = parserStatus(err.code);
  const body = JSON.stringify(
    filter.toProblem({ statusCode: status, message: err.code ?? 'client error' }, '/'),
  );
  if (socket.writable && socket.bytesWritten === 0)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_JSON}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

/** Fastify's router refusals before any route (bad URL encoding, a path parameter too long). */
export function problemFrameworkErrors(error: Error, req: FastifyRequest, reply: FastifyReply): void {
  const body = filter.toProblem(error, req.url, req.method);
  void reply.status(body.status).header('content-type', PROBLEM_JSON).send(body);
}
