import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../errors.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  rows: T[];
  /** Opaque cursor for the next page, or null on the last page. */
  next: string | null;
  /** Rows matching the filters across all pages. */
  total: number;
}

type Key = string | number;

interface CursorPayload {
  /** The key of the last row already returned. */
  after: Key;
  /** Which collection and filters the cursor belongs to. */
  scope: string;
}

/**
 * Keyset paging over rows sorted by a unique, ascending key: a page starts strictly after the last key seen,
 * so rows inserted or removed between requests never make a row repeat or vanish from later pages.
 * Cursors are signed, so a tampered or foreign cursor is refused rather than silently misread.
 */
export function createPaginator(secret: string) {
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22);

  function encode(payload: CursorPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${sign(body)}`;
  }

  function decode(cursor: string, scope: string): CursorPayload {
    const invalid = () =>
      new ValidationError('The cursor is not valid for this request.', [
        { field: 'querystring.cursor', message: 'invalid or tampered cursor; start again without one' },
      ]);
    // Exactly `body.signature`: anything appended to a valid cursor is tampering too.
    const parts = cursor.split('.');
    if (parts.length !== 2) throw invalid();
    const [body, signature] = parts;
    if (!body || !signature) throw invalid();
    const expected = Buffer.from(sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    let payload: CursorPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorPayload;
    } catch {
      throw invalid();
    }
    if (payload.scope !== scope || (typeof payload.after !== 'string' && typeof payload.after !== 'number')) {
      throw invalid();
    }
    return payload;
  }

  /**
   * Keyset paging where the rows come from a query (the trade store): `fetch(after, limit + 1)` returns the rows whose
   * key is after the cursor's (all from the start without one), in key order; `total` counts every matching row.
   */
  function pageByQuery<T>(
    fetch: (after: Key | null, limit: number) => T[],
    keyOf: (row: T) => Key,
    total: number,
    request: PageRequest,
    scope: string,
  ): Page<T> {
    const after = request.cursor === undefined ? null : decode(request.cursor, scope).after;
    const fetched = fetch(after, request.limit + 1);
    const pageRows = fetched.slice(0, request.limit);
    const last = pageRows.at(-1);
    return {
      rows: pageRows,
      next: fetched.length > request.limit && last !== undefined ? encode({ after: keyOf(last), scope }) : null,
      total,
    };
  }

  function paginate<T>(rows: readonly T[], keyOf: (row: T) => Key, request: PageRequest, scope: string): Page<T> {
    let start = 0;
    if (request.cursor !== undefined) {
      const { after } = decode(request.cursor, scope);
      start = rows.findIndex((row) => keyOf(row) > after);
      if (start === -1) start = rows.length;
    }
    const pageRows = rows.slice(start, start + request.limit);
    const last = pageRows.at(-1);
    const hasMore = start + request.limit < rows.length;
    return {
      rows: pageRows,
      next: hasMore && last !== undefined ? encode({ after: keyOf(last), scope }) : null,
      total: rows.length,
    };
  }
  return Object.assign(paginate, { byQuery: pageByQuery });
}

export type Paginate = ReturnType<typeof createPaginator>;
