import type { DatasetSnapshot } from '../../dataset/snapshot.js';

/** What a figure of a series was published in and measured as. */
export interface SeriesOrigin {
  edition: string;
  basis: string;
}

/**
 * Where two adjacent figures of a series come from different publications (editions) or measure different things
 * (bases), the later one says so, and no change or trend is computed across it as if it were one series: germanium's
 * refinery output of MCS 2022 followed by a primary estimate of USGS OFR 2024-1057, or the IEA's data explorer
 * between two years of its Outlook.
 */
export function seriesBreak(snapshot: DatasetSnapshot, before: SeriesOrigin | undefined, after: SeriesOrigin) {
  if (!before) return null;
  const kinds: ('publication' | 'basis')[] = [];
  const reasons: string[] = [];
  if (before.edition !== after.edition) {
    const earlier = snapshot.editionById.get(before.edition);
    const later = snapshot.editionById.get(after.edition);
    kinds.push('publication');
    reasons.push(
      earlier && later && earlier.family === later.family
        ? `${later.title} follows ${earlier.title}: each edition revises its own years and not the other's, so the step between them can be a revision rather than a change in the world (see GET /v1/revisions)`
        : `${later?.title ?? after.edition} follows ${earlier?.title ?? before.edition}: another publication, not an edition of the same series, so the two were never compiled as one series`,
    );
  }
  if (before.basis !== after.basis) {
    const label = (basis: string) => snapshot.basisById.get(basis)?.label ?? basis;
    kinds.push('basis');
    reasons.push(`measured as ${label(after.basis)} after ${label(before.basis)}: not the same quantity`);
  }
  return kinds.length === 0 ? null : { kinds, reason: `${reasons.join('; and ')}.` };
}

/** The publication a figure belongs to, as a reader names it. */
export function publicationOf(snapshot: DatasetSnapshot, edition: string): string {
  return snapshot.editionById.get(edition)?.title ?? edition;
}

/**
 * The same year as two editions gave it: a revision by a later edition of the same publication is what the comparison
 * is for, so only a change of publisher (family) or of basis is a break.
 */
export function seriesBreakAcrossEditions(snapshot: DatasetSnapshot, before: SeriesOrigin | undefined, after: SeriesOrigin) {
  if (!before) return null;
  const family = (edition: string) => snapshot.editionById.get(edition)?.family ?? edition;
  const sameFamily = family(before.edition) === family(after.edition);
  return seriesBreak(snapshot, sameFamily ? { ...before, edition: after.edition } : before, after);
}
