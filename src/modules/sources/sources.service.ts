import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import type { SourceRecord } from '../../dataset/dataset.repository.js';
import { NotFoundError } from '../../errors.js';

function toSource(snapshot: DatasetSnapshot, source: SourceRecord) {
  return { ...source, citation: snapshot.citationById.get(source.id) ?? source.id };
}

export function listSources(snapshot: DatasetSnapshot) {
  const data = snapshot.sources.map((source) => toSource(snapshot, source));
  return { data, keys: snapshot.sources.map((source) => source.id) };
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
      governance: count(snapshot.governance),
    },
  };
}
