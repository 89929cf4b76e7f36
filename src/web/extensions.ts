/**
 * Cross-view panels built on the API's revisions and export controls (the edition controls are in ./editions).
 *
 * - Revisions between editions: `revisionsPanel` on the mineral view.
 * - Export controls: `exportControlsTimeline` on the mineral view (a timeline of measures by date, their status today
 *   and the controlled share of each stage).
 * - EU dependency: `dependencyImporters` lists the importers whose dependency the mineral view shows.
 *
 * The two mineral-view panels are drawn by ./panels, loaded only when the mineral view asks for them, so the
 * overview's first load carries none of their code.
 */
import type { ViewContext } from './context';
import { h, loading, problemBox } from './ui';

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
