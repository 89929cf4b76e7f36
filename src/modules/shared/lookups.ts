import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { NotFoundError, ValidationError, type FieldError } from '../../errors.js';

/** Shapes shared by every module's responses. */
export function sourceRef(snapshot: DatasetSnapshot, sourceId: string) {
  return { id: sourceId, citation: snapshot.citationById.get(sourceId) ?? sourceId };
}

/** A value as its source prints it, with its unit, year, estimate flag and citation: how every published series row ends. */
export function publishedValue<Value>(
  snapshot: DatasetSnapshot,
  row: { unit: string; year: number; value: Value; valueText: string; estimated: boolean; edition: string; sourceId: string },
) {
  return {
    unit: row.unit,
    year: row.year,
    value: row.value,
    valueText: row.valueText,
    estimated: row.estimated,
    edition: row.edition,
    source: sourceRef(snapshot, row.sourceId),
  };
}

export function countryName(snapshot: DatasetSnapshot, iso3: string): string {
  return snapshot.countryByIso3.get(iso3)?.name ?? iso3;
}

/** A path id that does not exist is a 404. */
export function requireMineral(snapshot: DatasetSnapshot, id: string) {
  const mineral = snapshot.mineralById.get(id);
  if (!mineral) throw new NotFoundError(`Unknown mineral '${id}'. See GET /v1/minerals for the list.`);
  return mineral;
}

export function requireCountry(snapshot: DatasetSnapshot, iso3: string) {
  const country = snapshot.countryByIso3.get(iso3);
  if (!country) throw new NotFoundError(`Unknown country '${iso3}'. See GET /v1/countries for the list.`);
  return country;
}

/**
 * The one rule for "is this a country": a code of data/countries.csv whose row is not an aggregate (`is_aggregate`:
 * WLD the world total, OTH the published "other countries", EUU the European Union). Returns the field error for a
 * code that is unknown or an aggregate, null for a country. Scenario shocks, custom blocs and trading parties use it.
 */
export function notACountry(snapshot: DatasetSnapshot, code: string, field: string): FieldError | null {
  const country = snapshot.countryByIso3.get(code);
  if (!country) return { field, message: `unknown country '${code}'; see GET /v1/countries` };
  if (!country.isAggregate) return null;
  // An aggregate that is also a group of the dataset (the European Union) points at its members.
  const group = snapshot.groups.find((candidate) => candidate.name === country.name);
  const members = group ? `; its member states are the group '${group.id}'` : '';
  return { field, message: `'${code}' is an aggregate (${country.name}), not a country${members}` };
}

/** Codes the same rule lets through: known countries that are not aggregates. */
export function isCountry(snapshot: DatasetSnapshot, code: string): boolean {
  return snapshot.countryByIso3.get(code)?.isAggregate === false;
}

/** A trading party must be a real country: an unknown path id is a 404, an aggregate (WLD, OTH, EUU) a 400 naming `field`. */
export function requireTradingCountry(snapshot: DatasetSnapshot, iso3: string, field: string) {
  const country = requireCountry(snapshot, iso3);
  const refusal = notACountry(snapshot, iso3, field);
  if (refusal) throw new ValidationError(`'${iso3}' is an aggregate (${country.name}), not a country.`, [refusal]);
  return country;
}

/**
 * An importer must be one of the dataset's importers (data/importers.csv): an unknown id, or a country that is not
 * an importer (DEU, WLD), is a 400 naming `field`. Returns the stored id.
 */
export function requireImporter(snapshot: DatasetSnapshot, code: string, field: string): string {
  const id = code.toUpperCase();
  if (snapshot.importerById.has(id)) return id;
  const known = snapshot.importers.map((importer) => importer.id).sort();
  throw new ValidationError(`Unknown importer '${code}'. Importers: ${known.join(', ')}.`, [
    { field, message: `unknown importer '${code}'; one of ${known.join(', ')}` },
  ]);
}

/** A query filter naming something that does not exist is a 400, with the field. */
export function checkFilters(
  snapshot: DatasetSnapshot,
  filters: { mineral?: string | undefined; country?: string | undefined; importer?: string | undefined },
): void {
  const errors = [];
  if (filters.mineral !== undefined && !snapshot.mineralById.has(filters.mineral)) {
    errors.push({ field: 'querystring.mineral', message: `unknown mineral '${filters.mineral}'` });
  }
  for (const field of ['country', 'importer'] as const) {
    const value = filters[field];
    if (value !== undefined && !snapshot.countryByIso3.has(value)) {
      errors.push({ field: `querystring.${field}`, message: `unknown country '${value}'` });
    }
  }
  if (errors.length > 0) throw new ValidationError('The querystring names something that does not exist.', errors);
}
