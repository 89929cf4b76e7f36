/**
 * Extension points for API resources that are not in this branch yet. Each returns nothing today, so no view shows
 * made-up data; when the resource lands, implement the function here (with the regenerated client types) and the views
 * already place its output.
 *
 * - Editions (`GET /v1/editions`, `?edition=` on every figure and score endpoint): `editionControl` renders a
 *   labelled <select> bound to the `edition` URL parameter, and `withEdition` adds that parameter to a view's queries
 *   (and thus to its CSV links and curl lines, which are built from the same query objects).
 * - Revisions between editions: `revisionsPanel` on the mineral view.
 * - Export controls: `exportControlsTimeline` on the mineral view (a timeline of measures by country and date).
 * - EU dependency: `dependencyImporters` lists the importers whose dependency the mineral view shows.
 */
import type { ViewContext } from './context';

/** The edition selector for the overview and mineral views; null until `GET /v1/editions` exists. */
export function editionControl(_context: ViewContext): HTMLElement | null {
  return null;
}

/** A query with the selected edition added; unchanged until figure and score endpoints take `?edition=`. */
export function withEdition<Query extends object>(query: Query, _context: ViewContext): Query {
  return query;
}

/** What changed for this mineral between two editions; null until editions exist. */
export function revisionsPanel(_mineral: string, _context: ViewContext): HTMLElement | null {
  return null;
}

/** Export controls on this mineral as a timeline; null until the export-controls resource exists. */
export function exportControlsTimeline(_mineral: string, _context: ViewContext): HTMLElement | null {
  return null;
}

/** Importers whose dependency the mineral view explains: the EU joins once the API has its figures. */
export const dependencyImporters = ['USA'] as const;
