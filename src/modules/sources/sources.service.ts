import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import type { SourceRecord } from '../../dataset/dataset.repository.js';
import { NotFoundError } from '../../errors.js';

function toSource(snapshot: DatasetSnapshot, source: SourceRecord) {
  return { ...source, citation: snapshot.citationById.get(source.id) ?? source.id };
}

/** The words of a search, lower case; blank = no search. */
function wordsOf(q: string | undefined): string[] {
  return (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** The sources whose id, title, publisher, edition, locator or citation contain every word of `q` (any case). */
export function listSources(snapshot: DatasetSnapshot, filters: { q?: string | undefined } = {}) {
  const words = wordsOf(filters.q);
  const data = snapshot.sources
    .map((source) => toSource(snapshot, source))
    .filter((source) => {
      if (words.length === 0) return true;
      const text = [source.id, source.title, source.publisher, source.edition, source.locator, source.citation].join('\n').toLowerCase();
      return words.every((word) => text.includes(word));
    });
  return { data, keys: data.map((source) => source.id) };
}

export function getSource(snapshot: DatasetSnapshot, id: string) {
  const source = snapshot.sourceById.get(id);
  if (!source) throw new NotFoundError(`Unknown source '${id}'. See GET /v1/sources for the list.`);
  const count = (rows: readonly { sourceId: string }[]) => rows.filter((row) => row.sourceId === id).length;
  return {
    ...toSource(snapshot, source),
    citedBy: {
      // Every edition's figures: a source still cites what a newer edition superseded.
      production: count(snapshot.all.production),
      reserves: count(snapshot.all.reserves),
      importReliance: count(snapshot.all.importReliance),
      importSources: count(snapshot.all.importSources),
      defenseUses: count(snapshot.defenseUses),
      governance: count(snapshot.all.governance),
    },
  };
}
