/** request.log made on first use: the same lines as pino's own child, and no child made when nothing is logged. */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { deferredChildLogger } from '../../src/plugins/request-logger.js';

function logger(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  const root = pino({ level, base: null, timestamp: false, redact: { paths: ['authorization'], censor: '[redacted]' } }, stream);
  return { root, lines };
}

/** The factory as Fastify calls it (its `this`, the server, is not read). */
const childOf = (root: pino.Logger, bindings: Record<string, string>, options: { level?: string } = {}) =>
  deferredChildLogger.call({} as never, root, bindings, options, {} as never);

const withoutTime = (line: Record<string, unknown>) => ({ ...line, time: undefined });

describe('deferredChildLogger', () => {
  it('logs the same lines as a pino child, bindings and redaction included', () => {
    const deferred = logger('info');
    const eager = logger('info');
    for (const { root, lines } of [deferred, eager]) {
      const child = root === deferred.root ? childOf(root, { reqId: 'r-1' }) : root.child({ reqId: 'r-1' }, {});
      child.debug('hidden');
      child.info({ authorization: 'Bearer secret' }, 'incoming request');
      child.child({ part: 'x' }).warn('nested');
      child.error(new Error('boom'), 'failed');
      expect(lines.length).toBe(3);
    }
    expect(deferred.lines.map(withoutTime)).toEqual(eager.lines.map(withoutTime));
    expect(deferred.lines[0]).toMatchObject({ reqId: 'r-1', authorization: '[redacted]', msg: 'incoming request' });
    expect(deferred.lines[1]).toMatchObject({ reqId: 'r-1', part: 'x', msg: 'nested' });
  });

  it('makes no pino child until something is logged, and answers level and bindings like one', () => {
    const { root, lines } = logger('warn');
    let children = 0;
    const child = root.child.bind(root);
    root.child = ((...args: Parameters<typeof child>) => {
      children += 1;
      return child(...args);
    }) as typeof root.child;
    const log = childOf(root, { reqId: 'r-2' });
    log.info('not at warn');
    log.debug('nor this');
    expect(children).toBe(0);
    expect(log.level).toBe('warn');
    expect((log as unknown as { isLevelEnabled(level: string): boolean }).isLevelEnabled('info')).toBe(false);
    expect((log as unknown as { bindings(): unknown }).bindings()).toEqual({ reqId: 'r-2' });
    log.warn('logged');
    log.error('and this');
    expect(children).toBe(1);
    expect(lines.map((line) => [line.reqId, line.msg])).toEqual([
      ['r-2', 'logged'],
      ['r-2', 'and this'],
    ]);
  });

  it('gives a route with its own level its real child at once', () => {
    const { root, lines } = logger('warn');
    const log = childOf(root, { reqId: 'r-3' }, { level: 'info' });
    log.info('route logs at info');
    expect(lines.map((line) => [line.reqId, line.msg])).toEqual([['r-3', 'route logs at info']]);
  });
});
