/**
 * The pure transform: a DataWeb workbook (rows of cells) → trade flow rows and quantity rows, or a refusal of the
 * whole file. No I/O here; read.ts hands the workbook in.
 *
 * A flow row is one heading, partner, year and period: the value in U.S. dollars, summed over the value lines of
 * every unit of quantity (DataWeb splits a heading's value by the unit its tariff lines are counted in). A quantity
 * row is one unit of quantity of that flow, never added to another unit: the quantity, its suppression flag and, for
 * first units, the value of the lines counted in that unit (their sum is the flow's value).
 */
import { ImportError } from './errors.js';
import type { HeadingMap } from './headings.js';
import {
  COUNT_ROW,
  FIRST_DATA_ROW,
  FIXED_COLUMNS,
  FLOW_LAYOUTS,
  FLOWS,
  HEADER_ROW,
  PARTNERS,
  QUANTITY_NAMES,
  QUERY_DOWNLOAD_LABEL,
  QUERY_FLOW_LABEL,
  QUERY_SHEET,
  REPORTER,
  ROW_COUNT_LABEL,
  SUPPRESSED_COLUMN_SUFFIX,
  TITLE_MONTHS_PREFIX,
  TITLE_ROW,
  TOTAL_LABEL,
  UNITS,
  VALUE_UNIT_PREFIX,
  YTD_COLUMN_SUFFIX,
  YTD_SHEET_SUFFIX,
  sourceId,
  type EditionSpec,
  type Flow,
  type Measure,
} from './tables.js';
import { columnLetters, type Cell, type Sheet, type Workbook } from './workbook.js';

export interface FlowKey {
  reporter: string;
  flow: Flow;
  hts: string;
  /** ISO3 of the partner country. */
  partner: string;
  year: number;
  /** 'year' (a full calendar year) or the edition's year-to-date months ('jan-apr'). */
  period: string;
}

export interface TradeFlowRow extends FlowKey {
  /** Customs value (imports) or FAS value (exports), U.S. dollars; null when a value line's cell is empty. */
  valueUsd: number | null;
  edition: string;
  source: string;
}

export interface TradeQuantityRow extends FlowKey {
  /** DataWeb's first or second unit of quantity. */
  measure: 'first' | 'second';
  unit: string;
  /** Null: no quantity is collected for the lines, the cell is empty, or Census withheld all of it. */
  quantity: number | null;
  /** Census withheld some records' quantity: the figure is a lower bound (or empty when nothing was left). */
  suppressed: boolean;
  /** First units: the value of the lines counted in this unit. Second units: null (their value is in the first). */
  valueUsd: number | null;
  /** The flow row with the same key cites the source. */
  edition: string;
}

export interface ImportReport {
  file: string;
  flow: Flow;
  edition: string;
  sha256: string;
  /** The Query Parameters sheet's download time (ISO 8601), when it is a date. */
  downloaded: string | null;
  /** Data rows (lines) per sheet. */
  sheets: { sheet: string; lines: number }[];
  flows: number;
  quantities: number;
  /** Flow rows whose value is a recorded 0 (kept: the file prints the line, and 0 is a figure). */
  zeroValueFlows: number;
  suppressedQuantities: number;
  /** Suppressed quantities printed as 0: written empty, since Census withheld them rather than counted none. */
  withheldQuantities: number;
  /** What was not read, and why. */
  skipped: string[];
}

export interface TradeImport {
  flows: TradeFlowRow[];
  quantities: TradeQuantityRow[];
  report: ImportReport;
}

type PeriodKind = 'year' | 'ytd';

interface SheetSpec {
  name: string;
  measure: Measure;
  kind: PeriodKind;
  header: string[];
  /** Every year column, and which of them become rows (the full-year sheets' partial-year column does not). */
  years: { year: number; column: number; suppressedColumn: number | null; emitted: boolean }[];
}

/** One data row of a sheet: a heading, partner and unit, with its figures per year column. */
interface Line {
  row: number;
  partner: string;
  hts: string;
  /** DataWeb's unit text ("kilograms"; value sheets without their "Value for: " prefix). */
  unit: string;
  figures: (number | null)[];
  suppressed: boolean[];
}

const titleOf = (flow: Flow, edition: EditionSpec): string => `${FLOW_LAYOUTS[flow].title}${TITLE_MONTHS_PREFIX}${edition.monthsTitle}`;

function sheetSpecs(flow: Flow, edition: EditionSpec): SheetSpec[] {
  const names: Record<Measure, string> = { value: FLOW_LAYOUTS[flow].valueName, ...QUANTITY_NAMES };
  const years: number[] = [];
  for (let year = edition.firstYear; year <= edition.partialYear; year++) years.push(year);
  return (['value', 'first', 'second'] as const).flatMap((measure) =>
    (['year', 'ytd'] as const).map((kind) => {
      const labels = years.map((year) => (kind === 'ytd' ? `${year}${YTD_COLUMN_SUFFIX}` : `${year}`));
      const flagged = measure !== 'value';
      const header = [...FIXED_COLUMNS, ...labels, ...(flagged ? labels.map((label) => label + SUPPRESSED_COLUMN_SUFFIX) : [])];
      return {
        name: names[measure] + (kind === 'ytd' ? YTD_SHEET_SUFFIX : ''),
        measure,
        kind,
        header,
        years: years.map((year, i) => ({
          year,
          column: FIXED_COLUMNS.length + i,
          suppressedColumn: flagged ? FIXED_COLUMNS.length + years.length + i : null,
          emitted: kind === 'ytd' || year <= edition.lastFullYear,
        })),
      };
    }),
  );
}

const text = (cell: Cell | undefined): string =>
  typeof cell === 'string' ? cell.trim() : cell === null || cell === undefined ? '' : String(cell);

/** A whole, non-negative number; null for an empty cell; undefined for anything else. */
function figure(cell: Cell | undefined): number | null | undefined {
  if (cell === null || cell === undefined) return null;
  return typeof cell === 'number' && Number.isSafeInteger(cell) && cell >= 0 ? cell : undefined;
}

/** Totals are printed as text with thousands separators ("2,497,711,093"). */
function totalFigure(cell: Cell | undefined): number | undefined {
  if (typeof cell === 'string' && /^\d{1,3}(,\d{3})*$/.test(cell.trim())) return Number(cell.trim().replaceAll(',', ''));
  return figure(cell) ?? undefined;
}

class SheetReader {
  constructor(
    private readonly file: string,
    private readonly sheet: Sheet,
    private readonly spec: SheetSpec,
    private readonly expectedTitle: string,
    private readonly dataType: string,
    private readonly headings: HeadingMap,
  ) {}

  private fail(row: number | null, detail: string): never {
    throw new ImportError(this.file, this.sheet.name, row, detail);
  }

  private cellName(column: number): string {
    return `column ${columnLetters(column)} ${JSON.stringify(this.spec.header[column] ?? '')}`;
  }

  private requireEmptyAfter(cells: Cell[], width: number, row: number): void {
    const extra = cells.findIndex((cell, i) => i >= width && cell !== null && text(cell) !== '');
    if (extra !== -1)
      this.fail(row, `unexpected ${JSON.stringify(text(cells[extra]))} in column ${columnLetters(extra)}, outside the known columns`);
  }

  lines(): Line[] {
    const rows = this.sheet.rows;
    const title = text(rows[TITLE_ROW - 1]?.[0]);
    if (title !== this.expectedTitle)
      this.fail(TITLE_ROW, `title ${JSON.stringify(title)}, expected ${JSON.stringify(this.expectedTitle)}`);
    const countRow = rows[COUNT_ROW - 1] ?? [];
    const declared = figure(countRow[1]);
    if (text(countRow[0]) !== ROW_COUNT_LABEL || typeof declared !== 'number') {
      this.fail(COUNT_ROW, `expected "${ROW_COUNT_LABEL}" and a number, found ${JSON.stringify(countRow.slice(0, 2).map(text))}`);
    }
    const header = (rows[HEADER_ROW - 1] ?? []).map(text);
    const unknown = this.spec.header.findIndex((label, i) => header[i] !== label);
    if (unknown !== -1 || header.slice(this.spec.header.length).some((label) => label !== '')) {
      const at = unknown === -1 ? this.spec.header.length : unknown;
      this.fail(
        HEADER_ROW,
        `unknown header ${JSON.stringify(header[at] ?? '')} in column ${columnLetters(at)}, expected ${JSON.stringify(this.spec.header[at] ?? '(nothing)')}` +
          ' (a download with other years or columns is a new edition: see EDITIONS in src/importers/usitc-dataweb/tables.ts)',
      );
    }
    let end = rows.length;
    const last = rows[end - 1];
    const hasTotal = last !== undefined && text(last[0]) === TOTAL_LABEL;
    if (this.spec.measure === 'value' && !hasTotal)
      this.fail(rows.length, `the last row of a value sheet must be its "${TOTAL_LABEL}" row`);
    if (hasTotal) end--;
    const lines: Line[] = [];
    const seen = new Map<string, number>();
    for (let index = FIRST_DATA_ROW - 1; index < end; index++) {
      const line = this.line(rows[index] ?? [], index + 1);
      const key = `${line.partner}|${line.hts}|${line.unit}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        this.fail(line.row, `second row for ${line.partner} ${line.hts} ${JSON.stringify(line.unit)} (first on row ${earlier})`);
      seen.set(key, line.row);
      lines.push(line);
    }
    if (lines.length !== declared) this.fail(COUNT_ROW, `"${ROW_COUNT_LABEL}" says ${declared}, the sheet has ${lines.length} data rows`);
    if (hasTotal) this.checkTotal(rows[end] ?? [], end + 1, lines);
    return lines;
  }

  private line(cells: Cell[], row: number): Line {
    const dataType = text(cells[0]);
    if (dataType !== this.dataType) this.fail(row, `Data Type ${JSON.stringify(dataType)}, expected ${JSON.stringify(this.dataType)}`);
    const country = text(cells[1]);
    const partner = PARTNERS[country];
    if (partner === undefined)
      this.fail(row, `unknown partner ${JSON.stringify(country)} (add it to PARTNERS in src/importers/usitc-dataweb/tables.ts)`);
    const hts = text(cells[2]);
    const heading = this.headings.get(hts);
    if (heading === undefined) this.fail(row, `unknown heading ${JSON.stringify(hts)} (not in data/curated/hts_headings.csv)`);
    const description = text(cells[3]);
    if (description !== heading.description) {
      this.fail(
        row,
        `heading ${hts} is described as ${JSON.stringify(description)}; data/curated/hts_headings.csv has ${JSON.stringify(heading.description)}`,
      );
    }
    let unit = text(cells[4]);
    if (this.spec.measure === 'value') {
      if (!unit.startsWith(VALUE_UNIT_PREFIX))
        this.fail(row, `quantity description ${JSON.stringify(unit)} does not start with "${VALUE_UNIT_PREFIX}"`);
      unit = unit.slice(VALUE_UNIT_PREFIX.length);
    }
    if (UNITS[unit] === undefined)
      this.fail(row, `unknown unit ${JSON.stringify(unit)} (add it to UNITS in src/importers/usitc-dataweb/tables.ts)`);
    const figures: (number | null)[] = [];
    const suppressed: boolean[] = [];
    for (const { column, suppressedColumn } of this.spec.years) {
      const value = figure(cells[column]);
      if (value === undefined) this.fail(row, `${this.cellName(column)}: not a whole number ≥ 0: ${JSON.stringify(cells[column])}`);
      figures.push(value);
      if (suppressedColumn !== null) {
        const flag = figure(cells[suppressedColumn]);
        if (typeof flag !== 'number')
          this.fail(row, `${this.cellName(suppressedColumn)}: not a whole number ≥ 0: ${JSON.stringify(cells[suppressedColumn] ?? null)}`);
        suppressed.push(flag > 0);
      }
    }
    const unmeasured =
      this.spec.measure !== 'value' && !UNITS[unit]?.measured ? figures.find((value) => value !== null && value !== 0) : undefined;
    if (unmeasured !== undefined) this.fail(row, `a quantity (${unmeasured}) on a "${unit}" line`);
    this.requireEmptyAfter(cells, this.spec.header.length, row);
    return { row, partner, hts, unit, figures, suppressed };
  }

  /** The value sheets end with DataWeb's column totals: they must equal the rows' sum, or a figure was misread. */
  private checkTotal(cells: Cell[], row: number, lines: Line[]): void {
    this.spec.years.forEach(({ column }, i) => {
      const printed = totalFigure(cells[column]);
      if (printed === undefined) this.fail(row, `${this.cellName(column)}: total is not a number: ${JSON.stringify(cells[column])}`);
      const sum = lines.reduce((total, line) => total + (line.figures[i] ?? 0), 0);
      if (sum !== printed) this.fail(row, `${this.cellName(column)}: the total row says ${printed}, the rows add up to ${sum}`);
    });
  }
}

function identifyFlow(workbook: Workbook, edition: EditionSpec): Flow {
  const flow = FLOWS.find((candidate) => edition.files[candidate].sha256 === workbook.sha256);
  if (flow === undefined) {
    throw new ImportError(
      workbook.file,
      null,
      null,
      `sha256 ${workbook.sha256} is not a kept file of edition ${edition.id} (${FLOWS.map((f) => `${edition.files[f].file} ${edition.files[f].sha256}`).join(', ')}); ` +
        'a new download is a new edition: add it to EDITIONS in src/importers/usitc-dataweb/tables.ts',
    );
  }
  return flow;
}

/** Check the sheet set and the Query Parameters' trade flow; return the download time when it is a date. */
function checkQuery(workbook: Workbook, flow: Flow, specs: SheetSpec[]): string | null {
  const expected = new Set([QUERY_SHEET, ...specs.map((spec) => spec.name)]);
  for (const sheet of workbook.sheets) {
    if (!expected.has(sheet.name))
      throw new ImportError(workbook.file, sheet.name, null, `unknown sheet (expected ${[...expected].join(', ')})`);
  }
  for (const name of expected) {
    if (!workbook.sheets.some((sheet) => sheet.name === name)) throw new ImportError(workbook.file, name, null, 'sheet missing');
  }
  const query = workbook.sheets.find((sheet) => sheet.name === QUERY_SHEET) as Sheet;
  const flowRow = query.rows.findIndex((cells) => text(cells[0]) === QUERY_FLOW_LABEL);
  const declared = text(query.rows[flowRow]?.[1]);
  if (declared !== FLOW_LAYOUTS[flow].title) {
    throw new ImportError(
      workbook.file,
      QUERY_SHEET,
      flowRow === -1 ? null : flowRow + 1,
      `trade flow ${JSON.stringify(declared)}, but the sha256 is the edition's ${flow} file (${JSON.stringify(FLOW_LAYOUTS[flow].title)})`,
    );
  }
  const downloaded = query.rows.find((cells) => text(cells[0]) === QUERY_DOWNLOAD_LABEL)?.[1];
  return downloaded instanceof Date ? downloaded.toISOString() : null;
}

/** Refuse a line of one sheet whose counterpart (by `key`) the other sheet lacks, naming the line's row. */
function requireCounterparts(
  file: string,
  from: { spec: SheetSpec; lines: Line[] },
  to: { spec: SheetSpec; lines: Line[] },
  key: (line: Line) => string,
): void {
  const present = new Set(to.lines.map(key));
  const orphan = from.lines.find((line) => !present.has(key(line)));
  if (orphan !== undefined) {
    throw new ImportError(
      file,
      from.spec.name,
      orphan.row,
      `no "${to.spec.name}" row for ${orphan.partner} ${orphan.hts} ${JSON.stringify(orphan.unit)}`,
    );
  }
}

/** Lines by heading and partner (`partner|hts`), in file order. */
function groupByFlow(lines: Line[]): Map<string, Line[]> {
  const groups = new Map<string, Line[]>();
  for (const line of lines) {
    const key = `${line.partner}|${line.hts}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return groups;
}

/** Value lines and first-unit lines pair up one to one; a second unit belongs to a heading and partner with values. */
function pairLines(file: string, byMeasure: Record<Measure, { spec: SheetSpec; lines: Line[] }>): Map<string, Line> {
  const lineKey = (line: Line): string => `${line.partner}|${line.hts}|${line.unit}`;
  requireCounterparts(file, byMeasure.value, byMeasure.first, lineKey);
  requireCounterparts(file, byMeasure.first, byMeasure.value, lineKey);
  const valuesOf = new Set(byMeasure.value.lines.map((line) => `${line.partner}|${line.hts}`));
  const orphan = byMeasure.second.lines.find((line) => !valuesOf.has(`${line.partner}|${line.hts}`));
  if (orphan !== undefined) {
    throw new ImportError(
      file,
      byMeasure.second.spec.name,
      orphan.row,
      `no "${byMeasure.value.spec.name}" rows for ${orphan.partner} ${orphan.hts}`,
    );
  }
  return new Map(byMeasure.first.lines.map((line) => [lineKey(line), line]));
}

export function transform(workbook: Workbook, headings: HeadingMap, edition: EditionSpec): TradeImport {
  const flow = identifyFlow(workbook, edition);
  const specs = sheetSpecs(flow, edition);
  const downloaded = checkQuery(workbook, flow, specs);
  const title = titleOf(flow, edition);
  const source = sourceId(edition, flow);
  const flows: TradeFlowRow[] = [];
  const quantities: TradeQuantityRow[] = [];
  const report: ImportReport = {
    file: workbook.file,
    flow,
    edition: edition.id,
    sha256: workbook.sha256,
    downloaded,
    sheets: [],
    flows: 0,
    quantities: 0,
    zeroValueFlows: 0,
    suppressedQuantities: 0,
    withheldQuantities: 0,
    skipped: [],
  };

  const read = new Map<string, Line[]>();
  for (const spec of specs) {
    const sheet = workbook.sheets.find((candidate) => candidate.name === spec.name) as Sheet;
    const dataType = spec.measure === 'value' ? FLOW_LAYOUTS[flow].valueName : QUANTITY_NAMES[spec.measure];
    const lines = new SheetReader(workbook.file, sheet, spec, title, dataType, headings).lines();
    read.set(spec.name, lines);
    report.sheets.push({ sheet: spec.name, lines: lines.length });
  }

  for (const kind of ['year', 'ytd'] as const) {
    const ofKind = specs.filter((spec) => spec.kind === kind);
    const byMeasure = Object.fromEntries(ofKind.map((spec) => [spec.measure, { spec, lines: read.get(spec.name) as Line[] }])) as Record<
      Measure,
      { spec: SheetSpec; lines: Line[] }
    >;
    const firstByKey = pairLines(workbook.file, byMeasure);
    const period = kind === 'ytd' ? edition.partialPeriod : 'year';
    const years = byMeasure.value.spec.years;

    years.forEach(({ year, emitted }, index) => {
      if (emitted) return;
      const nonZero = ofKind.reduce(
        (count, spec) => count + (read.get(spec.name) as Line[]).filter((line) => (line.figures[index] ?? 0) !== 0).length,
        0,
      );
      report.skipped.push(
        `column "${year}" of the full-year sheets: ${year} is not a full year in this edition (${nonZero} non-zero cells in it)`,
      );
    });

    const secondByFlow = groupByFlow(byMeasure.second.lines);
    for (const [key, valueLines] of groupByFlow(byMeasure.value.lines)) {
      const { partner, hts } = valueLines[0] as Line;
      const quantityLines = [
        ...valueLines.map((valueLine) => ({
          measure: 'first' as const,
          line: firstByKey.get(key + '|' + valueLine.unit) as Line,
          valueLine,
        })),
        ...(secondByFlow.get(key) ?? []).map((line) => ({ measure: 'second' as const, line, valueLine: null })),
      ];
      years.forEach(({ year, emitted }, i) => {
        if (!emitted) return;
        const parts = valueLines.map((line) => line.figures[i] ?? null);
        // Missing is not zero: a sum with an empty part would pass a partial total off as the whole.
        const valueUsd = parts.includes(null) ? null : (parts as number[]).reduce((sum, part) => sum + part, 0);
        // Literal objects of one shape (not spreads): V8 keeps ~120k rows far smaller that way.
        flows.push({ reporter: REPORTER, flow, hts, partner, year, period, valueUsd, edition: edition.id, source });
        if (valueUsd === 0) report.zeroValueFlows++;
        for (const { measure, line, valueLine } of quantityLines) {
          const unit = UNITS[line.unit] as { id: string; measured: boolean };
          const printed = line.figures[i] ?? null;
          const suppressed = line.suppressed[i] ?? false;
          const withheld = suppressed && printed === 0;
          const quantity = !unit.measured || withheld ? null : printed;
          if (suppressed) report.suppressedQuantities++;
          if (withheld) report.withheldQuantities++;
          quantities.push({
            reporter: REPORTER,
            flow,
            hts,
            partner,
            year,
            period,
            measure,
            unit: unit.id,
            quantity,
            suppressed,
            valueUsd: valueLine === null ? null : (valueLine.figures[i] ?? null),
            edition: edition.id,
          });
        }
      });
    }
  }
  report.flows = flows.length;
  report.quantities = quantities.length;
  return { flows, quantities, report };
}
