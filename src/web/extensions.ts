/**
 * Cross-view pieces built on the API's editions, revisions and export controls.
 *
 * - Editions (`GET /v1/editions`, `?edition=` on every figure and score endpoint): `editionControl` renders a
 *   labelled <select> bound to the `edition` URL parameter, and `withEdition` adds that parameter to a view's queries
 *   (and thus to its CSV links and curl lines, which are built from the same query objects).
 * - Revisions between editions: `revisionsPanel` on the mineral view.
 * - Export controls: `exportControlsTimeline` on the mineral view (a timeline of measures by date, their status today
 *   and the controlled share of each stage).
 * - EU dependency: `dependencyImporters` lists the importers whose dependency the mineral view shows.
 *
 * The two mineral-view panels are drawn by ./panels, loaded only when the mineral view asks for them, so the
 * overview's first load carries none of their code.
 */
import { api, unwrap, type Schemas } from './api';
import type { ViewContext } from './context';
import { append, h, loading, problemBox } from './ui';

/** The `edition` URL parameter: an edition id, or absent for the newest edition of each series. */
export function selectedEdition(context: ViewContext): string | undefined {
  return context.params.get('edition')?.trim() || undefined;
}

let editionsLoad: Promise<Schemas['Edition'][]> | null = null;

/** Every edition the API knows, newest first; loaded once per page. */
export function loadEditions(): Promise<Schemas['Edition'][]> {
  editionsLoad ??= unwrap(api.GET('/v1/editions', { params: { query: { limit: 1000 } } }), 'GET /v1/editions')
    .then((body) => body.data)
    .catch((error: unknown) => {
      editionsLoad = null;
      throw error;
    });
  return editionsLoad;
}

const NEWEST_LABEL = 'newest (per series)';

const editionLabel = (edition: Schemas['Edition']) => `${edition.title}${edition.newest ? ' (newest)' : ''} — ${edition.id}`;

/**
 * The edition selector for the overview and mineral views: a labelled native <select> (keyboard and screen readers as
 * the browser gives them), its options grouped by family, bound to `?edition=`. Changing it re-renders the view and
 * records the shareable URL.
 */
export function editionControl(context: ViewContext): HTMLElement {
  const current = selectedEdition(context) ?? '';
  const select = h(
    'select',
    { id: 'field-edition', name: 'edition', 'aria-describedby': 'edition-help' },
    h('option', { value: '', selected: current === '' }, NEWEST_LABEL),
    current ? h('option', { value: current, selected: true }, current) : null,
  ) as HTMLSelectElement;
  select.addEventListener('change', () => context.navigate({ edition: select.value || null }));
  const help = h(
    'span',
    { class: 'note', id: 'edition-help' },
    current ? `Figures as ${current} gave them` : 'Each series from its newest edition',
  );
  const field = h(
    'div',
    { class: 'field edition-field', 'data-edition': current || 'newest' },
    h('label', { for: 'field-edition' }, 'Edition'),
    select,
    help,
  );

  void fillEditionOptions(select, current).then(
    (known) => {
      if (!known) return;
      help.textContent = `As published ${known.published}; other series at their newest`;
      help.title = `${known.title}, published ${known.published}, for the series it reports; other series at their newest edition`;
    },
    () => {
      help.textContent = 'The list of editions could not be loaded; the newest figures are shown';
    },
  );
  return field;
}

/**
 * Fills an edition <select> with every edition (grouped by family) once they are loaded, keeping `current` selected
 * (also when the API does not list it, so a view's problem message and the control agree). Resolves to the selected
 * edition's record, if the API lists it.
 */
export async function fillEditionOptions(select: HTMLSelectElement, current: string): Promise<Schemas['Edition'] | undefined> {
  const editions = await loadEditions();
  const families = new Map<string, Schemas['Edition'][]>();
  for (const edition of editions) families.set(edition.family, [...(families.get(edition.family) ?? []), edition]);
  const known = editions.find((edition) => edition.id === current);
  select.replaceChildren();
  append(select, [
    h('option', { value: '', selected: current === '' }, NEWEST_LABEL),
    ...[...families].map(([family, list]) =>
      h(
        'optgroup',
        { label: `${list[0]!.publisher} · ${family}` },
        list.map((edition) => h('option', { value: edition.id, selected: edition.id === current }, editionLabel(edition))),
      ),
    ),
    current && !known ? h('option', { value: current, selected: true }, current) : null,
  ]);
  select.dataset.loaded = 'true';
  return known;
}

/** A query with the selected edition added (absent when the newest edition of each series is wanted). */
export function withEdition<Query extends object>(query: Query, context: ViewContext): Query & { edition?: string } {
  const edition = selectedEdition(context);
  return edition ? { ...query, edition } : query;
}

/**
 * A section whose content ./panels draws once its module and data arrive: a loading state first, the API's problem in
 * words if a request fails.
 */
function lazySection(id: string, heading: string, draw: () => Promise<HTMLElement[]>, context: ViewContext): HTMLElement {
  const title = h('h2', {}, heading);
  const section = h('section', { id, 'aria-busy': 'true' }, title, loading(`Loading ${heading.toLowerCase()}…`));
  void draw()
    .then((content) => {
      if (context.signal.aborted) return;
      section.replaceChildren(title, ...content);
      section.removeAttribute('aria-busy');
      section.dataset.ready = 'true';
    })
    .catch((error: unknown) => {
      if (context.signal.aborted || (error as Error)?.name === 'AbortError') return;
      section.replaceChildren(title, problemBox(error));
      section.removeAttribute('aria-busy');
      section.dataset.ready = 'error';
    });
  return section;
}

/** What changed for this mineral between editions: the largest production revisions and one stage-year's HHI under each edition. */
export function revisionsPanel(mineral: string, context: ViewContext): HTMLElement {
  return lazySection(
    'revisions',
    'Revisions between editions',
    async () => (await import('./panels')).revisions(mineral, context),
    context,
  );
}

/** Export controls on this mineral: a timeline of measures, their status today and the controlled share per stage. */
export function exportControlsTimeline(mineral: string, context: ViewContext): HTMLElement {
  return lazySection(
    'export-controls',
    'Export controls',
    async () => (await import('./panels')).exportControls(mineral, context),
    context,
  );
}

/** Observed U.S. imports of the mineral (USITC DataWeb) by partner over time, with the export-control dates marked. */
export function tradePanel(mineral: string, context: ViewContext): HTMLElement {
  return lazySection('trade', 'Observed U.S. imports', async () => (await import('./trade-panel')).trade(mineral, context), context);
}

/** Importers whose dependency the mineral view explains: the EU joins once the API has its figures. */
export const dependencyImporters = ['USA'] as const;
