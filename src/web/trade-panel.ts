/**
 * The mineral view's observed-trade panel (USITC DataWeb, through GET /v1/minerals/{mineral}/trade): U.S. imports by
 * partner over time as a chart with a table alternative, the dates of the export controls that bite on the U.S.
 * marked on the time axis, what each did (before / after), and the latest January–April against a year before.
 * Loaded on demand (a chunk of its own). Every figure cites the edition's source.
 */
import { api, apiUrl, curlFor, unwrap, type Schemas } from './api';
import { chart, PALETTE } from './charts';
import type { ViewContext } from './context';
import { alternative, cited, fmt, h, signed, sourcesReady, table, toolbar } from './ui';

type HeadingTrade = Schemas['HeadingTrade'];
type Comparison = Schemas['TradeComparison'];

/** Partners drawn in the chart: the largest by value over the series; the rest stay in the table. */
const DRAWN = PALETTE.length - 1;

const usd = (value: number | null) => (value === null ? '—' : `$${fmt.int(value)}`);
const kg = (value: number | null) => (value === null ? '—' : `${fmt.int(value)} kg`);
const pct = (value: number | null) => (value === null ? '—' : `${signed(value, fmt.plain)} %`);

export async function trade(mineral: string, context: ViewContext): Promise<HTMLElement[]> {
  const [answer] = await Promise.all([
    unwrap(
      api.GET('/v1/minerals/{mineral}/trade', { params: { path: { mineral } }, signal: context.signal }),
      `GET /v1/minerals/${mineral}/trade`,
    ),
    sourcesReady(),
  ]);
  const source = [answer.source.id];
  const bar = toolbar({
    label: 'Data for the observed trade',
    csv: [{ label: 'Flows CSV', href: apiUrl('/v1/trade/flows', { mineral, flow: 'imports', limit: 1000, format: 'csv' }) }],
    curl: curlFor({ url: apiUrl(`/v1/minerals/${mineral}/trade`) }),
  });
  const lede = h(
    'p',
    { class: 'lede' },
    `U.S. imports for consumption (customs value, nominal USD) from the partners the file breaks out. ${answer.coverageNote}`,
  );
  if (answer.own.length === 0 && answer.proxies.length === 0) {
    return [lede, bar, h('p', { class: 'insufficient', id: 'trade-none' }, `No heading of the trade file stands for ${mineral}.`)];
  }
  // One mark per year on the time axis: the first date in it, and how many more events share the year.
  const events = answer.controls
    .flatMap((control) => [
      ...(control.effective ? [control.effective] : []),
      ...control.suspendedOn.flatMap((date) => (date ? [`${date} suspension`] : [])),
    ])
    .sort();
  const marks = [...new Set(events.map((event) => event.slice(0, 4)))].map((year) => {
    const inYear = events.filter((event) => event.startsWith(year));
    return { year, label: `${inYear[0]}${inYear.length > 1 ? ` +${inYear.length - 1}` : ''}` };
  });
  const headings = [...answer.own, ...answer.proxies];
  return [
    lede,
    bar,
    ...(answer.own.length === 0
      ? [h('p', { class: 'note', id: 'trade-proxies-only' }, `Only broad headings (proxies) hold ${mineral}: never its own flow.`)]
      : []),
    ...headings.flatMap((heading) => headingBlock(heading, marks, source)),
    controlsBlock(answer, source),
  ];
}

function headingBlock(heading: HeadingTrade, marks: { year: string; label: string }[], source: string[]): HTMLElement[] {
  const years = [...new Set(heading.series.flatMap((series) => series.points.map((point) => point.year)))].sort((a, b) => a - b);
  const total = (series: HeadingTrade['series'][number]) => series.points.reduce((sum, point) => sum + (point.valueUsd ?? 0), 0);
  const drawn = [...heading.series].sort((a, b) => total(b) - total(a)).slice(0, DRAWN);
  const valueAt = (series: HeadingTrade['series'][number], year: number) =>
    series.points.find((point) => point.year === year)?.valueUsd ?? null;
  const label = `HTS ${heading.hts}${heading.proxy ? ' (proxy)' : ''}`;
  const latest = heading.latestFullYear;
  const months = heading.janApr;
  return [
    h(
      'section',
      { class: 'trade-heading', 'data-hts': heading.hts, 'data-proxy': String(heading.proxy) },
      h('h3', {}, `${label} · ${heading.description.toLowerCase()}`),
      heading.proxy ? h('p', { class: 'note' }, heading.alsoHolds ?? '') : null,
      chart({
        title: `U.S. imports of ${label} by partner, ${years[0]}–${years.at(-1)}, customs value in USD; export-control dates marked`,
        categories: years.map(String),
        series: drawn.map((series) => ({ name: series.name, data: years.map((year) => valueAt(series, year)) })),
        kind: 'line',
        format: (value) => `$${fmt.int(value)}`,
        marks: marks.filter((mark) => years.map(String).includes(mark.year)).map((mark) => ({ category: mark.year, label: mark.label })),
      }),
      alternative(
        table(
          `U.S. imports of ${label} by partner and year, customs value (USD)`,
          [
            { label: 'Partner', cell: (series: HeadingTrade['series'][number]) => series.name },
            ...years.map((year) => ({
              label: String(year),
              numeric: true,
              cell: (series: HeadingTrade['series'][number]) => cited(usd(valueAt(series, year)), source),
            })),
          ],
          heading.series,
          { id: `trade-series-${heading.hts}` },
        ),
      ),
      h(
        'p',
        {},
        `${latest.year}: the covered partners sent ${usd(latest.totalOfCoveredPartnersUsd)}; HHI of their shares `,
        cited(
          latest.hhiOfCoveredPartners === null ? '—' : fmt.hhi(latest.hhiOfCoveredPartners),
          source,
          'of the covered partners only: a lower-coverage figure',
        ),
        ' (covered partners only, a lower-coverage figure).',
      ),
      table(
        `January–April ${months.year} against January–April ${months.against}, ${label}`,
        [
          { label: 'Partner', cell: (row: (typeof months.partners)[number]) => row.name },
          { label: `${months.against} USD`, numeric: true, cell: (row) => cited(usd(row.before.valueUsd), source) },
          { label: `${months.year} USD`, numeric: true, cell: (row) => cited(usd(row.after?.valueUsd ?? null), source) },
          { label: 'Change', numeric: true, cell: (row) => pct(row.valueChangePct) },
          { label: `${months.against} kg`, numeric: true, cell: (row) => kg(row.before.kg) },
          {
            label: `${months.year} kg`,
            numeric: true,
            cell: (row) => h('span', { 'data-partner': row.partner, 'data-kg': String(row.after?.kg ?? '') }, kg(row.after?.kg ?? null)),
          },
          { label: 'Change (kg)', numeric: true, cell: (row) => pct(row.kgChangePct) },
        ],
        months.partners.filter((row) => (row.before.valueUsd ?? 0) > 0 || (row.after?.valueUsd ?? 0) > 0),
        { id: `trade-janapr-${heading.hts}` },
      ),
    ),
  ];
}

function comparisonCells(comparison: Comparison | null): string {
  if (comparison === null) return '—';
  const after = comparison.after;
  return after === null
    ? `${comparison.before.year}: ${kg(comparison.before.kg)}, ${usd(comparison.before.valueUsd)}; ${comparison.reason ?? ''}`
    : `${comparison.before.year} ${kg(comparison.before.kg)} (${usd(comparison.before.valueUsd)}) → ${after.year} ${kg(after.kg)} (${usd(after.valueUsd)}): ${pct(comparison.kgChangePct)} kg, ${pct(comparison.valueChangePct)} USD`;
}

function controlsBlock(answer: Schemas['MineralTrade'], source: string[]): HTMLElement {
  type ControlRow = { control: Schemas['MineralTrade']['controls'][number]; heading: Schemas['TradeAroundDate'] | null };
  const rows = answer.controls.flatMap<ControlRow>((control) =>
    control.observed && control.observed.own.length > 0
      ? control.observed.own.map((heading) => ({ control, heading }))
      : [{ control, heading: null }],
  );
  return h(
    'div',
    { id: 'trade-controls' },
    h('h3', {}, 'What the controls did to U.S. imports from the imposing country'),
    table<ControlRow>(
      'Imports of the mineral’s own headings from the imposing country around each measure biting on the U.S.',
      [
        { label: 'Measure', cell: (row) => h('span', { 'data-measure': row.control.id }, row.control.id) },
        { label: 'Took effect', cell: (row) => row.control.effective ?? '—' },
        { label: 'Heading', cell: (row) => row.heading?.hts ?? '—' },
        {
          label: 'Full years (before → after)',
          cell: (row) => (row.heading ? cited(comparisonCells(row.heading.fullYears), source) : (row.control.reason ?? '—')),
        },
        { label: 'Latest Jan–Apr vs a year before', cell: (row) => (row.heading ? comparisonCells(row.heading.janApr) : '—') },
      ],
      rows,
      { id: 'trade-controls-table' },
    ),
  );
}
