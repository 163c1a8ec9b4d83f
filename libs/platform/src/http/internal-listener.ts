import { createServer, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** Prefix of the routes that only other services of the exchange call (InternalTokenGuard too). */
export const INTERNAL_ROUTE_PREFIX = '/internal/';

export interface InternalListenerOptions {
  port: number;
  /** 127.0.0.1 unless the other services reach this one over a network (containers). */
  host: string;
}

/** Whether a matched route pattern (e.g. /internal/v1/dead-letters) is an internal one. */
export function isInternalRoute(routePattern: string | undefined): boolean {
  return routePattern !== undefined && routePattern.startsWith(INTERNAL_ROUTE_PREFIX);
}

/**
 * Serves the app's internal routes on a listener of their own and nowhere else: the public port answers
 * 404 for them, the internal port for everything else. Judged by the route Fastify matched, so no spelling
 * of the path (percent-encoding, case) reaches an internal route through the public port. Call before listen.
 */
export function separateInternalRoutes(
  fastify: FastifyInstance,
  options: InternalListenerOptions,
): { listen(): Promise<void> } {
  const server: Server = createServer((req, res) => fastify.routing(req, res));
  const internalSockets = new WeakSet<Socket>();
  server.on('connection', (socket) => internalSockets.add(socket));

  fastify.addHook('onRequest', (request, reply, done) => {
    const viaInternal = internalSockets.has(request.raw.socket);
    const matched = request.routeOptions.url;
    // An unmatched request is on its way to the not-found handler already.
    if (matched !== undefined && isInternalRoute(matched) !== viaInternal) reply.callNotFound();
    else done();
  });
  fastify.addHook('onClose', (_instance, done) => {
    server.closeAllConnections();
    server.close(() => done());
  });

  return {
    listen: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          resolve();
        });
      }),
  };
}
