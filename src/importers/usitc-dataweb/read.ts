/** The reader's edge: the bytes of an .xlsx file → a Workbook of cells (read-excel-file), with their sha256. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { ImportError } from './errors.js';
import type { Cell, Workbook } from './workbook.js';

/** Every sheet of a workbook's bytes; `name` is how errors and reports call the file. */
export async function readWorkbook(bytes: Buffer, name: string): Promise<Workbook> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let sheets;
  try {
    sheets = await readXlsxFile(bytes);
  } catch (caught) {
    throw new ImportError(name, null, null, `not a readable .xlsx workbook: ${caught instanceof Error ? caught.message : String(caught)}`);
  }
  // The reader's cell type names Date's constructor where it means a Date value.
  return { file: name, sha256, sheets: sheets.map((sheet) => ({ name: sheet.sheet, rows: sheet.data as unknown as Cell[][] })) };
}

/** An .xlsx file on disk (tests and fixtures); `name` defaults to its base name. */
export async function readWorkbookFile(filePath: string, name = path.basename(filePath)): Promise<Workbook> {
  return readWorkbook(await readFile(filePath), name);
}
