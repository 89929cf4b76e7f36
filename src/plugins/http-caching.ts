import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { utcDay } from '../lib/dates.js';
import { addVary } from '../lib/vary.js';

declare module 'fastify' {
  interface FastifyRequest {
    etag: string | null;
  }
}

/** Figures change a few times a year; clients may reuse a response briefly, then revalidate cheaply with ETags. */
export const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** What a representation varies on: what addVary(reply, 'Accept', 'Accept-Encoding') writes when no Vary is set yet. */
const VARY = 'Accept, Accept-Encoding';

/** Bounds of the per-version response cache: entries and (UTF-8) body bytes, whichever is reached first. */
export const RESPONSE_CACHE_LIMITS = { maxEntries: 2_000, maxBytes: 32 * 1024 * 1024 } as const;

/** `"<version>.<hash>"`: the version tag has no '.', the base64url hash neither. */
function etagFor(version: string, representation: string): string {
  return `"${version}.${createHash('sha1').update(representation).digest('base64url').slice(0, 16)}"`;
}

/** The dataset version an ETag of etagFor() was made for. */
function versionOf(etag: string): string {
  return etag.slice(1, etag.lastIndexOf('.'));
}

function matches(ifNoneMatch: string, etag: string): boolean {
  // If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

type HeaderValue = string | number | string[];

/** A 200 response as the route produced it: the serialized body and the headers the route itself set. */
interface CachedResponse {
  body: Buffer;
  headers: [string, HeaderValue][];
  bytes: number;
}

/**
 * Serialized 200 bodies by ETag, for the dataset version being served. An ETag already names the version, the URL,
 * the representation and the content coding, so the same ETag always means the same bytes; a version change
 * empties the cache (old ETags can never be asked for again). Least recently used entries go first (approximately:
 * a hit only moves an entry to the young end once it has drifted into the older half, so hot entries are not
 * re-inserted on every request).
 */
export class ResponseCache {
  readonly #entries = new Map<string, { entry: CachedResponse; touched: number }>();
  #bytes = 0;
  #clock = 0;
  #version: string | null = null;

  constructor(
    readonly maxEntries: number = RESPONSE_CACHE_LIMITS.maxEntries,
    readonly maxBytes: number = RESPONSE_CACHE_LIMITS.maxBytes,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Forgets every entry when the dataset version is not the one the cache holds. */
  sync(version: string): void {
    if (version === this.#version) return;
    this.clear();
    this.#version = version;
  }

  get(etag: string): CachedResponse | undefined {
    const slot = this.#entries.get(etag);
    if (slot === undefined) return undefined;
    if (this.#clock - slot.touched >= this.#entries.size / 2) {
      // Map iteration order is insertion order: re-inserting makes it the most recently used.
      this.#entries.delete(etag);
      slot.touched = ++this.#clock;
      this.#entries.set(etag, slot);
    }
    return slot.entry;
  }

  /** Stores a response produced under `version`; ignored if the cache has moved on to another version. */
  set(version: string, etag: string, entry: CachedResponse): void {
    if (version !== this.#version || entry.bytes > this.maxBytes) return;
    const previous = this.#entries.get(etag);
    if (previous !== undefined) {
      this.#entries.delete(etag);
      this.#bytes -= previous.entry.bytes;
    }
    this.#entries.set(etag, { entry, touched: ++this.#clock });
    this.#bytes += entry.bytes;
    for (const [oldest, evicted] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= evicted.entry.bytes;
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Serialized GET responses of the current dataset version (see http-caching). */
    responseCache: ResponseCache;
  }
}

/** What a cache miss remembers until its response is serialized. */
interface Capture {
  version: string;
  etag: string;
  /** The reply's headers once the request had passed every onRequest hook, before the route ran. */
  before: Record<string, unknown>;
}

/** The payload is already the final bytes: skip the route's serializer (and its response validation). */
const asIs = (payload: unknown) => payload as string;

/**
 * Bodies are kept and sent as Buffers, encoded once: Node writes a large string (a two-byte one especially, as
 * any body with a '…' or '’' is) many times slower than the same bytes as a Buffer (about 1.8 ms against 0.1 ms
 * for the 65 KB scenario answer on the benchmark machine).
 */
const toBytes = (text: string) => Buffer.from(text, 'utf8');

/** Headers the route's handler (or a hook after onRequest) set or changed: what a replay must set again. */
function routeHeaders(before: Record<string, unknown>, after: Record<string, unknown>): [string, HeaderValue][] {
  const changed: [string, HeaderValue][] = [];
  for (const [name, value] of Object.entries(after)) {
    if (value === undefined || before[name] === value) continue;
    changed.push([name, Array.isArray(value) ? [...(value as string[])] : (value as string | number)]);
  }
  return changed;
}

/**
 * Strong ETags derived from the dataset version and the representation (URL, media type, content coding),
 * so an unchanged resource is answered with 304 before any work is done, and any write changes every ETag.
 *
 * Results only change when the dataset version does, so a GET's serialized 200 body is also kept per ETag and
 * replayed as bytes: no handler, no query validation, no response validation, no JSON.stringify. The replay happens
 * in preParsing, after every onRequest hook (security headers, CORS, rate limiting and its headers, request id),
 * and goes out through the same onSend hooks (compression, ETag, Cache-Control, Vary, deprecation) and onResponse
 * (metrics) as the first response; the headers the route set (content type, Link) are recorded with the body.
 * Only what the route serializer produced for a 200 is stored, so errors are never replayed. HEAD requests and
 * If-None-Match revalidations (304) keep their own paths.
 *
 * The same identity trick serves responses that are not GETs: a service that memoizes its result per dataset
 * version (the disruption scenarios) returns the very same object for the same request, and its serialized bytes
 * are remembered per object and route, so a repeated POST skips response validation and serialization too.
 * (This relies on memoized results never being mutated once returned, which the services already rely on.)
 */
export function createCaching(app: FastifyInstance) {
  app.decorateRequest('etag', null);
  const cache = new ResponseCache();
  app.decorate('responseCache', cache);
  const captures = new WeakMap<FastifyRequest, Capture>();
  const serialized = new WeakMap<object, { route: string; body: Buffer }>();

  // ETags by representation for the current version: hashing is the costly part of a cached read's ETag.
  const etags = new Map<string, string>();
  let etagsVersion = '';
  const etagOf = (version: string, representation: string): string => {
    if (version !== etagsVersion) {
      etags.clear();
      etagsVersion = version;
    }
    let etag = etags.get(representation);
    if (etag === undefined) {
      etag = etagFor(version, representation);
      if (etags.size >= RESPONSE_CACHE_LIMITS.maxEntries * 4) etags.clear();
      etags.set(representation, etag);
    }
    return etag;
  };

  // Today's UTC day, formatted once per day rather than once per request.
  let day = '';
  let dayFrom = 0;
  let dayTo = -1;
  const today = (): string => {
    const now = app.now();
    const time = now.getTime();
    if (time < dayFrom || time >= dayTo) {
      day = utcDay(now);
      dayFrom = Date.parse(`${day}T00:00:00Z`);
      dayTo = dayFrom + 86_400_000;
    }
    return day;
  };

  /**
   * The ETag of a GET or HEAD (onRequest), and the 304 when `If-None-Match` matches it: true when answered.
   * May throw (the snapshot could not be read).
   */
  function check(request: FastifyRequest, reply: FastifyReply): boolean {
    // The request's own snapshot: the handler answers from the same one, so the ETag names the body's version.
    const version = request.snapshot.version;
    // Today's date is part of every representation: answers that default to "as of today" (export controls) change
    // at midnight UTC without a new dataset version, so their ETags and cached bodies must change with the day.
    const representation = `${request.url}\n${request.representation}\n${request.headers['accept-encoding'] ?? ''}\n${today()}`;
    request.etag = etagOf(version, representation);
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && matches(ifNoneMatch, request.etag)) {
      reply.header('etag', request.etag).header('cache-control', CACHE_CONTROL);
      addVary(reply, 'Accept', 'Accept-Encoding');
      reply.code(304).send();
      return true;
    }
    if (request.method === 'GET') cache.sync(version);
    return false;
  }

  /** A cached 200 for this GET's ETag sent as stored bytes (preParsing): true when answered. */
  function replay(request: FastifyRequest, reply: FastifyReply): boolean {
    const etag = request.etag;
    if (!etag) return false;
    const hit = cache.get(etag);
    if (hit === undefined) {
      captures.set(request, { version: versionOf(etag), etag, before: reply.getHeaders() });
      return false;
    }
    for (const [name, value] of hit.headers) reply.header(name, value);
    reply.code(200).send(hit.body);
    return true;
  }

  /** The bytes to send for a 200 (stored for replay on a cache miss), or the payload untouched. */
  function finalBody(request: FastifyRequest, reply: FastifyReply, payload: unknown, route: string): unknown {
    if (reply.statusCode !== 200) return payload;
    let body: Buffer;
    if (typeof payload === 'string') {
      // Rendered as CSV by http-representation, which set its own pass-through serializer.
      if (request.representation !== 'csv') return payload;
      body = toBytes(payload);
    } else {
      if (payload === null || typeof payload !== 'object') return payload;
      const known = serialized.get(payload);
      if (known !== undefined && known.route === route) {
        body = known.body;
      } else {
        let text: unknown;
        try {
          text = reply.serialize(payload);
        } catch {
          // Let Fastify serialize it again and report the error the usual way.
          return payload;
        }
        if (typeof text !== 'string') return payload;
        body = toBytes(text);
        serialized.set(payload, { route, body });
      }
      reply.serializer(asIs);
    }
    const capture = captures.get(request);
    if (capture !== undefined) {
      captures.delete(request);
      // Handlers answer from request.snapshot, the ETag's version; one that reads the database itself (the change
      // feed) may have seen a newer version, whose body is not stored under this ETag.
      if (app.dataset.current().version === capture.version) {
        cache.set(capture.version, capture.etag, {
          body,
          headers: routeHeaders(capture.before, reply.getHeaders()),
          bytes: body.length,
        });
      }
    }
    return body;
  }

  /** ETag, Cache-Control and Vary on a 200 that has an ETag (onSend); `If-None-Match: *` turns it into a 304. */
  function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
    if (request.etag && reply.statusCode === 200) {
      reply.header('etag', request.etag).header('cache-control', CACHE_CONTROL);
      if (reply.getHeader('vary') === undefined) reply.header('vary', VARY);
      else addVary(reply, 'Accept', 'Accept-Encoding');
      // `If-None-Match: *` holds when the resource has a current representation (RFC 9110 §13.1.2), which only a
      // 200 proves: answered in onRequest, it turned a 400 or a 404 into a 304.
      if (request.headers['if-none-match']?.trim() === '*') {
        // null, not '': Fastify would send `Content-Length: 0`, which a 304 must not carry (RFC 9110 §8.6).
        // Compression cannot have started: the edge puts this onSend ahead of @fastify/compress's.
        reply.code(304).removeHeader('content-type').removeHeader('content-encoding').removeHeader('content-length');
        return null;
      }
    }
    return payload;
  }

  return { check, replay, finalBody, onSend };
}

export type Caching = ReturnType<typeof createCaching>;
