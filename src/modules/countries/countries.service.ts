import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import type { CountryRecord } from '../../dataset/dataset.repository.js';
import { yearRank } from '../../domain/supply.js';
import { concentrationCore, supplyFor } from '../concentration/concentration.service.js';
import { ValidationError } from '../../errors.js';
import { round, roundOrNull } from '../../lib/round.js';
import { governanceGapReason } from '../shared/governance.js';
import { requireCountry, sourceRef } from '../shared/lookups.js';

function toCountry(country: CountryRecord) {
  return {
    iso3: country.iso3,
    name: country.name,
    aliases: country.aliases === '' ? [] : country.aliases.split('|'),
    region: country.region,
    isAggregate: country.isAggregate,
  };
}

export function listCountries(snapshot: DatasetSnapshot, filters: { group?: string | undefined; region?: string | undefined }) {
  if (filters.group !== undefined && !snapshot.groupById.has(filters.group)) {
    throw new ValidationError('The querystring names something that does not exist.', [
      { field: 'querystring.group', message: `unknown group '${filters.group}'` },
    ]);
  }
  const members = filters.group === undefined ? null : new Set((snapshot.membersByGroup.get(filters.group) ?? []).map((m) => m.country));
  const rows = snapshot.countries.filter(
    (country) => (members === null || members.has(country.iso3)) && (filters.region === undefined || country.region === filters.region),
  );
  return { data: rows.map(toCountry), keys: rows.map((country) => country.iso3) };
}

export function getCountry(snapshot: DatasetSnapshot, iso3: string) {
  const country = requireCountry(snapshot, iso3);
  const groups = (snapshot.groupsByCountry.get(iso3) ?? []).map((groupId) => {
    const membership = snapshot.membersByGroup.get(groupId)?.find((member) => member.country === iso3);
    return { id: groupId, name: snapshot.groupById.get(groupId)?.name ?? groupId, joined: membership?.joined ?? null };
  });
  const governance = snapshot.governanceByCountry.get(iso3);
  return {
    ...toCountry(country),
    groups,
    governance: governance
      ? {
          year: governance.year,
          estimates: governance.estimates,
          mean: roundOrNull(governance.mean, 3),
          euScaled: roundOrNull(governance.euScaled, 2),
          edition: governance.edition,
          source: sourceRef(snapshot, governance.sourceId),
        }
      : null,
    governanceGap: governance || country.isAggregate ? null : governanceGapReason(snapshot, iso3),
    production: producedByCountry(snapshot, iso3),
  };
}

/**
 * For each (mineral, stage) the country appears in: its latest figure and share of world output. A share table counts
 * only at a stage without annual tonnes (as everywhere, it stands in; it never adds a country to a stage with tonnes).
 */
function producedByCountry(snapshot: DatasetSnapshot, iso3: string) {
  const latest = new Map<string, ReturnType<typeof shareRow>>();
  for (const supply of snapshot.supplies) {
    if (supply.measure === 'shares' && supplyFor(snapshot, supply.mineral, supply.stage)?.measure === 'tonnes') continue;
    const figure = supply.producers.find((producer) => producer.country === iso3);
    if (!figure) continue;
    const key = `${supply.mineral}|${supply.stage}`;
    const current = latest.get(key);
    if (current && yearRank(current) >= yearRank(supply)) continue;
    latest.set(key, shareRow(snapshot, supply, figure));
  }
  return [...latest.values()].sort(
    (a, b) => (b.share ?? -1) - (a.share ?? -1) || a.mineral.localeCompare(b.mineral) || a.stage.localeCompare(b.stage),
  );

  function shareRow(snapshot: DatasetSnapshot, supply: (typeof snapshot.supplies)[number], figure: (typeof supply.producers)[number]) {
    const core = concentrationCore(snapshot, supply);
    const ranked = core.status === 'ok' ? core.producers : [];
    const rank = ranked.findIndex((producer) => producer.country === iso3);
    return {
      mineral: supply.mineral,
      stage: supply.stage,
      year: supply.year,
      measure: supply.measure,
      period: supply.period,
      basis: supply.basis,
      // On a share table the figure is the share itself: there are no tonnes.
      tonnes: supply.measure === 'shares' ? null : figure.tonnes,
      share: rank >= 0 ? round(ranked[rank]!.share, 2) : null,
      rank: rank >= 0 ? rank + 1 : null,
      estimated: figure.estimated,
      withheld: figure.withheld,
      edition: supply.edition,
      source: sourceRef(snapshot, figure.sourceId),
    };
  }
}
