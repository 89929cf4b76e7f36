import { memoize } from '../../dataset/memo.js';
import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { ValidationError } from '../../errors.js';
import { round } from '../../lib/round.js';
import { alignmentOf, methodRef } from '../../scoring/index.js';
import { concentrationBlock, concentrationCore, isOk, methodLink, supplyFor } from '../concentration/concentration.service.js';
import { countryName, notACountry, requireMineral } from '../shared/lookups.js';

export interface AlignmentQuery {
  group?: string | undefined;
  countries?: string[] | undefined;
  year?: number | undefined;
}

/** Resolves `?group=` or `?countries=` (exactly one) to a member set, with clear 400s. */
function resolveMembers(snapshot: DatasetSnapshot, query: AlignmentQuery) {
  if (query.group !== undefined && query.countries !== undefined) {
    throw new ValidationError('Give either `group` or `countries`, not both.', [
      { field: 'querystring.group', message: 'cannot be combined with countries' },
      { field: 'querystring.countries', message: 'cannot be combined with group' },
    ]);
  }
  if (query.group !== undefined) {
    const id = query.group.toLowerCase();
    const group = snapshot.groupById.get(id);
    if (!group) {
      throw new ValidationError('Unknown group.', [
        { field: 'querystring.group', message: `unknown group '${query.group}'; see GET /v1/groups` },
      ]);
    }
    return { label: { group: id, name: group.name }, members: (snapshot.membersByGroup.get(id) ?? []).map((m) => m.country) };
  }
  if (query.countries !== undefined && query.countries.length > 0) {
    // A bloc is made of countries, by the rule every route uses: an unknown code or an aggregate (WLD, OTH, EUU) is a 400.
    const refusals = query.countries.flatMap((iso3) => notACountry(snapshot, iso3, 'querystring.countries') ?? []);
    if (refusals.length > 0) {
      throw new ValidationError('The bloc must be made of countries of the dataset.', [
        { field: 'querystring.countries', message: refusals.map((refusal) => refusal.message).join('; ') },
      ]);
    }
    return { label: { group: null, name: 'Custom bloc' }, members: [...new Set(query.countries)].sort() };
  }
  throw new ValidationError('Give `group` (e.g. msp) or `countries` (e.g. USA,CAN,AUS).', [
    { field: 'querystring.group', message: 'group or countries is required' },
  ]);
}

/** Per stage: how much supply sits inside a bloc, the largest outsider, the bloc HHI and the CRMA 65% benchmark. */
export function mineralAlignment(snapshot: DatasetSnapshot, mineral: string, query: AlignmentQuery) {
  requireMineral(snapshot, mineral);
  const { label, members } = resolveMembers(snapshot, query);
  const memberSet = new Set(members);
  return memoize(snapshot, `alignment|${mineral}|${members.join(',')}|${query.year}`, () => {
    const stages = snapshot.stages.map((stage) => {
      const supply = supplyFor(snapshot, mineral, stage.id, query.year);
      const core = supply ? concentrationCore(snapshot, supply) : null;
      const block = supply ? concentrationBlock(snapshot, supply) : null;
      if (!core || core.status !== 'ok' || !block || !isOk(block)) {
        return {
          stage: stage.id,
          status: 'insufficient_data' as const,
          reason: `no ${stage.id} production data for ${mineral}`,
          method: methodLink(methodRef('bloc-alignment')),
        };
      }
      // Unrounded shares: squaring the 2-decimal display shares would shift the bloc HHI by up to a point.
      const result = alignmentOf({
        producers: core.producers.map((p) => ({ country: p.country, share: p.share })),
        unallocatedShare: core.unallocatedShare,
        members: memberSet,
      });
      if (result.status !== 'ok') {
        return { stage: stage.id, status: result.status, reason: result.reason, method: methodLink(result.method) };
      }
      const named = (entry: { country: string; share: number } | null) =>
        entry ? { country: entry.country, name: countryName(snapshot, entry.country), share: round(entry.share, 2) } : null;
      return {
        stage: stage.id,
        status: 'ok' as const,
        year: block.year,
        insideShare: round(result.insideShare, 2),
        outsideShare: round(result.outsideShare, 2),
        unallocatedShare: round(result.unallocatedShare, 2),
        namedShareTotal: block.namedShareTotal,
        largestNonMember: named(result.largestNonMember),
        memberProducers: result.memberProducers.map((p) => named(p)!),
        blocHhi: round(result.blocHhi, 1),
        hhi: block.hhi,
        crmaBenchmark: {
          maxSingleCountryShare: result.crmaBenchmark.maxSingleCountryShare,
          passes: result.crmaBenchmark.passes,
          worstCountry: named(result.crmaBenchmark.worstCountry),
        },
        sourceIds: block.inputs.sourceIds,
        method: methodLink(result.method),
      };
    });
    return { mineral, bloc: { ...label, members }, year: query.year ?? null, stages, method: methodLink(methodRef('bloc-alignment')) };
  });
}
