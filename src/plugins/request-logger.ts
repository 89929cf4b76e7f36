import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>;
type Bindings = Parameters<ChildLoggerFactory>[1];
type ChildOptions = Parameters<ChildLoggerFactory>[2];

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
const BINDINGS = Symbol('bindings');
const OPTIONS = Symbol('options');
const CHILD = Symbol('child');

interface Deferred extends FastifyBaseLogger {
  [BINDINGS]: Bindings;
  [OPTIONS]: ChildOptions;
  [CHILD]: FastifyBaseLogger | undefined;
}

/** The request's real child logger, made on first use. */
function materialize(deferred: Deferred, parent: FastifyBaseLogger): FastifyBaseLogger {
  deferred[CHILD] ??= parent.child(deferred[BINDINGS], deferred[OPTIONS]);
  return deferred[CHILD];
}

/** Per parent logger, the prototype of its deferred children, for the parent's level when it was built. */
const prototypes = new WeakMap<FastifyBaseLogger, { level: string; prototype: FastifyBaseLogger }>();

function prototypeFor(parent: FastifyBaseLogger): FastifyBaseLogger {
  const known = prototypes.get(parent);
  if (known !== undefined && known.level === parent.level) return known.prototype;
  // Everything not overridden (level, isLevelEnabled, the disabled levels' no-ops) is the parent's, as it is for a
  // pino child; what logs or needs the bindings goes through the real child.
  const prototype = Object.create(parent) as Record<string, unknown>;
  for (const level of LEVELS) {
    if (!(parent as FastifyBaseLogger & { isLevelEnabled(level: string): boolean }).isLevelEnabled(level)) continue;
    prototype[level] = function log(this: Deferred, ...args: unknown[]) {
      return (materialize(this, parent)[level] as (...values: unknown[]) => void)(...args);
    };
  }
  prototype.child = function child(this: Deferred, ...args: Parameters<FastifyBaseLogger['child']>) {
    return materialize(this, parent).child(...args);
  };
  prototype.bindings = function bindings(this: Deferred) {
    return (materialize(this, parent) as FastifyBaseLogger & { bindings(): Bindings }).bindings();
  };
  const entry = { level: parent.level, prototype: prototype as unknown as FastifyBaseLogger };
  prototypes.set(parent, entry);
  return entry.prototype;
}

/**
 * Fastify's `childLoggerFactory`: the request's logger (request.log, with its `reqId` binding) is a pino child made
 * only when something is logged through it. pino serializes a child's bindings as it makes it, on every request;
 * at LOG_LEVEL=warn most requests never log (profiled: a measurable share of a cached read). A route with its own
 * log level or serializers gets its real child at once.
 */
export const deferredChildLogger: ChildLoggerFactory = function deferredChildLogger(logger, bindings, options) {
  if (options.level !== undefined || options.serializers !== undefined) return logger.child(bindings, options);
  const deferred = Object.create(prototypeFor(logger)) as Deferred;
  deferred[BINDINGS] = bindings;
  deferred[OPTIONS] = options;
  deferred[CHILD] = undefined;
  return deferred;
};
