import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiKey } from '../../config.js';
import { AppError } from '../../errors.js';

export interface WriteGuardOptions {
  /** Configured keys: names and SHA-256 hashes only. */
  apiKeys: readonly ApiKey[];
  /** A read-only replica refuses every write. */
  readOnly: boolean;
}

const REALM = 'Bearer realm="chokepoint"';

/** `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 9110 §11.1). */
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Returns the name of the key whose hash equals the presented token's, or null. Every configured hash is
 * compared, in constant time each, whether or not an earlier one matched: the time taken does not depend on
 * which key (if any) matches, and the secrets themselves are never held.
 */
export function createKeyMatcher(apiKeys: readonly ApiKey[]): (token: string) => string | null {
  const keys = apiKeys.map((key) => ({ name: key.name, digest: Buffer.from(key.sha256, 'hex') }));
  return (token) => {
    const digest = createHash('sha256').update(token, 'utf8').digest();
    let matched: string | null = null;
    for (const key of keys) {
      const equal = timingSafeEqual(digest, key.digest);
      matched = equal ? key.name : matched;
    }
    return matched;
  };
}

function unauthorized(detail: string, challenge: string): AppError {
  return new AppError('unauthorized', detail, undefined, { 'www-authenticate': challenge });
}

/**
 * The gate in front of every write route, run as the route's onRequest hook — before the body is parsed or
 * validated, so an unauthenticated caller learns nothing about the payload and costs no parsing:
 * read-only replica or no API_KEYS → 403; missing, malformed or unknown key → 401 with `WWW-Authenticate`.
 * `actorOf(request)` then gives the key's name for the change feed.
 */
export function createWriteGuard(options: WriteGuardOptions) {
  const match = createKeyMatcher(options.apiKeys);
  const actors = new WeakMap<FastifyRequest, string>();

  async function authenticate(request: FastifyRequest): Promise<void> {
    if (options.readOnly) {
      throw new AppError(
        'forbidden',
        'Writes are disabled: this instance is a read-only replica (READ_ONLY=true); send writes to the primary.',
      );
    }
    if (options.apiKeys.length === 0) {
      throw new AppError('forbidden', 'Writes are disabled: no API_KEYS configured on this server. Reads stay open.');
    }
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === '') {
      throw unauthorized('This write needs an API key: send `Authorization: Bearer <key>`.', REALM);
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) {
      throw unauthorized('The Authorization header must be `Bearer <key>`.', `${REALM}, error="invalid_request"`);
    }
    const name = match(token);
    if (name === null) {
      throw unauthorized('The API key is not valid.', `${REALM}, error="invalid_token"`);
    }
    actors.set(request, name);
  }

  return {
    authenticate,
    /** The name of the key that authenticated this request. */
    actorOf(request: FastifyRequest): string {
      const actor = actors.get(request);
      if (actor === undefined) throw new Error('the write guard did not run for this route');
      return actor;
    },
  };
}
