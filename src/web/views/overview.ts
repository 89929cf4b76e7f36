/**
 * Overview: every mineral × stage as a heat map of HHI (or of China's share), the chokepoint of each chain marked,
 * the year selectable; a cell opens the mineral. The heat map is an HTML table of links (keyboard, screen readers and
 * clicks alike) coloured with viridis; the ranked table below it is its table alternative.
 * URL: ?view=overview&metric=hhi|china&year=2024
 */
import { api, apiUrl, curlFor, unwrap, type Schemas } from '../api';
import type { ViewContext } from '../context';
import { editionControl, withEdition } from '../editions';
import { alternative, cited, fmt, h, loading, qualityLink, radioField, selectField, sourcesReady, table, toolbar } from '../ui';

/** Viridis, light to dark, in bins; dark text on the light half. */
const VIRIDIS = ['#fde725', '#a0da39', '#4ac16d', '#1fa187', '#277f8e', '#365c8d', '#46327e', '#440154'];
const HHI_BINS = [1000, 1800, 2500, 4000, 5500, 7000, 8500];
const SHARE_BINS = [10, 25, 40, 50, 60, 75, 90];

function colourFor(value: number, bins: number[]): { background: string; color: string } {
  let index = bins.findIndex((edge) => value < edge);
  if (index === -1) index = bins.length;
  return { background: VIRIDIS[index]!, color: index >= 4 ? '#ffffff' : '#1b1f24' };
}

const BAND_LABEL: Record<string, string> = {
  unconcentrated: 'unconcentrated',
  moderately_concentrated: 'moderately concentrated',
  highly_concentrated: 'highly concentrated',
};

type Metric = 'hhi' | 'china';

interface Cell {
  value: number;
  /** Null for a share-based stage (a reference period, not a year). */
  year: number | null;
  period: string | null;
  sourceIds: string[];
  /** Of another time than the ranking's year (another year, or a study period): marked †, never ranked with the rest. */
  apart?: boolean;
  sub: string;
  tip: string;
}

export async function overviewView(main: HTMLElement, context: ViewContext): Promise<void> {
  const metric: Metric = context.params.get('metric') === 'china' ? 'china' : 'hhi';
  const yearText = context.params.get('year') ?? '';
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  main.replaceChildren(
    h('h1', { tabindex: -1 }, 'Where supply is concentrated'),
    loading('Loading concentration for every mineral and stage…'),
  );
  performance.mark('overview-start');

  const signal = context.signal;
  const query = withEdition({ year }, context);
  const [minerals, stages, overview, china] = await Promise.all([
    unwrap(api.GET('/v1/minerals', { params: { query: { limit: 1000 } }, signal }), 'GET /v1/minerals'),
    unwrap(api.GET('/v1/stages', { params: { query: withEdition({}, context) }, signal }), 'GET /v1/stages'),
    unwrap(api.GET('/v1/concentration', { params: { query }, signal }), 'GET /v1/concentration'),
    metric === 'china'
      ? unwrap(
          api.GET('/v1/countries/{iso3}/dominance', { params: { path: { iso3: 'CHN' }, query: { ...query, minShare: 0 } }, signal }),
          'GET /v1/countries/CHN/dominance',
        )
      : Promise.resolve(null),
    sourcesReady(),
  ]);
  // Each chain's chokepoint, as the API names it (method chokepoint), not recomputed here.
  const chokepoints = await Promise.all(
    minerals.data.map((mineral) =>
      unwrap(
        api.GET('/v1/minerals/{mineral}/concentration', { params: { path: { mineral: mineral.id }, query }, signal }),
        `GET /v1/minerals/${mineral.id}/concentration`,
      ),
    ),
  );

  // Links into the mineral view carry the year and edition, so it answers the same question.
  const mineralHref = (id: string) =>
    `/?${new URLSearchParams({ view: 'mineral', mineral: id, ...(year ? { year: String(year) } : {}), ...(query.edition ? { edition: query.edition } : {}) }).toString()}`;
  const chokepointOf = new Map<string, string>();
  for (const answer of chokepoints) if (answer.chokepoint.status === 'ok') chokepointOf.set(answer.mineral, answer.chokepoint.stage);
  const mineralName = new Map(minerals.data.map((mineral) => [mineral.id, mineral.name]));
  const stageName = new Map(stages.data.map((stage) => [stage.id, stage.name]));

  const cells = new Map<string, Cell>();
  const key = (mineral: string, stage: string) => `${mineral}|${stage}`;
  if (metric === 'hhi') {
    for (const row of overview.data) {
      cells.set(key(row.mineral, row.stage), {
        value: row.hhi,
        year: row.year,
        period: row.period,
        sourceIds: row.sourceIds,
        apart: !row.comparable,
        sub: `${row.topCountry} ${fmt.share(row.topShare)} · ${fmt.when(row, true)}${row.comparable ? '' : ' †'}`,
        tip: `${mineralName.get(row.mineral)} · ${stageName.get(row.stage)} · ${fmt.when(row)}: HHI ${fmt.hhi(row.hhi)} (${BAND_LABEL[row.band2023] ?? row.band2023}, 2023 Merger Guidelines); largest producer ${row.topCountry} with ${fmt.share(row.topShare)}${row.reason ? `. † Not ranked with the ${overview.rankingYear} rows: ${row.reason}` : ''}`,
      });
    }
  } else {
    for (const row of china?.data ?? []) {
      cells.set(key(row.mineral, row.stage), {
        value: row.share,
        year: row.year,
        period: row.period,
        sourceIds: row.sourceIds,
        sub: `rank ${row.rank} · ${fmt.when(row, true)}`,
        tip: `${mineralName.get(row.mineral)} · ${stageName.get(row.stage)} · ${fmt.when(row)}: China ${fmt.share(row.share)} of world supply${row.tonnes === null ? '' : ` (${fmt.int(row.tonnes)} t of ${fmt.int(row.worldTonnes)} t)`}, rank ${row.rank}; stage HHI ${fmt.hhi(row.hhi)}${row.estimated ? '; estimated' : ''}`,
      });
    }
  }
  const missingReason = new Map(
    (overview.insufficientData ?? []).map((row) => [key(row.mineral, row.stage), `${row.reason} (${row.kind})`]),
  );
  const hasData = new Set(overview.data.map((row) => key(row.mineral, row.stage)));

  const heatmap = h(
    'table',
    { class: 'heatmap', id: 'heatmap', 'data-metric': metric },
    h(
      'caption',
      { class: 'sr-only' },
      metric === 'hhi'
        ? 'HHI by mineral and stage; the chokepoint of each chain is marked'
        : "China's share of world supply by mineral and stage",
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Mineral'),
        stages.data.map((stage) => h('th', { scope: 'col' }, stage.name)),
      ),
    ),
    h(
      'tbody',
      {},
      minerals.data.map((mineral) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, mineral.name),
          stages.data.map((stage) => {
            const cell = cells.get(key(mineral.id, stage.id));
            const isChokepoint = chokepointOf.get(mineral.id) === stage.id;
            if (!cell) {
              const reason =
                metric === 'china' && hasData.has(key(mineral.id, stage.id))
                  ? 'China is not among the reported producers'
                  : (missingReason.get(key(mineral.id, stage.id)) ?? `no ${stage.id} data for ${mineral.id}`);
              return h(
                'td',
                { class: 'empty', 'data-tip': reason, tabindex: -1, 'data-mineral': mineral.id, 'data-stage': stage.id },
                h('span', { class: 'sr-only' }, `no data: ${reason}`),
                '—',
              );
            }
            const colour = colourFor(cell.value, metric === 'hhi' ? HHI_BINS : SHARE_BINS);
            const link = h(
              'a',
              {
                href: mineralHref(mineral.id),
                'data-nav': true,
                'data-cell': true,
                'data-mineral': mineral.id,
                'data-stage': stage.id,
                'data-value': cell.value,
                'data-sources': cell.sourceIds.join(' '),
                'data-tip': `${cell.tip}${isChokepoint ? '. Chokepoint of this chain.' : ''}`,
                'aria-describedby': 'tip',
                'aria-label': `${mineral.name}, ${stage.name}: ${metric === 'hhi' ? `HHI ${fmt.hhi(cell.value)}` : `China ${fmt.share(cell.value)}`}, ${fmt.when(cell)}${isChokepoint ? ', chokepoint' : ''}. Open ${mineral.name}.`,
              },
              h(
                'span',
                { class: 'value' },
                isChokepoint ? h('span', { class: 'diamond', 'aria-hidden': 'true' }, '◆ ') : null,
                metric === 'hhi' ? fmt.hhi(cell.value) : fmt.share(cell.value),
              ),
              h('span', { class: 'sub' }, cell.sub),
            );
            const td = h('td', { class: [isChokepoint ? 'chokepoint' : '', cell.apart ? 'apart' : ''].join(' ').trim() || null }, link);
            td.style.background = colour.background;
            td.style.color = colour.color;
            return td;
          }),
        ),
      ),
    ),
  );
  heatmap.addEventListener('keydown', moveInGrid);

  const bins = metric === 'hhi' ? HHI_BINS : SHARE_BINS;
  const unit = metric === 'hhi' ? '' : ' %';
  const legend = h(
    'div',
    { class: 'legend', 'aria-label': 'Colour key' },
    h('strong', {}, metric === 'hhi' ? 'HHI:' : "China's share:"),
    VIRIDIS.map((colour, index) => {
      const swatch = h('span', { class: 'swatch' });
      swatch.style.background = colour;
      const low = index === 0 ? 0 : bins[index - 1]!;
      const high = bins[index];
      return h('span', {}, swatch, high === undefined ? `≥ ${fmt.int(low)}${unit}` : `${fmt.int(low)}–${fmt.int(high)}${unit}`);
    }),
    h('span', {}, h('span', { class: 'marker' }), '◆ chokepoint (stage with the highest HHI)'),
    h('span', {}, metric === 'hhi' ? 'Hatched: no data' : 'Hatched: no data, or China not among the reported producers'),
  );

  const controls = h(
    'div',
    { class: 'controls' },
    radioField(
      'Colour by',
      'metric',
      [
        { value: 'hhi', label: 'HHI' },
        { value: 'china', label: "China's share" },
      ],
      metric,
      (value) => context.navigate({ metric: value === 'hhi' ? null : value }),
    ),
    selectField(
      'Year',
      'year',
      [{ value: '', label: 'Latest with data' }, ...(year ? [{ value: String(year), label: String(year) }] : [])],
      yearText,
      (value) => context.navigate({ year: value || null }),
    ),
    editionControl(context),
  );

  const csvQuery = { ...query, format: 'csv' };
  const mainUrl = metric === 'hhi' ? apiUrl('/v1/concentration', query) : apiUrl('/v1/countries/CHN/dominance', { ...query, minShare: 0 });
  const bar = toolbar({
    csv:
      metric === 'hhi'
        ? [{ label: 'Download CSV', href: apiUrl('/v1/concentration', csvQuery) }]
        : [{ label: 'Download CSV', href: apiUrl('/v1/countries/CHN/dominance', { ...csvQuery, minShare: 0 }) }],
    curl: curlFor({ url: mainUrl }),
  });

  type RankRow = Schemas['ConcentrationOverview']['data'][number];
  const ranked = overview.data.filter((row) => row.comparable);
  const apart = overview.data.filter((row) => !row.comparable);
  const rankColumns = [
    { label: 'Rank', numeric: true, cell: (row: RankRow) => row.rank ?? '—' },
    {
      label: 'Mineral',
      cell: (row: RankRow) => h('a', { href: mineralHref(row.mineral), 'data-nav': true }, mineralName.get(row.mineral) ?? row.mineral),
    },
    { label: 'Stage', cell: (row: RankRow) => stageName.get(row.stage) ?? row.stage },
    { label: 'Year', numeric: true, cell: (row: RankRow) => fmt.when(row) },
    { label: 'HHI', numeric: true, cell: (row: RankRow) => cited(fmt.hhi(row.hhi), row.sourceIds) },
    { label: 'Band (2023 MG)', cell: (row: RankRow) => BAND_LABEL[row.band2023] ?? row.band2023 },
    { label: 'Largest producer', cell: (row: RankRow) => row.topCountry },
    { label: 'Its share', numeric: true, cell: (row: RankRow) => cited(fmt.share(row.topShare), row.sourceIds) },
    { label: 'Top 3 share', numeric: true, cell: (row: RankRow) => cited(fmt.share(row.cr3), row.sourceIds) },
    { label: 'Chokepoint', cell: (row: RankRow) => (chokepointOf.get(row.mineral) === row.stage ? 'yes' : '') },
  ];
  const rankTable =
    metric === 'hhi'
      ? h(
          'div',
          {},
          table<RankRow>(`Every mineral and stage with ${overview.rankingYear ?? 'dated'} figures, ranked by HHI`, rankColumns, ranked, {
            id: 'overview-table',
          }),
          apart.length > 0
            ? h(
                'div',
                {},
                table<RankRow>(
                  `† Of another time than ${overview.rankingYear ?? 'the ranking'}: listed apart, not ranked with the rows above`,
                  [...rankColumns, { label: 'Why apart', cell: (row: RankRow) => row.reason ?? '' }],
                  apart,
                  { id: 'overview-apart' },
                ),
                h('p', { class: 'note' }, qualityLink({ kind: 'period-based' }, 'Stages scored on a study period, and every other caveat')),
              )
            : null,
          overview.insufficientData.length > 0
            ? h(
                'p',
                { class: 'note', id: 'overview-empty' },
                `${overview.insufficientData.length} mineral × stage cells have no score (hatched above; hover for why). `,
                qualityLink({ kind: 'empty-stage' }, 'Every empty stage and its reason'),
              )
            : null,
        )
      : table<Schemas['CountryDominance']['data'][number]>(
          "China's share of world supply, by mineral and stage",
          [
            {
              label: 'Mineral',
              cell: (row) => h('a', { href: mineralHref(row.mineral), 'data-nav': true }, mineralName.get(row.mineral) ?? row.mineral),
            },
            { label: 'Stage', cell: (row) => stageName.get(row.stage) ?? row.stage },
            { label: 'Year', numeric: true, cell: (row) => fmt.when(row) },
            {
              label: "China's share",
              numeric: true,
              cell: (row) => cited(fmt.share(row.share), row.sourceIds, row.estimated ? 'estimated' : undefined),
            },
            { label: 'Tonnes', numeric: true, cell: (row) => cited(fmt.int(row.tonnes), row.sourceIds) },
            { label: 'World tonnes', numeric: true, cell: (row) => cited(fmt.int(row.worldTonnes), row.sourceIds) },
            { label: 'Rank', numeric: true, cell: (row) => row.rank },
            { label: 'Stage HHI', numeric: true, cell: (row) => cited(fmt.hhi(row.hhi), row.sourceIds) },
          ],
          china?.data ?? [],
          { id: 'overview-table' },
        );

  main.replaceChildren(
    h('h1', { tabindex: -1 }, 'Where supply is concentrated'),
    h(
      'p',
      { class: 'lede' },
      metric === 'hhi'
        ? 'Herfindahl–Hirschman Index of world production at each stage (0 = dispersed, 10,000 = one producer). Above 1,800 is "highly concentrated" under the 2023 U.S. Merger Guidelines. Select a cell to open the mineral.'
        : "China's share of world production at each stage. Select a cell to open the mineral.",
    ),
    controls,
    bar,
    h('div', { class: 'table-wrap' }, heatmap),
    legend,
    h(
      'p',
      { class: 'note' },
      year ? `Year ${year} only.` : 'Each cell shows the latest year with data for that stage (the year is in the cell).',
      ' Use the arrow keys to move between cells.',
    ),
    alternative(rankTable, metric === 'hhi' ? 'Show the ranking as a table' : "Show China's shares as a table"),
  );
  performance.mark('overview-rendered');
  // The years any mineral has data for, off the first render's path: each mineral's detail lists its years.
  void fillYears(
    minerals.data.map((mineral) => mineral.id),
    year,
    signal,
  );
}

async function fillYears(minerals: string[], selected: number | undefined, signal: AbortSignal): Promise<void> {
  const details = await Promise.all(
    minerals.map((mineral) =>
      unwrap(api.GET('/v1/minerals/{mineral}', { params: { path: { mineral } }, signal }), `GET /v1/minerals/${mineral}`),
    ),
  ).catch(() => null);
  const select = document.getElementById('field-year') as HTMLSelectElement | null;
  if (!details || !select || signal.aborted) return;
  const years = [...new Set(details.flatMap((detail) => detail.stages.flatMap((stage) => stage.years)))].sort((a, b) => b - a);
  select.replaceChildren(
    h('option', { value: '' }, 'Latest with data'),
    ...years.map((y) => h('option', { value: String(y), selected: y === selected }, String(y))),
  );
  select.dataset.loaded = 'true';
}

/** Arrow keys move between the heat map's cells (links), skipping empty cells. */
function moveInGrid(event: KeyboardEvent): void {
  const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const move = moves[event.key];
  const cell = event.target instanceof Element ? event.target.closest('td') : null;
  if (!move || !cell) return;
  const row = cell.parentElement as HTMLTableRowElement;
  const body = row.parentElement as HTMLTableSectionElement;
  let r = row.sectionRowIndex;
  let c = cell.cellIndex;
  for (;;) {
    r += move[0];
    c += move[1];
    const next = body.rows[r]?.cells[c];
    if (!next || c < 1) return;
    const link = next.querySelector('a');
    if (link) {
      event.preventDefault();
      link.focus();
      return;
    }
  }
}
