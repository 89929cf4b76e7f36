/**
 * Quality: what to know before quoting a number, from GET /v1/quality — every reconciled world total, break in a
 * series, period-based stage, empty stage and censored value of the view, filtered by mineral and kind.
 * URL: ?view=quality&mineral=antimony&kind=series-break&edition=…
 */
import { api, apiUrl, curlFor, unwrap, type Schemas } from '../api';
import type { ViewContext } from '../context';
import { editionControl, withEdition } from '../editions';
import { fmt, h, loading, mineralField, selectField, table, toolbar } from '../ui';

type Item = Schemas['QualityItem'];
type Kind = Item['kind'];

const KINDS: { kind: Kind; title: string; lede: string }[] = [
  {
    kind: 'reconciled-total',
    title: 'Reconciled world totals',
    lede: 'The named countries (and "Other countries") add up to more than the rounded published world total: every share of that stage-year is taken of their sum, so none exceeds 100 %.',
  },
  {
    kind: 'series-break',
    title: 'Breaks in a series',
    lede: 'A point whose figures come from another publication or basis than the point before: read no change or trend across it.',
  },
  {
    kind: 'period-based',
    title: 'Stages scored on a study period',
    lede: 'No annual tonnes by country: the stage is scored on country shares over a period, and ranked apart from annual figures.',
  },
  { kind: 'empty-stage', title: 'Stages without figures', lede: 'Every mineral × stage with no figures, and why.' },
  {
    kind: 'censored',
    title: 'Censored values',
    lede: 'Published as a bound (">50") or below a threshold ("<0.1%"): how each is used, and which way the result leans.',
  },
];

export async function qualityView(main: HTMLElement, context: ViewContext): Promise<void> {
  const mineral = context.params.get('mineral') ?? '';
  const kindParam = context.params.get('kind') ?? '';
  const kind = KINDS.some((entry) => entry.kind === kindParam) ? (kindParam as Kind) : undefined;
  main.replaceChildren(h('h1', { tabindex: -1 }, 'Before quoting a number'), loading('Loading the quality report…'));
  const query = withEdition({ limit: 1000, ...(mineral ? { mineral } : {}), ...(kind ? { kind } : {}) }, context);
  const [minerals, report] = await Promise.all([
    unwrap(api.GET('/v1/minerals', { params: { query: { limit: 1000 } }, signal: context.signal }), 'GET /v1/minerals'),
    unwrap(api.GET('/v1/quality', { params: { query }, signal: context.signal }), 'GET /v1/quality'),
  ]);
  const mineralName = new Map(minerals.data.map((entry) => [entry.id, entry.name]));
  const mineralHref = (id: string) =>
    `/?${new URLSearchParams({ view: 'mineral', mineral: id, ...(query.edition ? { edition: query.edition } : {}) })}`;

  const controls = h(
    'div',
    { class: 'controls' },
    mineralField(minerals.data, mineral, (value) => context.navigate({ mineral: value || null }), 'Every mineral'),
    selectField(
      'Kind',
      'kind',
      [{ value: '', label: 'Every kind' }, ...KINDS.map((entry) => ({ value: entry.kind, label: entry.title }))],
      kind ?? '',
      (value) => context.navigate({ kind: value || null }),
    ),
    editionControl(context),
  );
  const { limit: _limit, ...filters } = query;
  const bar = toolbar({
    csv: [{ label: 'Download CSV', href: apiUrl('/v1/quality', { ...filters, limit: 1000, format: 'csv' }) }],
    curl: curlFor({ url: apiUrl('/v1/quality', filters) }),
  });

  const sections = KINDS.filter((entry) => kind === undefined || entry.kind === kind).map((entry) => {
    const items = report.data.filter((item) => item.kind === entry.kind);
    return h(
      'section',
      { id: `quality-${entry.kind}`, 'data-kind': entry.kind, 'data-count': items.length },
      h('h2', {}, `${entry.title} (${items.length})`),
      h('p', { class: 'note' }, entry.lede),
      items.length === 0
        ? h('p', { class: 'insufficient' }, 'None in this view.')
        : table<Item>(
            entry.title,
            [
              {
                label: 'Mineral',
                cell: (item) =>
                  h('a', { href: mineralHref(item.mineral), 'data-nav': true }, mineralName.get(item.mineral) ?? item.mineral),
              },
              { label: 'Stage', cell: (item) => item.stage ?? '—' },
              { label: 'Year or period', cell: (item) => (item.year === null && item.period === null ? '—' : fmt.when(item)) },
              { label: 'Edition', cell: (item) => item.edition ?? '—' },
              { label: 'Why', cell: (item) => item.reason },
              { label: 'API', cell: (item) => h('a', { href: item.href, target: '_blank', rel: 'noopener' }, 'answer') },
            ],
            items,
          ),
    );
  });

  main.replaceChildren(
    h('h1', { tabindex: -1 }, 'Before quoting a number'),
    h(
      'p',
      { class: 'lede' },
      `Every caveat behind the derived numbers of this view: ${report.total} in all${mineral ? ` for ${mineralName.get(mineral) ?? mineral}` : ''}. Each derived figure keeps its invariants (shares 0–100 and adding up to at most 100, HHI at most 10,000); this says where that took a rule, and what a figure cannot be compared with.`,
    ),
    controls,
    bar,
    ...sections,
  );
}
