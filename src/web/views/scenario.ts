/**
 * Scenario builder: a preset (optionally with another importer, year or stockpile) or custom shocks (countries or a
 * group, stages, reduction), run by the API; results as charts and tables: loss per stage, HHI before/after,
 * consumption at risk, months of cover and alternatives.
 *
 * The URL holds the request, so a result can be shared: `?view=scenario&preset=china-antimony-ban&stockpile=antimony:2000`
 * or `?view=scenario&body={…}` (the JSON body of POST /v1/scenarios/disruption). The form does not validate values
 * itself (novalidate): the API does, and its problem details are shown in words.
 */
import { api, apiUrl, curlFor, unwrap, type Schemas } from '../api';
import { chart } from '../charts';
import type { ViewContext } from '../context';
import { fillEditionOptions } from '../editions';
import { alternative, append, cited, fmt, h, loading, problemBox, sourcesReady, table, toolbar, type Child } from '../ui';

type Request = Schemas['DisruptionRequestInput'];
type Shock = Request['shocks'][number];
type Result = Schemas['DisruptionScenario'];
type MineralResult = Result['results'][number];
type MineralOk = Extract<MineralResult, { status: 'ok' }>;
type StageOutcome = MineralOk['stages'][number];
type StageOk = Extract<StageOutcome, { status: 'ok' }>;

interface FormState {
  mode: 'preset' | 'custom';
  preset: string;
  shocks: Shock[];
  minerals: string[];
  year: string;
  importer: string;
  stockpile: Record<string, string>;
  /** An edition id (`?edition=` in preset mode, `edition` in a custom body); empty = the newest of each series. */
  edition: string;
}

const STAGES = ['mining', 'refining', 'metal', 'component'];

/** `antimony:2000,tungsten:500` ⇄ { antimony: '2000', tungsten: '500' } (kept as typed: the API checks the numbers). */
function parseStockpile(text: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (text ?? '').split(',')) {
    const [mineral, tonnes] = part.split(':');
    if (mineral && tonnes !== undefined && tonnes !== '') out[mineral.trim()] = tonnes.trim();
  }
  return out;
}

const stockpileText = (stockpile: Record<string, string>) =>
  Object.entries(stockpile)
    .filter(([, tonnes]) => tonnes !== '')
    .map(([mineral, tonnes]) => `${mineral}:${tonnes}`)
    .join(',');

/** A typed number as the API should see it: a number when it is one, else the text itself (so the API names it). */
function numberOrText(text: string): number {
  const value = Number(text);
  return (text.trim() !== '' && Number.isFinite(value) ? value : text) as number;
}

function stateFromUrl(params: URLSearchParams, presets: Schemas['ScenarioPresetList']['data']): FormState {
  const base: FormState = {
    mode: 'preset',
    preset: params.get('preset') ?? presets.find((preset) => preset.id === 'china-antimony-ban')?.id ?? presets[0]?.id ?? '',
    shocks: [{ countries: ['CHN'], reduction: 1 }],
    minerals: [],
    year: params.get('year') ?? '',
    importer: params.get('importer') ?? 'USA',
    stockpile: parseStockpile(params.get('stockpile')),
    edition: params.get('edition') ?? '',
  };
  const body = params.get('body');
  if (body) {
    try {
      const parsed = JSON.parse(body) as Partial<Request>;
      return {
        ...base,
        mode: 'custom',
        shocks: Array.isArray(parsed.shocks) && parsed.shocks.length ? parsed.shocks : base.shocks,
        minerals: parsed.minerals ?? [],
        year: parsed.year !== undefined ? String(parsed.year) : '',
        importer: parsed.importer ?? 'USA',
        stockpile: Object.fromEntries(Object.entries(parsed.stockpile ?? {}).map(([mineral, tonnes]) => [mineral, String(tonnes)])),
        edition: typeof parsed.edition === 'string' ? parsed.edition : '',
      };
    } catch {
      return { ...base, mode: 'custom' };
    }
  }
  return base;
}

/** What the form asks for, as the API request it becomes. */
function requestOf(state: FormState): { path: string; body: Record<string, unknown> } {
  const stockpile = Object.fromEntries(
    Object.entries(state.stockpile)
      .filter(([, t]) => t !== '')
      .map(([m, t]) => [m, numberOrText(t)]),
  );
  const common: Record<string, unknown> = {};
  if (state.year.trim() !== '') common.year = numberOrText(state.year);
  if (Object.keys(stockpile).length) common.stockpile = stockpile;
  if (state.edition) common.edition = state.edition;
  if (state.mode === 'preset') {
    if (state.importer && state.importer !== 'USA') common.importer = state.importer;
    return { path: `/v1/scenarios/presets/${encodeURIComponent(state.preset)}`, body: common };
  }
  const body: Record<string, unknown> = { shocks: state.shocks, importer: state.importer || 'USA', ...common };
  if (state.minerals.length) body.minerals = state.minerals;
  return { path: '/v1/scenarios/disruption', body };
}

function urlParamsOf(state: FormState): Record<string, string | null> {
  if (state.mode === 'preset') {
    return {
      preset: state.preset,
      body: null,
      year: state.year || null,
      importer: state.importer === 'USA' ? null : state.importer,
      stockpile: stockpileText(state.stockpile) || null,
      edition: state.edition || null,
      run: '1',
    };
  }
  const { body } = requestOf(state);
  return { preset: null, year: null, importer: null, stockpile: null, edition: null, body: JSON.stringify(body), run: '1' };
}

export async function scenarioView(main: HTMLElement, context: ViewContext): Promise<void> {
  const signal = context.signal;
  main.replaceChildren(h('h1', { tabindex: -1 }, 'Scenario builder'), loading('Loading presets, minerals, groups and importers…'));
  const [presets, minerals, groups, importers] = await Promise.all([
    unwrap(api.GET('/v1/scenarios/presets', { signal }), 'GET /v1/scenarios/presets'),
    unwrap(api.GET('/v1/minerals', { params: { query: { limit: 1000 } }, signal }), 'GET /v1/minerals'),
    unwrap(api.GET('/v1/groups', { params: { query: { limit: 1000 } }, signal }), 'GET /v1/groups'),
    unwrap(api.GET('/v1/importers', { params: { query: { limit: 1000 } }, signal }), 'GET /v1/importers'),
    sourcesReady(),
  ]);
  const state = stateFromUrl(context.params, presets.data);
  const results = h('section', { id: 'scenario-results', 'aria-live': 'polite' });

  const formHolder = h('div');
  const drawForm = () =>
    formHolder.replaceChildren(
      form(state, { presets: presets.data, minerals: minerals.data, groups: groups.data, importers: importers.data }, drawForm, () =>
        context.navigate(urlParamsOf(state)),
      ),
    );
  drawForm();

  main.replaceChildren(
    h('h1', { tabindex: -1 }, 'Scenario builder'),
    h(
      'p',
      { class: 'lede' },
      'What if a country, or a group, stops supplying? Pick a preset or build the shocks, then run it: the API computes the loss at each stage, the concentration of what is left, the importer’s consumption at risk, months of stockpile cover and who could fill the gap.',
    ),
    formHolder,
    results,
  );

  if (context.params.get('run') === '1' || context.params.has('body') || context.params.has('preset')) {
    await run(state, results, minerals.data, signal);
  }
}

interface Lists {
  presets: Schemas['ScenarioPresetList']['data'];
  minerals: Schemas['Mineral'][];
  groups: Schemas['Group'][];
  importers: Schemas['Importer'][];
}

let uid = 0;
const nextId = (prefix: string) => `${prefix}-${++uid}`;

function form(state: FormState, lists: Lists, redraw: () => void, submit: () => void): HTMLElement {
  const element = h('form', { id: 'scenario-form', novalidate: true, 'aria-label': 'Scenario settings' });
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });

  const modeName = 'scenario-mode';
  const modeRadio = (value: FormState['mode'], label: string) => {
    const input = h('input', { type: 'radio', name: modeName, value, id: `mode-${value}`, checked: state.mode === value });
    input.addEventListener('change', () => {
      state.mode = value;
      redraw();
      document.getElementById(`mode-${value}`)?.focus();
    });
    return h('label', {}, input, label);
  };

  const preset = lists.presets.find((candidate) => candidate.id === state.preset);
  const presetSelect = h(
    'select',
    { id: 'scenario-preset', name: 'preset' },
    lists.presets.map((p) => h('option', { value: p.id, selected: p.id === state.preset }, p.title)),
  );
  presetSelect.addEventListener('change', () => {
    state.preset = presetSelect.value;
    redraw();
    document.getElementById('scenario-preset')?.focus();
  });
  const editAsCustom = h('button', { type: 'button', id: 'preset-to-custom' }, 'Edit as custom shocks');
  editAsCustom.addEventListener('click', () => {
    if (!preset) return;
    state.mode = 'custom';
    state.shocks = preset.body.shocks.map((shock) => ({ ...shock })) as Shock[];
    state.minerals = preset.body.minerals ?? [];
    redraw();
    document.getElementById('mode-custom')?.focus();
  });

  const presetPart = h(
    'fieldset',
    {},
    h('legend', {}, 'Preset'),
    h('div', { class: 'field' }, h('label', { for: 'scenario-preset' }, 'Scenario'), presetSelect),
    preset ? h('p', { class: 'note', id: 'preset-question' }, preset.question) : null,
    editAsCustom,
  );

  const shockParts = state.shocks.map((shock, index) => shockFieldset(state, shock, index, lists, redraw));
  const addShock = h('button', { type: 'button', id: 'add-shock' }, '+ Add a shock');
  addShock.addEventListener('click', () => {
    state.shocks.push({ countries: [], reduction: 1 });
    redraw();
    document.getElementById(`shock-${state.shocks.length - 1}-countries`)?.focus();
  });
  const customPart = h('div', {}, shockParts, addShock);

  // Minerals: included (custom only; none ticked = every mineral) and stockpile tonnes (both modes).
  const mineralRows = lists.minerals.map((mineral) => {
    const include = h('input', { type: 'checkbox', id: `include-${mineral.id}`, checked: state.minerals.includes(mineral.id) });
    include.addEventListener('change', () => {
      state.minerals = include.checked ? [...state.minerals, mineral.id] : state.minerals.filter((id) => id !== mineral.id);
    });
    const stock = h('input', {
      type: 'number',
      id: `stockpile-${mineral.id}`,
      min: 0,
      step: 'any',
      inputmode: 'decimal',
      value: state.stockpile[mineral.id] ?? '',
      'aria-label': state.mode === 'preset' ? null : `${mineral.name} stockpile, tonnes`,
    });
    stock.addEventListener('input', () => {
      state.stockpile[mineral.id] = stock.value;
    });
    return state.mode === 'preset'
      ? h('div', { class: 'mrow' }, h('label', { for: `stockpile-${mineral.id}` }, mineral.name), stock)
      : h('div', { class: 'mrow' }, h('label', { for: `include-${mineral.id}` }, include, mineral.name), stock);
  });

  const year = h('input', { type: 'number', id: 'scenario-year', min: 1900, max: 2100, step: 1, value: state.year, placeholder: 'latest' });
  year.addEventListener('input', () => (state.year = year.value));
  const importer = h(
    'select',
    { id: 'scenario-importer' },
    lists.importers.map((importer) =>
      h('option', { value: importer.id, selected: importer.id === state.importer }, `${importer.name} (${importer.id})`),
    ),
  );
  importer.addEventListener('change', () => (state.importer = importer.value));
  const edition = h(
    'select',
    { id: 'scenario-edition' },
    h('option', { value: state.edition, selected: true }, state.edition || 'newest (per series)'),
  ) as HTMLSelectElement;
  void fillEditionOptions(edition, state.edition).catch(() => undefined);
  edition.addEventListener('change', () => (state.edition = edition.value));

  append(element, [
    h(
      'fieldset',
      { class: 'radios field' },
      h('legend', {}, 'Shocks from'),
      modeRadio('preset', 'a preset'),
      modeRadio('custom', 'custom shocks'),
    ),
    state.mode === 'preset' ? presetPart : customPart,
    h(
      'fieldset',
      {},
      h(
        'legend',
        {},
        state.mode === 'preset'
          ? 'Stockpile (tonnes held by the importer)'
          : 'Minerals (none ticked = every mineral) and stockpile (tonnes)',
      ),
      h('div', { class: 'mineral-rows' }, mineralRows),
    ),
    h(
      'div',
      { class: 'controls' },
      h('div', { class: 'field' }, h('label', { for: 'scenario-importer' }, 'Importer'), importer),
      h('div', { class: 'field' }, h('label', { for: 'scenario-year' }, 'Year (blank = latest)'), year),
      h('div', { class: 'field edition-field' }, h('label', { for: 'scenario-edition' }, 'Edition'), edition),
      h('button', { type: 'submit', class: 'primary', id: 'run-scenario' }, 'Run scenario'),
    ),
  ]);
  return element;
}

function shockFieldset(state: FormState, shock: Shock, index: number, lists: Lists, redraw: () => void): HTMLElement {
  const prefix = `shock-${index}`;
  const byGroup = shock.group !== undefined;
  const whoName = nextId(`${prefix}-who`);
  const who = (value: 'countries' | 'group', label: string) => {
    const input = h('input', { type: 'radio', name: whoName, id: `${prefix}-by-${value}`, checked: (value === 'group') === byGroup });
    input.addEventListener('change', () => {
      if (value === 'group') {
        delete shock.countries;
        shock.group = lists.groups[0]?.id ?? '';
      } else {
        delete shock.group;
        shock.countries = [];
      }
      redraw();
      document.getElementById(`${prefix}-by-${value}`)?.focus();
    });
    return h('label', {}, input, label);
  };
  const countries = h('input', {
    type: 'text',
    id: `${prefix}-countries`,
    value: (shock.countries ?? []).join(', '),
    placeholder: 'CHN, RUS',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': `${prefix}-countries-hint`,
  });
  countries.addEventListener('input', () => {
    shock.countries = countries.value
      .split(/[\s,;]+/)
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean);
  });
  const group = h(
    'select',
    { id: `${prefix}-group` },
    lists.groups.map((g) => h('option', { value: g.id, selected: g.id === shock.group }, `${g.name} (${g.memberCount})`)),
  );
  group.addEventListener('change', () => (shock.group = group.value));
  const stages = STAGES.map((stage) => {
    const box = h('input', { type: 'checkbox', id: `${prefix}-stage-${stage}`, checked: shock.stages?.includes(stage as never) ?? false });
    box.addEventListener('change', () => {
      const chosen = new Set(shock.stages ?? []);
      if (box.checked) chosen.add(stage as never);
      else chosen.delete(stage as never);
      shock.stages = chosen.size ? (STAGES.filter((s) => chosen.has(s as never)) as Shock['stages']) : undefined;
      if (!shock.stages) delete shock.stages;
    });
    return h('label', {}, box, stage);
  });
  const reduction = h('input', {
    type: 'number',
    id: `${prefix}-reduction`,
    min: 0,
    max: 1,
    step: 0.05,
    value: String(shock.reduction),
    'aria-describedby': `${prefix}-reduction-hint`,
  });
  reduction.addEventListener('input', () => (shock.reduction = numberOrText(reduction.value)));
  const remove = h('button', { type: 'button', 'aria-label': `Remove shock ${index + 1}` }, 'Remove');
  remove.addEventListener('click', () => {
    state.shocks.splice(index, 1);
    redraw();
    document.getElementById('add-shock')?.focus();
  });
  return h(
    'fieldset',
    { class: 'shock' },
    h('legend', {}, `Shock ${index + 1}`),
    h(
      'div',
      { class: 'row' },
      h('fieldset', { class: 'radios field' }, h('legend', {}, 'Who cuts'), who('countries', 'countries'), who('group', 'a group')),
      byGroup
        ? h('div', { class: 'field' }, h('label', { for: `${prefix}-group` }, 'Group'), group)
        : h(
            'div',
            { class: 'field' },
            h('label', { for: `${prefix}-countries` }, 'Countries (ISO3)'),
            countries,
            h('span', { class: 'note', id: `${prefix}-countries-hint` }, 'comma-separated, e.g. CHN, RUS'),
          ),
      h('fieldset', { class: 'radios field' }, h('legend', {}, 'Stages (none = all)'), stages),
      h(
        'div',
        { class: 'field' },
        h('label', { for: `${prefix}-reduction` }, 'Reduction (0–1)'),
        reduction,
        h('span', { class: 'note', id: `${prefix}-reduction-hint` }, '1 = supply stops'),
      ),
      state.shocks.length > 1 ? remove : null,
    ),
  );
}

// ---- running and results ----------------------------------------------------------------------------------------

async function run(state: FormState, holder: HTMLElement, minerals: Schemas['Mineral'][], signal: AbortSignal): Promise<void> {
  const request = requestOf(state);
  holder.replaceChildren(loading('Running the scenario…'));
  const what = `POST ${request.path}`;
  let result: Result & { preset?: { id: string; title: string; question: string } };
  try {
    result =
      state.mode === 'preset'
        ? await unwrap(
            api.POST('/v1/scenarios/presets/{id}', {
              params: { path: { id: state.preset } },
              body: request.body as Schemas['PresetOverridesInput'],
              signal,
            }),
            what,
          )
        : await unwrap(api.POST('/v1/scenarios/disruption', { body: request.body as unknown as Request, signal }), what);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    const marked = markInvalidInputs(error);
    holder.replaceChildren(
      h('h2', {}, 'The API refused this scenario'),
      problemBox(error),
      h(
        'p',
        { class: 'note' },
        marked.length
          ? ['Fix ', marked.map((link, i) => [i ? ', ' : '', link]), ' and run it again.']
          : 'Change the scenario and run it again.',
      ),
    );
    return;
  }
  const url = apiUrl(request.path);
  const names = new Map(minerals.map((mineral) => [mineral.id, mineral.name]));
  const ok = result.results.filter((r): r is MineralOk => r.status === 'ok');
  const detailHolder = h('div', { id: 'scenario-detail' });
  const pick = h(
    'select',
    { id: 'scenario-detail-mineral' },
    ok.map((r) => h('option', { value: r.mineral }, r.name)),
  );
  const initial = new URLSearchParams(location.search).get('detail');
  if (initial && ok.some((r) => r.mineral === initial)) pick.value = initial;
  const showDetail = () => {
    const chosen = ok.find((r) => r.mineral === pick.value);
    detailHolder.replaceChildren();
    if (chosen) append(detailHolder, mineralDetail(chosen));
  };
  pick.addEventListener('change', () => {
    const params = new URLSearchParams(location.search);
    params.set('detail', pick.value);
    history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
    showDetail();
  });

  holder.replaceChildren();
  append(holder, [
    h('h2', {}, result.preset ? `Results: ${result.preset.title}` : 'Results'),
    toolbar({
      label: 'Data for this scenario',
      csv: [{ label: 'Download CSV', post: { url, body: request.body, filename: `scenario-${result.preset?.id ?? 'custom'}.csv` } }],
      curl: curlFor({ method: 'POST', url, body: Object.keys(request.body).length || state.mode === 'custom' ? request.body : undefined }),
    }),
    h(
      'p',
      { class: 'note' },
      `Importer ${result.scenario.importer}; ${result.scenario.shocks.length} shock(s): `,
      result.scenario.shocks.map((shock, i) => [
        i ? '; ' : '',
        `${shock.group ?? shock.countries.join(', ')} −${fmt.fraction(shock.reduction)}${shock.stages ? ` at ${shock.stages.join(', ')}` : ' at every stage'}`,
      ]),
    ),
    ok.length > 1
      ? chart({
          title: 'Binding loss (share of world supply lost at the weakest stage) and the importer’s consumption at risk, by mineral',
          kind: 'bar',
          categories: ok.map((r) => r.name),
          series: [
            { name: 'Binding loss', data: ok.map((r) => r.bindingLoss * 100), notes: ok.map((r) => `at ${r.bindingStage}`) },
            {
              name: 'Consumption at risk',
              data: ok.map((r) => r.importerImpact.consumptionAtRisk * 100),
              notes: ok.map((r) => (r.importerImpact.proxy ? 'proxy: world loss at the binding stage' : 'from import sources')),
            },
          ],
          format: (value) => `${fmt.plain(value)} %`,
          max: 100,
          tall: true,
        })
      : null,
    table(
      'Minerals ranked by binding loss',
      [
        { label: 'Rank', numeric: true, cell: (row) => row.rank },
        {
          label: 'Mineral',
          cell: (row) => h('a', { href: `/?view=mineral&mineral=${row.mineral}`, 'data-nav': true }, names.get(row.mineral) ?? row.mineral),
        },
        {
          label: 'Binding loss',
          numeric: true,
          cell: (row) =>
            row.bindingLoss === null
              ? '—'
              : h(
                  'span',
                  { 'data-binding-loss': row.bindingLoss, 'data-mineral': row.mineral },
                  citedLoss(row.bindingLoss, result, row.mineral),
                ),
        },
        { label: 'At stage', cell: (row) => row.bindingStage ?? '—' },
        {
          label: 'Consumption at risk',
          numeric: true,
          cell: (row) => (row.consumptionAtRisk === null ? '—' : citedRisk(row.consumptionAtRisk, result, row.mineral)),
        },
        { label: 'Months of cover', numeric: true, cell: (row) => monthsOf(result, row.mineral) },
        {
          label: 'Top alternative',
          cell: (row) => (row.topAlternative ? `${row.topAlternative.name} (${fmt.share(row.topAlternative.share)})` : '—'),
        },
        { label: 'Note', cell: (row) => row.reason ?? '' },
      ],
      result.summary,
      { id: 'scenario-summary' },
    ),
    ok.length
      ? h('div', { class: 'controls' }, h('div', { class: 'field' }, h('label', { for: 'scenario-detail-mineral' }, 'Details for'), pick))
      : null,
    detailHolder,
  ]);
  showDetail();
}

/** The form input an API field error names (`body.shocks.0.reduction` → the first shock's reduction), if any. */
function inputFor(field: string): HTMLElement | null {
  const parts = field.split('.');
  if (parts[0] !== 'body') return null;
  if (parts[1] === 'shocks' && parts[2] !== undefined) {
    const leaf =
      parts[3] === 'countries' || parts[3] === 'group' || parts[3] === 'reduction'
        ? parts[3]
        : parts[3] === 'stages'
          ? 'stage-mining'
          : 'countries';
    return document.getElementById(`shock-${parts[2]}-${leaf}`) ?? document.getElementById(`shock-${parts[2]}-group`);
  }
  if (parts[1] === 'year') return document.getElementById('scenario-year');
  if (parts[1] === 'importer') return document.getElementById('scenario-importer');
  if (parts[1] === 'stockpile' && parts[2]) return document.getElementById(`stockpile-${parts[2]}`);
  if (parts[1] === 'minerals') return document.querySelector('[id^="include-"]');
  return null;
}

/** Marks the inputs the API's field errors name (aria-invalid) and returns links that move the focus to them. */
function markInvalidInputs(error: unknown): HTMLElement[] {
  for (const input of document.querySelectorAll('#scenario-form [aria-invalid]')) input.removeAttribute('aria-invalid');
  const errors = (error as { problem?: { errors?: { field: string }[] } }).problem?.errors ?? [];
  const links: HTMLElement[] = [];
  for (const item of errors) {
    const input = inputFor(item.field);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    const label = document.querySelector(`label[for="${input.id}"]`)?.textContent ?? input.getAttribute('aria-label') ?? item.field;
    const link = h('a', { href: `#${input.id}` }, label);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      input.focus();
    });
    links.push(link);
  }
  return links;
}

function stageSources(result: Result, mineral: string, stage: string | null): string[] {
  const entry = result.results.find((r) => r.mineral === mineral);
  const outcome = entry?.stages.find((s) => s.stage === stage);
  return outcome && outcome.status === 'ok' ? outcome.sourceIds : entry && entry.status === 'ok' ? entry.inputs.sourceIds : [];
}

function citedLoss(loss: number, result: Result, mineral: string): HTMLElement {
  const entry = result.results.find((r) => r.mineral === mineral);
  return cited(
    fmt.fraction(loss),
    stageSources(result, mineral, entry && entry.status === 'ok' ? entry.bindingStage : null),
    'computed by the disruption method from these figures',
  );
}

function riskSources(entry: MineralOk): string[] {
  const impact = entry.importerImpact;
  return [impact.netImportReliance.sourceId, ...(impact.importSources?.sourceIds ?? [])].filter((id): id is string => Boolean(id));
}

function citedRisk(risk: number, result: Result, mineral: string): HTMLElement {
  const entry = result.results.find((r): r is MineralOk => r.mineral === mineral && r.status === 'ok');
  return cited(
    fmt.fraction(risk),
    entry ? riskSources(entry) : [],
    entry?.importerImpact.proxy
      ? 'proxy: the world loss at the binding stage'
      : 'net import reliance × shocked suppliers’ share of imports',
  );
}

function monthsOf(result: Result, mineral: string): Child {
  const entry = result.results.find((r): r is MineralOk => r.mineral === mineral && r.status === 'ok');
  const cover = entry?.importerImpact.monthsOfCover;
  if (!cover) return '—';
  if (cover.months === null)
    return h(
      'span',
      { class: 'note', tabindex: 0, 'data-tip': `Months of cover: ${cover.reason ?? 'not computed'}`, 'aria-describedby': 'tip' },
      '—',
      h('span', { class: 'sr-only' }, ` (${cover.reason ?? 'not computed'})`),
    );
  return cited(
    `${fmt.plain(cover.months)} months`,
    cover.apparentConsumption ? [cover.apparentConsumption.sourceId] : [],
    'stockpile ÷ (apparent consumption × consumption at risk ÷ 12)',
  );
}

function mineralDetail(entry: MineralOk): Child[] {
  const stages = entry.stages.filter((stage): stage is StageOk => stage.status === 'ok');
  const missing = entry.stages.filter((stage): stage is Exclude<StageOutcome, StageOk> => stage.status !== 'ok');
  const impact = entry.importerImpact;
  const cover = impact.monthsOfCover;
  const bindingIds = stages.find((stage) => stage.stage === entry.bindingStage)?.sourceIds ?? [];
  const topAlternatives = entry.alternatives.slice(0, 8);
  return [
    h('h3', {}, `${entry.name} (${entry.year})`),
    h(
      'div',
      { class: 'summary-cards' },
      card('Binding loss', cited(fmt.fraction(entry.bindingLoss), bindingIds), `at ${entry.bindingStage}`),
      card(
        'Consumption at risk',
        cited(fmt.fraction(impact.consumptionAtRisk), riskSources(entry)),
        impact.proxy
          ? 'proxy: world loss at the binding stage'
          : `${impact.importer}: reliance ${fmt.fraction(impact.netImportReliance.used)}${impact.netImportReliance.assumed ? ' (assumed)' : ''} × shocked import share`,
      ),
      card(
        'Months of cover',
        cover.months === null
          ? h('span', {}, '—')
          : cited(fmt.plain(cover.months), cover.apparentConsumption ? [cover.apparentConsumption.sourceId] : []),
        cover.months === null
          ? (cover.reason ?? '')
          : `${fmt.int(cover.stockpileTonnes ?? 0)} t stockpile, ${fmt.int(cover.tonnesAtRiskPerMonth ?? 0)} t/month at risk`,
      ),
      card(
        'Chokepoint HHI',
        cited(
          `${fmt.hhi(entry.chokepointBefore.hhi)} → ${entry.chokepointAfter ? fmt.hhi(entry.chokepointAfter.hhi) : 'none left'}`,
          stages.find((stage) => stage.stage === entry.chokepointBefore.stage)?.sourceIds ?? [],
          'before → after the shock',
        ),
        `${entry.chokepointBefore.stage}${entry.chokepointAfter && entry.chokepointAfter.stage !== entry.chokepointBefore.stage ? ` → ${entry.chokepointAfter.stage}` : ''}`,
      ),
    ),
    h(
      'div',
      { class: 'grid' },
      h(
        'div',
        {},
        h('h4', {}, 'Loss per stage'),
        chart({
          title: `${entry.name}: share of world supply lost at each stage`,
          kind: 'bar',
          categories: stages.map((stage) => stage.stage),
          series: [
            {
              name: 'Loss share',
              data: stages.map((stage) => stage.lossShare * 100),
              notes: stages.map((stage) =>
                stage.measure === 'shares'
                  ? `share of world supply (${stage.period ?? 'reference period'}); no tonnes`
                  : `${fmt.int(stage.lostTonnes)} of ${fmt.int(stage.baselineTonnes)} t`,
              ),
            },
          ],
          format: (value) => `${fmt.plain(value)} %`,
          max: 100,
        }),
      ),
      h(
        'div',
        {},
        h('h4', {}, 'HHI before and after'),
        chart({
          title: `${entry.name}: HHI at each stage before and after the shock`,
          kind: 'bar',
          categories: stages.map((stage) => stage.stage),
          series: [
            { name: 'Before', data: stages.map((stage) => stage.hhiBefore) },
            { name: 'After', data: stages.map((stage) => stage.hhiAfter) },
          ],
          format: fmt.hhi,
          max: 10000,
        }),
      ),
    ),
    alternative(
      table(
        `${entry.name}: each stage before and after`,
        [
          { label: 'Stage', cell: (row) => row.stage },
          { label: 'Year', numeric: true, cell: (row) => fmt.when(row) },
          // A share-based stage has no tonnes: the dash carries the API's reason.
          {
            label: 'World t',
            numeric: true,
            cell: (row) => cited(fmt.int(row.baselineTonnes), row.sourceIds, row.tonnesReason ?? undefined),
          },
          { label: 'Lost t', numeric: true, cell: (row) => cited(fmt.int(row.lostTonnes), row.sourceIds, row.tonnesReason ?? undefined) },
          { label: 'Loss', numeric: true, cell: (row) => cited(fmt.fraction(row.lossShare), row.sourceIds) },
          { label: 'HHI before', numeric: true, cell: (row) => cited(fmt.hhi(row.hhiBefore), row.sourceIds) },
          {
            label: 'HHI after',
            numeric: true,
            cell: (row) => (row.hhiAfter === null ? 'none left' : cited(fmt.hhi(row.hhiAfter), row.sourceIds)),
          },
          {
            label: 'Top after',
            cell: (row) => (row.topProducerAfter ? `${row.topProducerAfter.name} ${fmt.share(row.topProducerAfter.share)}` : '—'),
          },
          { label: 'Binding', cell: (row) => (row.stage === entry.bindingStage ? 'yes' : '') },
        ],
        stages,
        { id: 'scenario-stage-table' },
      ),
      'Show loss and HHI per stage as a table',
    ),
    missing.length
      ? h(
          'p',
          { class: 'note' },
          'Not assessed: ',
          missing.map((stage, i) => [i ? '; ' : '', `${stage.stage} (${stage.reason})`]),
        )
      : null,
    h('h4', {}, `Who could fill the gap at ${entry.bindingStage}`),
    topAlternatives.length
      ? chart({
          title: `${entry.name}: producers not shocked at ${entry.bindingStage}, share of world supply before the shock`,
          kind: 'bar',
          horizontal: true,
          categories: topAlternatives.map((alt) => alt.name),
          series: [
            {
              name: 'Share before the shock',
              data: topAlternatives.map((alt) => alt.share),
              notes: topAlternatives.map(
                (alt) =>
                  `${alt.tonnes === null ? 'published share' : `${fmt.int(alt.tonnes)} t`}${alt.alsoShocked ? ', also shocked at another stage' : ''}`,
              ),
            },
          ],
          format: (value) => `${fmt.plain(value)} %`,
        })
      : h('p', { class: 'insufficient' }, 'No unshocked producer at the binding stage.'),
    alternative(
      table(
        `${entry.name}: alternative suppliers`,
        [
          { label: 'Country', cell: (row) => row.name },
          { label: 'Share', numeric: true, cell: (row) => cited(fmt.share(row.share), bindingIds) },
          { label: 'Tonnes', numeric: true, cell: (row) => cited(fmt.int(row.tonnes), bindingIds) },
          {
            label: 'Reserves t',
            numeric: true,
            cell: (row) =>
              row.reserves
                ? cited(`${row.reserves.lowerBound ? '≥ ' : ''}${fmt.int(row.reserves.tonnes)} (${row.reserves.year})`, [
                    row.reserves.sourceId,
                  ])
                : '—',
          },
          {
            label: 'WGI (0 best–10 worst)',
            numeric: true,
            cell: (row) => (row.governance ? cited(fmt.plain(row.governance.wgiScaled), [row.governance.sourceId]) : '—'),
          },
          { label: 'Groups', cell: (row) => row.groups.join(', ') },
          { label: 'Also shocked', cell: (row) => (row.alsoShocked ? 'yes' : '') },
        ],
        entry.alternatives,
        { id: 'scenario-alternatives' },
      ),
      'Show every alternative supplier as a table',
    ),
    entry.defenseUses.length
      ? [
          h('h4', {}, `Defense uses exposed (${entry.defenseUses.length})`),
          h(
            'ul',
            { class: 'uses' },
            entry.defenseUses.map((use) => h('li', {}, `${use.application} (${use.category}) `, cited('source', [use.source.id]))),
          ),
        ]
      : null,
    h('h4', {}, 'Assumptions'),
    h(
      'ul',
      {},
      entry.assumptions.map((assumption) => h('li', {}, assumption)),
    ),
    h('p', { class: 'note' }, h('a', { href: entry.method.href }, `Method ${entry.method.id} ${entry.method.version}`)),
  ];
}

function card(label: string, value: HTMLElement, note: string): HTMLElement {
  return h(
    'div',
    { class: 'card' },
    h('div', { class: 'label' }, label),
    h('div', { class: 'big' }, value),
    h('div', { class: 'note' }, note),
  );
}
