import type { Row } from '../shared/csv.js';
import { ImportError } from '../shared/errors.js';
import { readInput, tableRows, type ImportedRows, type Importer, type ImporterInput } from '../shared/importer.js';
import { REFERENCE_DIR, countryOf } from '../shared/reference.js';

/**
 * World Bank Worldwide Governance Indicators, two releases (family `wb-wgi`): the 2023 release for the countries the
 * reference copy holds (wgi.csv, rows of that release only), and the 2024 update for every non-aggregate country of
 * data/countries.csv it covers (wgi_2024_update.csv). A country no release covers gets a note, so a score can say
 * why it has no governance figure.
 */
export const WGI_2023_FILE = `${REFERENCE_DIR}/wgi.csv`;
export const WGI_2024_FILE = `${REFERENCE_DIR}/wgi_2024_update.csv`;
const WGI_2023_RELEASE = 'World Bank Worldwide Governance Indicators (2023 release; data through 2022), bulk file WGIData.csv';
const INDICATORS = new Set(['VA.EST', 'PV.EST', 'GE.EST', 'RQ.EST', 'RL.EST', 'CC.EST']);
const WGI_2024_INDICATORS: Record<string, string> = { va: 'VA.EST', pv: 'PV.EST', ge: 'GE.EST', rq: 'RQ.EST', rl: 'RL.EST', cc: 'CC.EST' };

export function importWgi(input: ImporterInput): ImportedRows {
  const governance: Row[] = [];
  for (const { line, row } of readInput(input, WGI_2023_FILE, ['iso3', 'year', 'indicator', 'value', 'source'])) {
    const indicator = row.indicator ?? '';
    // Other indicators (ranks, standard errors) and rows of other releases are not taken.
    if (!INDICATORS.has(indicator) || !(row.source ?? '').startsWith(WGI_2023_RELEASE)) continue;
    const value = (row.value ?? '').trim();
    if (!/^-?\d+(\.\d+)?$/.test(value)) throw new ImportError(WGI_2023_FILE, line, `value '${value}' is not a number`);
    const country = countryOf(input.tables, row.iso3 ?? '', WGI_2023_FILE, line);
    governance.push({ country, year: row.year ?? '', indicator, value, edition: 'wb-wgi-2023', source: 'wb-wgi-2023' });
  }
  const wanted = new Set(
    tableRows(input.tables, 'countries.csv')
      .filter((row) => row.is_aggregate !== 'true')
      .map((row) => row.iso3 ?? ''),
  );
  for (const { line, row } of readInput(input, WGI_2024_FILE, ['iso3', 'year', 'indicator', 'estimate', 'release'])) {
    const iso3 = row.iso3 ?? '';
    if (!wanted.has(iso3)) continue;
    const indicator = WGI_2024_INDICATORS[row.indicator ?? ''];
    if (indicator === undefined) throw new ImportError(WGI_2024_FILE, line, `unknown indicator '${row.indicator}'`);
    if (!(row.release ?? '').startsWith('WGI 2024 update'))
      throw new ImportError(WGI_2024_FILE, line, `unexpected release '${row.release}'`);
    const value = (row.estimate ?? '').trim();
    if (!/^-?\d+(\.\d+)?(e-?\d+)?$/.test(value)) throw new ImportError(WGI_2024_FILE, line, `estimate '${value}' is not a number`);
    governance.push({ country: iso3, year: row.year ?? '', indicator, value, edition: 'wb-wgi-2024', source: 'wb-wgi-2024' });
  }
  const covered = new Set(governance.map((row) => row.country));
  const notes = [...wanted]
    .filter((iso3) => !covered.has(iso3))
    .map((iso3) => ({ country: iso3, note: 'not covered by the WGI', source: 'wb-wgi-2024' }));
  return { 'governance.csv': governance, 'governance_notes.csv': notes };
}

export const wgi: Importer = {
  name: 'wgi',
  inputs: [WGI_2023_FILE, WGI_2024_FILE],
  outputs: ['governance.csv', 'governance_notes.csv'],
  run: importWgi,
};
