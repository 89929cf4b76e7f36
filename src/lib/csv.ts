import { stringify } from 'csv-stringify/sync';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';

type Flat = Record<string, string | number | boolean>;

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Nested objects become named columns (`source.id` → `source_id`); lists of values are joined with "; ". */
function flatten(value: unknown, prefix: string, out: Flat): void {
  if (value === null || value === undefined) {
    out[prefix] = '';
  } else if (Array.isArray(value)) {
    out[prefix] = value.every(isPrimitive) ? value.join('; ') : JSON.stringify(value);
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}_${key}` : key, out);
  } else {
    out[prefix] = value as string | number | boolean;
  }
}

/** RFC 4180 CSV with a header row and CRLF line ends; columns are the union of every row's fields, in first-seen order. */
export function toCsv(rows: readonly unknown[], emptyColumns: readonly string[] = []): string {
  const flatRows = rows.map((row) => {
    const out: Flat = {};
    flatten(row, '', out);
    return out;
  });
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of flatRows) {
    for (const column of Object.keys(row)) {
      if (!seen.has(column)) {
        seen.add(column);
        columns.push(column);
      }
    }
  }
  if (columns.length === 0) columns.push(...emptyColumns);
  if (columns.length === 0) return '\r\n';
  return stringify(flatRows, {
    header: true,
    columns,
    record_delimiter: 'windows',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}

interface SchemaLike {
  shape?: Record<string, SchemaLike>;
  unwrap?: () => SchemaLike;
  def?: { type?: string };
}

/** Column names a zod object schema flattens to, so an empty result still has its header row. */
export function columnsOfSchema(schema: SchemaLike | undefined, prefix = ''): string[] {
  let current = schema;
  while (current && (current.def?.type === 'nullable' || current.def?.type === 'optional') && current.unwrap) {
    current = current.unwrap();
  }
  if (!current?.shape || current.def?.type !== 'object') return prefix ? [prefix] : [];
  return Object.entries(current.shape).flatMap(([key, child]) => columnsOfSchema(child, prefix ? `${prefix}_${key}` : key));
}
