import { VALUE_CODES, VALUE_TEXTS, type ValueCode } from './tables.js';

/** A published Value cell, read exactly: a number (maybe a bound), a USGS code, zero (`—`) or a text figure. */
export type PublishedValue =
  | { kind: 'number'; decimal: string; bound: 'eq' | 'gt' | 'lt' }
  | { kind: 'zero' }
  | { kind: 'code'; code: ValueCode }
  | { kind: 'text'; text: string };

const NUMBER = /^([<>]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;

/** null when the cell is none of the published forms (the caller reports file:line). */
export function parseValue(cell: string): PublishedValue | null {
  if (cell === '—') return { kind: 'zero' };
  if ((VALUE_CODES as readonly string[]).includes(cell)) return { kind: 'code', code: cell as ValueCode };
  if ((VALUE_TEXTS as readonly string[]).includes(cell)) return { kind: 'text', text: cell };
  const match = NUMBER.exec(cell);
  if (!match) return null;
  const bound = match[1] === '>' ? 'gt' : match[1] === '<' ? 'lt' : 'eq';
  return { kind: 'number', decimal: normalise(`${(match[2] ?? '').replaceAll(',', '')}${match[3] ?? ''}`), bound };
}

/** Exact decimal scaling by a power of ten (kilograms → t is -3, thousand t → t is +3): no binary rounding. */
export function scaleDecimal(decimal: string, powerOfTen: number): string {
  const [whole = '0', fraction = ''] = decimal.split('.');
  let digits = whole + fraction;
  let point = whole.length + powerOfTen;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  return normalise(`${digits.slice(0, point) || '0'}.${digits.slice(point)}`);
}

function normalise(decimal: string): string {
  let [whole = '0', fraction = ''] = decimal.split('.');
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}
