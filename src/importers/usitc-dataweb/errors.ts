import { ImportError as PipelineImportError } from '../shared/errors.js';

/**
 * A workbook (or the heading map) that does not match the importer's tables. The location reads like file:line for a
 * spreadsheet: `file:sheet:row` (row numbers as Excel shows them, 1-based), or `file:line` for the CSV heading map.
 * It is the pipeline's ImportError, so `npm run data:build` refuses the build with it like any other.
 */
export class ImportError extends PipelineImportError {
  constructor(
    file: string,
    readonly sheet: string | null,
    readonly row: number | null,
    detail: string,
  ) {
    super(sheet === null ? file : `${file}:${sheet}`, row, detail);
  }
}
