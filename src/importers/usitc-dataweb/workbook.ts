/** A workbook as rows of cells: what the reader hands to the pure transform (and what test fixtures build by hand). */

/** One cell as the xlsx reader returns it; null is an empty cell. */
export type Cell = string | number | boolean | Date | null;

export interface Sheet {
  name: string;
  /** rows[0] is spreadsheet row 1. */
  rows: Cell[][];
}

export interface Workbook {
  /** The name used in error locations and reports (the file's base name). */
  file: string;
  /** sha256 of the file's bytes, hex. */
  sha256: string;
  sheets: Sheet[];
}

/** Spreadsheet column letters of a 0-based column index (0 → A, 26 → AA). */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
