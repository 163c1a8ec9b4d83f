import type { FastifyInstance } from 'fastify';

const MiB = 1024 * 1024;

/** The routes that take a whole bundle as JSON (attachments in base64): only they get the larger limit. */
export const JSON_BUNDLE_ROUTES: readonly string[] = ['/v1/submissions', '/v1/validate'];

/** Base64 makes attachments 4/3 as large; the records and the JSON around them get a further MiB. */
export function jsonBundleBodyLimit(maxBundleBytes: number): number {
  return Math.ceil((maxBundleBytes * 4) / 3) + MiB;
}

/**
 * Raises the body limit of the POST routes of JSON bundles as they are registered, so every other route keeps the
 * global 1 MiB; a bigger body is refused before it is read (PAYLOAD_TOO_LARGE). Call before the app's routes are.
 */
export function raiseJsonBundleBodyLimit(fastify: FastifyInstance, maxBundleBytes: number): void {
  const bodyLimit = jsonBundleBodyLimit(maxBundleBytes);
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const url = route.url.replace(/\/+$/, '');
    if (methods.includes('POST') && JSON_BUNDLE_ROUTES.includes(url)) route.bodyLimit = bodyLimit;
  });
}
