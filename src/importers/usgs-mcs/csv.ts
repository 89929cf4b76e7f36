import { ImportError } from '../shared/errors.js';

/** One CSV record with the physical line (1-based) on which it starts; quoted fields may span lines. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 reader that keeps physical line numbers (the header is line 1). Accepts LF and CRLF line ends; a
 * quote inside an unquoted field, or text after a closing quote, is refused with file:line.
 */
export function readCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) throw new ImportError(file, start, 'unterminated quoted field');
          const chunk = text.slice(i, close);
          for (let k = chunk.indexOf('\n'); k !== -1; k = chunk.indexOf('\n', k + 1)) line++;
          value += chunk;
          if (text[close + 1] === '"') {
            value += '"';
            i = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new ImportError(file, line, `text after a closing quote: ${JSON.stringify(text.slice(i, i + 20))}`);
        }
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        value = text.slice(i, j);
        if (value.includes('"')) throw new ImportError(file, line, `quote inside an unquoted field: ${JSON.stringify(value)}`);
        i = j;
      }
      fields.push(value);
      if (i >= n) break;
      if (text[i] === ',') {
        i++;
        continue;
      }
      // end of record
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}
