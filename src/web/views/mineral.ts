/**
 * Mineral: the chain stage by stage (top producers as bars, HHI and its bands), HHI over time per stage, reserves,
 * U.S. dependency with each field explained, and defense uses. Extension points place export controls, revisions and
 * more importers once the API has them.
 * URL: ?view=mineral&mineral=antimony&year=2024
 */
import { api, apiUrl, curlFor, unwrap, type Schemas } from '../api';
import { chart } from '../charts';
import type { ViewContext } from '../context';
import { editionControl, withEdition } from '../editions';
import { dependencyImporters, exportControlsTimeline, revisionsPanel, tradePanel } from '../extensions';
import {
  alternative,
  append,
  citation,
  cited,
  fmt,
  h,
  loading,
  mineralField,
  qualityLink,
  selectField,
  sourceLink,
  sourcesReady,
  table,
  toolbar,
} from '../ui';

type Block = Schemas['ConcentrationBlock'];
type OkBlock = Extract<Block, { status: 'ok' }>;
type Dependency = Schemas['ImporterDependency']['data'][number];

const BAND: Record<string, string> = {
  unconcentrated: 'unconcentrated',
  moderately_concentrated: 'moderately concentrated',
  highly_concentrated: 'highly concentrated',
};

const band = (value: string) => h('span', { class: `badge band-${value}` }, BAND[value] ?? value);

/** Producers drawn as bars; the table alternative lists them all. */
const TOP_PRODUCERS = 10;

export async function mineralView(main: HTMLElement, context: ViewContext): Promise<void> {
  const signal = context.signal;
  const mineral = context.params.get('mineral') ?? 'antimony';
  const yearText = context.params.get('year') ?? '';
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  main.replaceChildren(h('h1', { tabindex: -1 }, mineral), loading(`Loading ${mineral}…`));

  const path = { mineral };
  const query = withEdition({ year }, context);
  // Every request starts at once, but the mineral's own answer decides what a failure means: an unknown mineral is
  // its 404, not whichever filtered list happened to refuse it first.
  const detailRequest = unwrap(
    api.GET('/v1/minerals/{mineral}', { params: { path, query: withEdition({}, context) }, signal }),
    `GET /v1/minerals/${mineral}`,
  );
  const others = Promise.all([
    unwrap(api.GET('/v1/minerals', { params: { query: { limit: 1000 } }, signal }), 'GET /v1/minerals'),
    unwrap(
      api.GET('/v1/minerals/{mineral}/concentration', { params: { path, query }, signal }),
      `GET /v1/minerals/${mineral}/concentration`,
    ),
    unwrap(
      api.GET('/v1/minerals/{mineral}/concentration/history', { params: { path, query: withEdition({}, context) }, signal }),
      `GET /v1/minerals/${mineral}/concentration/history`,
    ),
    unwrap(api.GET('/v1/reserves', { params: { query: withEdition({ mineral, limit: 1000 }, context) }, signal }), 'GET /v1/reserves'),
    Promise.all(
      dependencyImporters.map((importer) =>
        unwrap(
          api.GET('/v1/dependency/{importer}', { params: { path: { importer }, query: withEdition({ mineral }, context) }, signal }),
          `GET /v1/dependency/${importer}`,
        ),
      ),
    ),
    unwrap(api.GET('/v1/defense-uses', { params: { query: { mineral, limit: 1000 } }, signal }), 'GET /v1/defense-uses'),
    unwrap(api.GET('/v1/countries', { params: { query: { limit: 1000 } }, signal }), 'GET /v1/countries'),
    sourcesReady(),
  ]);
  others.catch(() => undefined);
  const detail = await detailRequest;
  const [minerals, concentration, history, reserves, dependency, uses, countries] = await others;
  const countryName = new Map(countries.data.map((country) => [country.iso3, country.name]));
  const years = [...new Set(detail.stages.flatMap((stage) => stage.years))].sort((a, b) => b - a);

  const controls = h(
    'div',
    { class: 'controls' },
    mineralField(minerals.data, mineral, (value) => context.navigate({ mineral: value })),
    selectField(
      'Year',
      'year',
      [{ value: '', label: 'Latest with data' }, ...years.map((y) => ({ value: String(y), label: String(y) }))],
      yearText,
      (value) => context.navigate({ year: value || null }),
    ),
    editionControl(context),
  );

  const edition = query.edition;
  const concentrationUrl = apiUrl(`/v1/minerals/${mineral}/concentration`, query);
  const bar = toolbar({
    csv: [
      { label: 'Concentration CSV', href: apiUrl(`/v1/minerals/${mineral}/concentration`, { ...query, format: 'csv' }) },
      { label: 'HHI history CSV', href: apiUrl(`/v1/minerals/${mineral}/concentration/history`, { edition, format: 'csv' }) },
      { label: 'Reserves CSV', href: apiUrl('/v1/reserves', { mineral, edition, limit: 1000, format: 'csv' }) },
      { label: 'Defense uses CSV', href: apiUrl('/v1/defense-uses', { mineral, limit: 1000, format: 'csv' }) },
    ],
    curl: curlFor({ url: concentrationUrl }),
  });

  const chokepoint = concentration.chokepoint;
  const stageBlocks = concentration.stages.filter((block) => block.status === 'ok').map((block) => stageCard(block, mineral));
  const missing = concentration.stages.filter((block): block is Extract<Block, { status: 'insufficient_data' }> => block.status !== 'ok');

  main.replaceChildren();
  append(main, [
    h('h1', { tabindex: -1 }, detail.name, detail.symbol ? h('span', { class: 'note' }, ` (${detail.symbol})`) : null),
    h('p', { class: 'lede' }, detail.description),
    controls,
    bar,
    chokepoint.status === 'ok'
      ? h(
          'p',
          { id: 'chokepoint' },
          h('strong', {}, 'Chokepoint: '),
          `${chokepoint.stage} (${fmt.when(chokepoint)}), HHI `,
          cited(fmt.hhi(chokepoint.hhi), sourcesOfStage(concentration.stages, chokepoint.stage)),
          `; largest producer ${chokepoint.topCountryName} with `,
          cited(fmt.share(chokepoint.topShare), sourcesOfStage(concentration.stages, chokepoint.stage)),
          '. ',
          h('a', { href: chokepoint.method.href }, `Method ${chokepoint.method.id} ${chokepoint.method.version}`),
          chokepoint.comparable === false
            ? h('span', { class: 'note', id: 'chokepoint-caveat' }, ` Not like for like: ${chokepoint.reason}`)
            : null,
        )
      : h('p', { class: 'insufficient' }, `No chokepoint: ${chokepoint.reason}`),
    h('h2', {}, 'The chain, stage by stage'),
    h('div', { class: 'grid' }, stageBlocks),
    missing.length
      ? h(
          'ul',
          { class: 'note', id: 'missing-stages' },
          missing.map((block) => h('li', { 'data-stage': block.stage }, h('strong', {}, title(block.stage)), ': ', block.reason)),
          h('li', {}, qualityLink({ mineral, kind: 'empty-stage' }, 'Every stage without figures, and why')),
        )
      : null,
    h('h2', {}, 'HHI over time'),
    historySection(history, mineral),
    revisionsPanel(mineral, context),
    h('h2', {}, 'Reserves'),
    reservesSection(reserves.data, countryName),
    ...dependency.map((answer) => dependencySection(answer.importer, answer.data[0] ?? null, countryName)),
    exportControlsTimeline(mineral, context),
    tradePanel(mineral, context),
    h('h2', {}, `Defense uses (${uses.total})`),
    defenseSection(uses.data),
  ]);
}

function sourcesOfStage(stages: Block[], stage: string): string[] {
  const block = stages.find((candidate) => candidate.stage === stage);
  return block && block.status === 'ok' ? block.inputs.sourceIds : [];
}

function stageCard(block: Block, mineral: string): HTMLElement {
  if (block.status !== 'ok') {
    return h(
      'section',
      { class: 'card', 'data-stage': block.stage },
      h('h3', {}, title(block.stage)),
      h('p', { class: 'insufficient' }, `No figure: ${block.reason}.`),
    );
  }
  const ok: OkBlock = block;
  const ids = ok.inputs.sourceIds;
  const producers = ok.inputs.producers;
  const top = producers.slice(0, TOP_PRODUCERS);
  const note = (producer: (typeof producers)[number]) =>
    [producer.estimated ? 'estimated' : '', producer.lowerBound ? 'lower bound' : ''].filter(Boolean).join(', ') || undefined;
  const shares = ok.measure === 'shares';
  const when = fmt.when(ok);
  return h(
    'section',
    { class: 'card', 'data-stage': ok.stage, 'data-measure': ok.measure },
    h('h3', {}, `${title(ok.stage)} · ${when}`, h('span', { class: 'note' }, ` · ${ok.basisLabel}`)),
    h(
      'dl',
      { class: 'facts' },
      fact(
        'HHI',
        cited(
          fmt.hhi(ok.hhi),
          ids,
          ok.hhiUpperBound !== ok.hhi ? `up to ${fmt.hhi(ok.hhiUpperBound)} if unallocated output were one producer` : undefined,
        ),
        'data-hhi',
        ok.hhi,
      ),
      fact('2023 Merger Guidelines', band(ok.bands.doj2023)),
      fact('2010 Guidelines', band(ok.bands.hmg2010)),
      fact('Top producer', cited(`${ok.top.country} ${fmt.share(ok.top.share)}`, ids)),
      fact('Top 3', cited(fmt.share(ok.cr3), ids)),
      fact('Equivalent suppliers', cited(fmt.plain(ok.equivalentSuppliers), ids)),
      shares
        ? fact('World', cited('shares only', ids, 'the source publishes country shares of world supply, not tonnes'))
        : fact('World', cited(`${fmt.int(ok.inputs.worldTonnes)} t`, ids, ok.inputs.worldTotal.reason ?? 'published world total')),
    ),
    // A total taken of the rows (the printed one was rounded below them) says so, one click from the whole list.
    ok.inputs.worldTotal.rule === 'reconciled'
      ? h(
          'p',
          { class: 'note reconciled', 'data-stage': ok.stage },
          `World total reconciled: printed ${fmt.int(ok.inputs.worldTotal.published)} ${ok.inputs.worldTotal.unit}, the countries add up to ${fmt.plain(ok.inputs.worldTotal.used)} ${ok.inputs.worldTotal.unit}, which every share here is taken of. `,
          qualityLink({ mineral, kind: 'reconciled-total' }, 'Every reconciled total'),
        )
      : null,
    chart({
      title: `${title(ok.stage)} ${when}: share of world production by country (top ${top.length})`,
      kind: 'bar',
      horizontal: true,
      categories: top.map((producer) => producer.name),
      series: [
        {
          name: 'Share of world production',
          data: top.map((producer) => producer.share),
          notes: top.map((producer) =>
            shares ? 'published share' : `${fmt.int(producer.tonnes)} t${note(producer) ? ` (${note(producer)})` : ''}`,
          ),
        },
      ],
      format: (value) => `${fmt.plain(value)} %`,
      max: 100,
    }),
    ok.withheld.length ? h('p', { class: 'note' }, `Withheld by the source: ${ok.withheld.join(', ')}.`) : null,
    ok.belowThreshold
      ? h(
          'p',
          { class: 'note' },
          `Below the source's ${ok.belowThreshold.threshold} reporting threshold (no number, never 0): ${ok.belowThreshold.countries.join(', ')}.`,
        )
      : null,
    alternative(
      table(
        `${title(ok.stage)} ${when}: every producer`,
        [
          { label: 'Country', cell: (row) => row.name },
          { label: 'Tonnes', numeric: true, cell: (row) => cited(fmt.int(row.tonnes), ids, note(row)) },
          { label: 'Share', numeric: true, cell: (row) => cited(fmt.share(row.share), ids, note(row)) },
          { label: 'Flags', cell: (row) => note(row) ?? '' },
        ],
        producers,
      ),
    ),
    h(
      'p',
      { class: 'note' },
      'Sources: ',
      ids.flatMap((id, index) => [index ? ', ' : '', sourceLink(id)]),
      '. ',
      h('a', { href: ok.method.href }, `Method ${ok.method.id} ${ok.method.version}`),
    ),
  );
}

function fact(label: string, value: HTMLElement, dataName?: string, dataValue?: number): HTMLElement {
  return h('div', dataName ? { [dataName]: dataValue } : {}, h('dt', {}, label), h('dd', {}, value));
}

function title(stage: string): string {
  return stage.charAt(0).toUpperCase() + stage.slice(1);
}

function historySection(history: Schemas['ConcentrationHistory'], mineral: string): HTMLElement {
  type Series = Extract<Schemas['ConcentrationHistory']['stages'][number], { status: 'ok' }>;
  type Point = Extract<Series['series'][number], { status: 'ok' }>;
  const withData = history.stages.filter((stage): stage is Series => stage.status === 'ok' && stage.series.length > 0);
  if (withData.length === 0) return h('p', { class: 'insufficient' }, 'No stage has figures over time.');
  const okPoints = (stage: Series) => stage.series.filter((point): point is Point => point.status === 'ok');
  const years = [...new Set(withData.flatMap((stage) => stage.series.map((point) => point.year)))].sort((a, b) => a - b);
  const pointAt = (stage: Series, year: number) => okPoints(stage).find((point) => point.year === year);
  const rows = withData.flatMap((stage) => okPoints(stage).map((point) => ({ stage: stage.stage, ...point })));
  const breaks = withData.flatMap((stage) => stage.series.filter((point) => point.break !== null)).length;
  return h(
    'div',
    { id: 'history', 'data-breaks': breaks },
    breaks > 0
      ? h(
          'p',
          { class: 'note' },
          `${breaks === 1 ? 'One point starts' : `${breaks} points start`} a new segment (◆): its figures come from another publication or basis than the point before, so the line is not drawn across it and no change should be read there. `,
          qualityLink({ mineral, kind: 'series-break' }, 'Every break, with its reason'),
        )
      : null,
    chart({
      title: `HHI by year for ${withData.map((stage) => stage.stage).join(', ')}`,
      kind: 'line',
      categories: years.map(String),
      series: withData.map((stage) => ({
        name: title(stage.stage),
        data: years.map((year) => pointAt(stage, year)?.hhi ?? null),
        notes: years.map((year) => {
          const point = pointAt(stage, year);
          return point
            ? `top ${point.topCountry} ${fmt.share(point.topShare)} · ${point.publication} · source ${point.sourceIds.map(citation).join('; ')}`
            : null;
        }),
        // A point from another publication or basis than the one before starts a new segment, with the reason.
        breaks: years.map((year) => stage.series.find((point) => point.year === year)?.break?.reason ?? null),
      })),
      format: fmt.hhi,
      thresholds: [
        { value: 1000, label: 'moderate (2023 MG)' },
        { value: 1800, label: 'high (2023 MG)' },
      ],
    }),
    alternative(
      table(
        'HHI by stage and year',
        [
          { label: 'Stage', cell: (row) => title(row.stage) },
          { label: 'Year', numeric: true, cell: (row) => row.year },
          { label: 'HHI', numeric: true, cell: (row) => cited(fmt.hhi(row.hhi), row.sourceIds) },
          { label: 'Top producer', cell: (row) => row.topCountry },
          { label: 'Its share', numeric: true, cell: (row) => cited(fmt.share(row.topShare), row.sourceIds) },
          { label: 'World tonnes', numeric: true, cell: (row) => cited(fmt.int(row.worldTonnes), row.sourceIds) },
          { label: 'Publication', cell: (row) => row.publication },
          {
            label: 'Break',
            cell: (row) =>
              row.break
                ? h(
                    'span',
                    { class: 'break', tabindex: 0, 'data-tip': row.break.reason, 'aria-describedby': 'tip' },
                    `◆ ${row.break.kinds.join(', ')}`,
                  )
                : '—',
          },
        ],
        rows,
      ),
    ),
  );
}

function reservesSection(rows: Schemas['Reserve'][], countryName: Map<string, string>): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'insufficient' }, 'No reserves figures for this mineral.');
  const latest = Math.max(...rows.map((row) => row.year));
  const current = rows.filter((row) => row.year === latest).sort((a, b) => b.tonnes - a.tonnes);
  const world = current.find((row) => row.country === 'WLD');
  const countries = current.filter((row) => row.country !== 'WLD');
  return h(
    'div',
    {},
    world ? h('p', {}, `World reserves ${latest}: `, cited(`${fmt.int(world.tonnes)} t`, [world.source.id]), ` (${world.basis}).`) : null,
    table(
      `Reserves ${latest} by country (${countries[0]?.basis ?? ''})`,
      [
        { label: 'Country', cell: (row) => countryName.get(row.country) ?? row.country },
        {
          label: 'Tonnes',
          numeric: true,
          cell: (row) =>
            cited(`${row.lowerBound ? '≥ ' : ''}${fmt.int(row.tonnes)}`, [row.source.id], row.lowerBound ? 'lower bound' : undefined),
        },
        {
          label: world ? 'Share of world' : 'Share of listed',
          numeric: true,
          cell: (row) =>
            cited(
              fmt.share((row.tonnes / (world?.tonnes ?? countries.reduce((sum, r) => sum + r.tonnes, 0))) * 100),
              [row.source.id],
              world ? 'of the published world total' : 'of the countries listed',
            ),
        },
      ],
      countries,
      { id: 'reserves-table' },
    ),
  );
}

function dependencySection(importer: string, row: Dependency | null, countryName: Map<string, string>): HTMLElement {
  const heading = h('h2', {}, `${countryName.get(importer) ?? importer} dependency`);
  if (!row) return h('section', {}, heading, h('p', { class: 'insufficient' }, `No import figures for ${importer}.`));
  const reliance = row.netImportReliance;
  const sources = row.importSources;
  const concentration = row.importSourceConcentration;
  const index = row.dependencyIndex;
  const item = (label: string, value: HTMLElement | string, why: string) => [
    h('dt', {}, label),
    h('dd', {}, value, h('span', { class: 'why' }, why)),
  ];
  return h(
    'section',
    { id: `dependency-${importer}` },
    heading,
    h(
      'dl',
      { class: 'explained' },
      item(
        'Net import reliance',
        reliance
          ? cited(
              `${reliance.valueText}${reliance.percent !== null ? ' %' : ''} (${reliance.year}${reliance.form ? `, ${reliance.form}` : ''})`,
              [reliance.sourceId],
              reliance.censored ? 'published as a range: the bound is used' : undefined,
            )
          : 'not published',
        'Share of apparent consumption met by net imports, as published by USGS (">50" is a range; "E" means net exporter).',
      ),
      item(
        'Import sources',
        sources
          ? h(
              'span',
              {},
              sources.sources.map((source, i) => [
                i ? ', ' : '',
                source.sharePct !== null
                  ? cited(`${source.name} ${fmt.share(source.sharePct)}`, sources.sourceIds)
                  : cited(`${source.rank}. ${source.name}`, sources.sourceIds, 'rank only'),
              ]),
              sources.otherSharePct !== null ? [', other ', cited(fmt.share(sources.otherSharePct), sources.sourceIds)] : null,
              ` (${sources.period}${sources.form ? `, ${sources.form}` : ''})`,
            )
          : 'not published',
        sources?.rankOnly
          ? 'Only the order of suppliers is published, not their shares.'
          : 'Where the imports came from, by share of import value or tonnage, over the period shown.',
      ),
      item(
        'Import-source concentration',
        concentration === null
          ? 'not available'
          : concentration.status === 'ok'
            ? h(
                'span',
                {},
                'HHI ',
                cited(fmt.hhi(concentration.hhi), sources?.sourceIds ?? []),
                ` (up to ${fmt.hhi(concentration.hhiUpperBound)}); `,
                cited(fmt.share(concentration.unlistedShare), sources?.sourceIds ?? []),
                ' unlisted',
              )
            : `insufficient data: ${concentration.reason}`,
        'HHI of the import shares: how much the importer depends on a few suppliers. The upper bound treats the unlisted share as one supplier.',
      ),
      item(
        'Dependency index',
        index.status === 'ok'
          ? h(
              'span',
              { 'data-dependency-index': index.index },
              cited(
                fmt.plain(index.index),
                reliance ? [reliance.sourceId] : [],
                `computed by method ${index.method.id} ${index.method.version}`,
              ),
              ' = trade exposure ',
              cited(fmt.fraction(index.tradeExposure), reliance ? [reliance.sourceId] : []),
              ` × disruption potential ${fmt.plain(index.disruptionPotential)}`,
              index.assessedStage ? ` (${index.assessedStage} ${index.assessedYear})` : '',
            )
          : `insufficient data: ${index.reason}`,
        'Trade exposure is net import reliance; disruption potential weights the assessed stage’s concentration by producers’ governance (WGI). 0 = no exposure, 1 = fully exposed.',
      ),
      index.status === 'ok' && index.caveats.length
        ? item(
            'Caveats',
            h(
              'ul',
              {},
              index.caveats.map((caveat) => h('li', {}, caveat)),
            ),
            'What this index does not capture.',
          )
        : null,
    ),
    h('p', { class: 'note' }, h('a', { href: index.method.href }, `Method ${index.method.id} ${index.method.version}`)),
  );
}

function defenseSection(uses: Schemas['DefenseUse'][]): HTMLElement {
  if (uses.length === 0) return h('p', { class: 'insufficient' }, 'No defense uses recorded for this mineral.');
  const byCategory = new Map<string, Schemas['DefenseUse'][]>();
  for (const use of uses) byCategory.set(use.category, [...(byCategory.get(use.category) ?? []), use]);
  return h(
    'div',
    { id: 'defense-uses' },
    [...byCategory].map(([category, list]) => [
      h('h3', {}, `${category.replaceAll('-', ' ')} (${list.length})`),
      h(
        'ul',
        { class: 'uses' },
        list.map((use) =>
          h(
            'li',
            {},
            h('strong', {}, use.application),
            ': ',
            use.description,
            ' ',
            h('span', { class: 'note' }, '— ', sourceLink(use.source.id)),
          ),
        ),
      ),
    ]),
  );
}
