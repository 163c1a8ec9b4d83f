import pino from 'pino';
import { Writable } from 'node:stream';
import { INTERNAL_TOKEN_HEADER } from './internal/internal-token.guard';
import { REDACTED_HEADERS, requestLine, responseLine } from './platform.module';

describe('request logging', () => {
  it('never writes a secret header to the log', () => {
    let line = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        line += chunk.toString('utf8');
        done();
      },
    });
    const logger = pino({ redact: REDACTED_HEADERS }, sink);
    logger.info(
      {
        req: {
          headers: {
            authorization: 'Bearer cpo_operator-secret',
            'x-api-key': 'cpx_office-secret',
            [INTERNAL_TOKEN_HEADER]: 'internal-secret',
            'user-agent': 'vendor/1.0',
            cookie: 'cpx_console=session-secret',
            'x-csrf-token': 'csrf-secret',
          },
        },
        res: { headers: { 'set-cookie': 'cpx_console=new-session-secret; Path=/; HttpOnly' } },
      },
      'request completed',
    );
    expect(line).toContain('vendor/1.0');
    expect(line).not.toMatch(/operator-secret|office-secret|internal-secret|session-secret|csrf-secret/);
  });
});

describe('the request log line', () => {
  it('says which request it was and how it ended, without the headers or the parsed query', () => {
    const line = requestLine({
      id: 'req-1',
      method: 'POST',
      url: '/v1/submissions?x=1',
      remoteAddress: '127.0.0.1',
      headers: { 'user-agent': 'vendor/1.0', 'x-api-key': 'cpx_office-secret', cookie: 'c=1' },
    });
    expect(line).toEqual({
      id: 'req-1',
      method: 'POST',
      url: '/v1/submissions?x=1',
      remoteAddress: '127.0.0.1',
      userAgent: 'vendor/1.0',
    });
    expect(responseLine({ statusCode: 202 })).toEqual({ statusCode: 202 });
  });
});
