import { herfindahl } from './hhi.js';
import { insufficientData, methodRef } from './methods.js';
import { byShareDesc, sum } from './order.js';
import type { CountryShare, InsufficientData, MethodRef } from './types.js';

/** EU CRMA: no single third country should supply more than 65 % at any stage (applied here to world output). */
export const CRMA_MAX_SINGLE_COUNTRY_SHARE = 65;

export interface AlignmentInput {
  /** Named producers at one stage, shares in percent. */
  producers: readonly CountryShare[];
  /** Output whose producing country is unknown. */
  unallocatedShare: number;
  members: ReadonlySet<string>;
}

export interface AlignmentOk {
  status: 'ok';
  insideShare: number;
  outsideShare: number;
  /** Neither inside nor outside: membership of unknown producers cannot be judged. */
  unallocatedShare: number;
  memberProducers: CountryShare[];
  nonMemberProducers: CountryShare[];
  largestNonMember: CountryShare | null;
  /** HHI with all members merged into one supplier. */
  blocHhi: number;
  crmaBenchmark: { maxSingleCountryShare: number; passes: boolean; worstCountry: CountryShare | null };
  method: MethodRef;
}

export type AlignmentResult = AlignmentOk | InsufficientData;

export function alignmentOf(input: AlignmentInput): AlignmentResult {
  if (input.producers.length === 0) {
    return insufficientData('bloc-alignment', 'no producer shares at this stage');
  }
  const sorted = [...input.producers].sort(byShareDesc);
  const memberProducers = sorted.filter((p) => input.members.has(p.country));
  const nonMemberProducers = sorted.filter((p) => !input.members.has(p.country));
  const insideShare = sum(memberProducers.map((p) => p.share));
  const largestNonMember = nonMemberProducers[0] ?? null;

  return {
    status: 'ok',
    insideShare,
    outsideShare: sum(nonMemberProducers.map((p) => p.share)),
    unallocatedShare: input.unallocatedShare,
    memberProducers,
    nonMemberProducers,
    largestNonMember,
    blocHhi: herfindahl([insideShare, ...nonMemberProducers.map((p) => p.share)]),
    crmaBenchmark: {
      maxSingleCountryShare: CRMA_MAX_SINGLE_COUNTRY_SHARE,
      passes: largestNonMember === null || largestNonMember.share <= CRMA_MAX_SINGLE_COUNTRY_SHARE,
      worstCountry: largestNonMember,
    },
    method: methodRef('bloc-alignment'),
  };
}
