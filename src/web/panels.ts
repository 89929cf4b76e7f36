/**
 * The mineral view's panels on revisions between editions and on export controls. Loaded on demand by
 * ./extensions (a chunk of its own), so neither the overview nor the mineral view's first paint waits for them.
 * Every number cites its source; the visuals here are HTML (no chart library) and each has a table alternative.
 */
import { api, apiUrl, curlFor, unwrap, type Schemas } from './api';
import type { ViewContext } from './context';
import { loadEditions, selectedEdition, withEdition } from './editions';
import { alternative, cited, fmt, h, signed, sourceLink, sourcesReady, table, toolbar } from './ui';

type Stage = 'mining' | 'refining' | 'metal' | 'component';
type Revision = Schemas['Revision'];
type Measure = Schemas['ExportControl'];

/** Revisions drawn in the table: the largest by absolute change. */
const LARGEST = 10;

const title = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ---- revisions ------------------------------------------------------------------------------------------------

export async function revisions(mineral: string, context: ViewContext): Promise<HTMLElement[]> {
  const signal = context.signal;
  const query = { mineral, kind: 'production' as const, limit: 1000 };
  const [answer, editions] = await Promise.all([
    unwrap(api.GET('/v1/revisions', { params: { query }, signal }), 'GET /v1/revisions'),
    loadEditions().catch(() => [] as Schemas['Edition'][]),
    sourcesReady(),
  ]);
  const editionTitle = new Map(editions.map((edition) => [edition.id, edition.title]));
  const named = (id: string) => editionTitle.get(id) ?? id;
  // "Mineral Commodity Summaries 2025" → "MCS 2025" where a table cell is narrow; the full title is in its tip.
  const short = (id: string) => named(id).replace(/^Mineral Commodity Summaries (\d{4})$/, 'MCS $1');
  const bar = (extra: { label: string; href: string }[]) =>
    toolbar({
      label: 'Data for the revisions',
      csv: [{ label: 'Revisions CSV', href: apiUrl('/v1/revisions', { ...query, format: 'csv' }) }, ...extra],
      curl: curlFor({ url: apiUrl('/v1/revisions', query) }),
    });
  const lede = h(
    'p',
    { class: 'lede' },
    'Production figures a later edition of the same publication revised. A change in HHI between years can come from such a revision rather than from a change in the world.',
  );
  if (answer.data.length === 0)
    return [lede, bar([]), h('p', { class: 'insufficient' }, `No production figure for ${mineral} was revised between editions.`)];

  // Newest revision first (the API's order): its stage-year is the one compared across editions below.
  const latest = answer.data.find((row) => row.stage !== null)!;
  const byEditionQuery = { stage: latest.stage as Stage, year: latest.year };
  const byEdition = await unwrap(
    api.GET('/v1/minerals/{mineral}/concentration/editions', { params: { path: { mineral }, query: byEditionQuery }, signal }),
    `GET /v1/minerals/${mineral}/concentration/editions`,
  );

  const countries = answer.data.filter((row) => row.country !== 'WLD' && row.change !== null);
  const largest = [...countries].sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!)).slice(0, LARGEST);
  const world = answer.data.find((row) => row.country === 'WLD' && row.stage === latest.stage && row.year === latest.year);
  const value = (row: Revision, side: 'old' | 'new') => {
    const text = side === 'old' ? row.oldValueText : row.newValueText;
    const number = side === 'old' ? row.oldValue : row.newValue;
    const source = side === 'old' ? row.oldSource : row.newSource;
    return h(
      'span',
      {},
      cited(`${number !== null ? fmt.int(number) : text} ${row.unit}`, [source.id]),
      h(
        'span',
        { class: 'sub-line', title: named(side === 'old' ? row.oldEdition : row.newEdition) },
        short(side === 'old' ? row.oldEdition : row.newEdition),
      ),
    );
  };

  const revisionTable = table<Revision>(
    `The ${largest.length} largest production revisions for ${mineral} (of ${countries.length} country figures revised)`,
    [
      { label: 'Stage, year', cell: (row) => `${title(row.stage ?? '')} ${row.year}` },
      { label: 'Country', cell: (row) => h('span', { 'data-revision': `${row.stage}|${row.country}|${row.year}` }, row.countryName) },
      { label: 'Before', numeric: true, cell: (row) => value(row, 'old') },
      { label: 'After', numeric: true, cell: (row) => value(row, 'new') },
      {
        label: 'Change',
        numeric: true,
        cell: (row) =>
          cited(
            `${signed(row.change!, fmt.int)} ${row.unit}`,
            [row.oldSource.id, row.newSource.id],
            'computed by the API from the two editions',
          ),
      },
      {
        label: 'Relative',
        numeric: true,
        cell: (row) =>
          row.relativeChange === null
            ? '—'
            : cited(
                signed(row.relativeChange, fmt.fraction),
                [row.oldSource.id, row.newSource.id],
                'computed by the API from the two editions',
              ),
      },
    ],
    largest,
    { id: 'revisions-table' },
  );

  const selected = selectedEdition(context);
  type Row = Schemas['ConcentrationByEdition']['data'][number];
  const editionTable = table<Row>(
    `${title(latest.stage!)} ${latest.year}: concentration under each edition that reported it`,
    [
      {
        label: 'Edition',
        cell: (row) =>
          h(
            'span',
            { 'data-edition': row.edition, title: named(row.edition) },
            short(row.edition),
            row.edition === selected ? h('span', { class: 'badge' }, 'selected') : null,
          ),
      },
      { label: 'Published', cell: (row) => h('span', { class: 'nowrap' }, row.published) },
      {
        label: 'HHI',
        numeric: true,
        cell: (row) =>
          row.concentration.status === 'ok'
            ? h(
                'span',
                { 'data-edition-hhi': row.concentration.hhi },
                cited(fmt.hhi(row.concentration.hhi), row.concentration.inputs.sourceIds),
              )
            : h('span', { class: 'insufficient' }, row.concentration.reason),
      },
      {
        label: 'Top producer',
        cell: (row) =>
          row.concentration.status === 'ok'
            ? cited(`${row.concentration.top.name} ${fmt.share(row.concentration.top.share)}`, row.concentration.inputs.sourceIds)
            : '—',
      },
      {
        label: 'Top 3',
        numeric: true,
        cell: (row) =>
          row.concentration.status === 'ok' ? cited(fmt.share(row.concentration.cr3), row.concentration.inputs.sourceIds) : '—',
      },
      {
        label: 'World',
        numeric: true,
        cell: (row) =>
          row.concentration.status === 'ok'
            ? cited(`${fmt.int(row.concentration.inputs.worldTonnes)} t`, row.concentration.inputs.sourceIds)
            : '—',
      },
    ],
    byEdition.data,
    { id: 'revisions-editions-table' },
  );

  return [
    lede,
    bar([
      { label: 'HHI by edition CSV', href: apiUrl(`/v1/minerals/${mineral}/concentration/editions`, { ...byEditionQuery, format: 'csv' }) },
    ]),
    world && world.oldValue !== null && world.newValue !== null
      ? h(
          'p',
          { id: 'revisions-world' },
          `World ${latest.stage} ${latest.year}: `,
          cited(`${fmt.int(world.oldValue)} ${world.unit}`, [world.oldSource.id]),
          ` in ${named(world.oldEdition)}, `,
          cited(`${fmt.int(world.newValue)} ${world.unit}`, [world.newSource.id]),
          ` in ${named(world.newEdition)}.`,
        )
      : null,
    revisionTable,
    editionTable,
  ].filter((element): element is HTMLElement => element !== null);
}

// ---- export controls ------------------------------------------------------------------------------------------

const EVENT_LABEL: Record<string, string> = {
  announced: 'announced',
  effective: 'takes effect',
  'scheduled-end': 'scheduled to end',
  lifted: 'lifted',
  suspended: 'suspended',
  'suspension-scheduled-end': 'suspension scheduled to end',
  replaced: 'replaced',
};

const STATUS_LABEL: Record<string, string> = {
  'not-announced': 'not announced yet',
  announced: 'announced, not yet in effect',
  'announced-date-unknown': 'announced, date unknown',
  undated: 'undated',
  'in-force': 'in force',
  suspended: 'suspended',
  'suspension-ended': 'suspension ended, unknown',
  expired: 'expired',
  lifted: 'lifted',
  superseded: 'superseded',
  'superseded-date-unknown': 'superseded, date unknown',
};

/** Whether a status means the measure binds: in force, unknown, or not (each also written out, never colour alone). */
const bite = (status: string) =>
  status === 'in-force'
    ? 'yes'
    : ['suspension-ended', 'undated', 'announced-date-unknown', 'superseded-date-unknown'].includes(status)
      ? 'unknown'
      : 'no';

const target = (value: string) => (value === 'all' ? 'all destinations' : value);

function statusBadge(status: Schemas['ExportControl']['status']): HTMLElement {
  return h(
    'span',
    { class: `badge status-${bite(status.status)}`, 'data-status': status.status },
    STATUS_LABEL[status.status] ?? status.status,
  );
}

export async function exportControls(mineral: string, context: ViewContext): Promise<HTMLElement[]> {
  const signal = context.signal;
  const supplyQuery = withEdition({}, context);
  const [timeline, measures, supply] = await Promise.all([
    unwrap(
      api.GET('/v1/minerals/{mineral}/export-controls', { params: { path: { mineral }, query: { limit: 1000 } }, signal }),
      `GET /v1/minerals/${mineral}/export-controls`,
    ),
    unwrap(api.GET('/v1/export-controls', { params: { query: { mineral, limit: 1000 } }, signal }), 'GET /v1/export-controls'),
    unwrap(
      api.GET('/v1/minerals/{mineral}/export-controls/supply', { params: { path: { mineral }, query: supplyQuery }, signal }),
      `GET /v1/minerals/${mineral}/export-controls/supply`,
    ),
    sourcesReady(),
  ]);
  const asOf = measures.asOf;
  const byId = new Map<string, Measure>(measures.data.map((measure) => [measure.id, measure]));
  const sourceOf = (id: string | null) => (id ? (byId.get(id)?.source.id ?? '') : '');
  const bar = toolbar({
    label: 'Data for the export controls',
    csv: [
      { label: 'Measures CSV', href: apiUrl('/v1/export-controls', { mineral, limit: 1000, format: 'csv' }) },
      { label: 'Timeline CSV', href: apiUrl(`/v1/minerals/${mineral}/export-controls`, { limit: 1000, format: 'csv' }) },
      { label: 'Controlled share CSV', href: apiUrl(`/v1/minerals/${mineral}/export-controls/supply`, { ...supplyQuery, format: 'csv' }) },
    ],
    curl: curlFor({ url: apiUrl('/v1/export-controls', { mineral, limit: 1000 }) }),
  });
  const lede = h(
    'p',
    { class: 'lede' },
    `Measures that restrict exports of ${mineral}, each from its source; status on ${asOf} as the API computes it (`,
    h('a', { href: '/v1/methods/export-controls' }, 'method'),
    ').',
  );
  if (measures.data.length === 0 && timeline.data.length === 0) {
    return [lede, bar, h('p', { class: 'insufficient' }, `No export control on ${mineral} is recorded.`)];
  }

  // Controlled share of world supply, per stage: a bar per stage (HTML), the table below is its alternative.
  type OkStage = Extract<Schemas['MineralControlledSupply']['stages'][number], { status: 'ok' }>;
  const okStages = supply.stages.filter((stage): stage is OkStage => stage.status === 'ok');
  const shares = h(
    'div',
    { class: 'share-bars', id: 'controlled-share' },
    supply.stages.map((stage) => {
      if (stage.status !== 'ok') {
        return h(
          'div',
          { class: 'share-row', 'data-stage': stage.stage },
          h('span', { class: 'share-label' }, title(stage.stage)),
          h('span', { class: 'insufficient' }, stage.reason),
        );
      }
      const meter = h(
        'span',
        { class: 'share-meter', 'aria-hidden': 'true' },
        h('span', { class: 'controlled' }),
        h('span', { class: 'unknown' }),
      );
      (meter.children[0] as HTMLElement).style.width = `${stage.controlledShare}%`;
      (meter.children[1] as HTMLElement).style.width = `${stage.unknownShare}%`;
      return h(
        'div',
        { class: 'share-row', 'data-stage': stage.stage, 'data-controlled-share': stage.controlledShare },
        h('span', { class: 'share-label' }, `${title(stage.stage)} ${stage.year}`),
        meter,
        h(
          'span',
          { class: 'share-text' },
          cited(fmt.share(stage.controlledShare), stage.sourceIds),
          ' under a measure in force',
          stage.unknownShare > 0 ? [', ', cited(fmt.share(stage.unknownShare), stage.sourceIds), ' unknown'] : null,
        ),
      );
    }),
  );
  const shareKey = h(
    'p',
    { class: 'legend' },
    h('span', {}, h('span', { class: 'swatch controlled' }), 'under a measure in force'),
    h('span', {}, h('span', { class: 'swatch unknown' }), 'status unknown'),
    h('span', {}, h('span', { class: 'swatch free' }), 'no measure'),
  );
  const shareTable = table<OkStage>(
    `Share of world ${mineral} supply under export controls on ${asOf}`,
    [
      { label: 'Stage', cell: (row) => title(row.stage) },
      { label: 'Year', numeric: true, cell: (row) => row.year },
      { label: 'Under a measure in force', numeric: true, cell: (row) => cited(fmt.share(row.controlledShare), row.sourceIds) },
      { label: 'Status unknown', numeric: true, cell: (row) => cited(fmt.share(row.unknownShare), row.sourceIds) },
      { label: 'World', numeric: true, cell: (row) => cited(`${fmt.int(row.worldTonnes)} t`, row.sourceIds) },
      {
        label: 'Controlling producers',
        cell: (row) =>
          h(
            'ul',
            { class: 'plain' },
            row.countries.map((country) => h('li', { class: 'nowrap' }, `${country.name} ${fmt.share(country.share)}`)),
          ),
      },
      {
        label: 'Measures in force',
        cell: (row) =>
          h(
            'ul',
            { class: 'plain' },
            row.measures.map((measure) => h('li', {}, h('code', {}, measure.id))),
          ),
      },
    ],
    okStages,
    { id: 'controlled-share-table' },
  );

  // The timeline: events by date, oldest first, each citing its measure's source.
  const dates = new Map<string, Schemas['ExportControlTimeline']['data']>();
  for (const event of timeline.data) dates.set(event.date, [...(dates.get(event.date) ?? []), event]);
  const timelineList = h(
    'ol',
    { class: 'timeline', id: 'export-controls-timeline', 'aria-label': `Export-control events on ${mineral}, oldest first` },
    [...dates].map(([date, events]) =>
      h(
        'li',
        { class: date > asOf ? 'future' : null },
        h('time', { datetime: date }, date),
        h(
          'ul',
          {},
          events.map((event) =>
            h(
              'li',
              { 'data-measure': event.measure, 'data-event': event.event },
              h('span', { class: `event event-${event.event}` }, EVENT_LABEL[event.event] ?? event.event),
              ' ',
              cited(event.title, [sourceOf(event.measure)]),
              event.by ? [' (by ', h('code', {}, event.by), ')'] : null,
              h(
                'span',
                { class: 'sub-line' },
                `${event.imposingCountry} → ${target(event.target)} · ${event.measureType.replaceAll('-', ' ')} · `,
                h('code', {}, event.measure),
              ),
            ),
          ),
        ),
      ),
    ),
  );

  const measureTable = table<Measure>(
    `Measures on ${mineral} and their status on ${asOf}`,
    [
      {
        label: 'Measure',
        cell: (row) => h('span', { 'data-measure': row.id }, row.title, h('span', { class: 'sub-line' }, h('code', {}, row.id))),
      },
      { label: 'Imposed by', cell: (row) => row.imposingCountryName },
      { label: 'Type', cell: (row) => row.measure.replaceAll('-', ' ') },
      { label: 'Target', cell: (row) => target(row.target) },
      { label: 'Stages', cell: (row) => row.stages.join(', ') },
      { label: 'Announced', cell: (row) => (row.announced ? cited(row.announced, [row.source.id]) : '—') },
      { label: 'Effective', cell: (row) => (row.effective ? cited(row.effective, [row.source.id]) : '—') },
      {
        label: `Status on ${asOf}`,
        cell: (row) => h('span', {}, statusBadge(row.status), h('span', { class: 'sub-line' }, row.status.detail)),
      },
      {
        label: 'Source',
        cell: (row) => h('span', {}, sourceLink(row.source.id), h('span', { class: 'sub-line' }, `confidence ${row.confidence}`)),
      },
    ],
    measures.data,
    { id: 'export-controls-table' },
  );
  const edition = selectedEdition(context);

  return [
    lede,
    bar,
    h('h3', {}, `Controlled share of world supply on ${asOf}${edition ? ` (production as in ${edition})` : ''}`),
    okStages.length || supply.stages.length
      ? h('div', {}, shares, shareKey)
      : h('p', { class: 'insufficient' }, 'No stage has production figures to weigh the measures with.'),
    alternative(shareTable, 'Show the controlled shares as a table'),
    h('h3', {}, 'Timeline'),
    timelineList,
    timeline.undated.length
      ? h(
          'p',
          { class: 'note', id: 'export-controls-undated' },
          'Undated (no announcement or effective date recorded): ',
          timeline.undated.map((id, i) => [i ? ', ' : '', cited(byId.get(id)?.title ?? id, [sourceOf(id)]), ' ', h('code', {}, id)]),
        )
      : null,
    alternative(measureTable, 'Show the measures and their status as a table'),
  ].filter((element): element is HTMLElement => element !== null);
}
