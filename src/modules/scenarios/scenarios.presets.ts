import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { compareCodes } from '../../scoring/order.js';

/** A request body as stored: what a client would POST to /v1/scenarios/disruption. */
export interface PresetBody {
  year?: number;
  minerals?: string[];
  shocks: { countries?: string[]; group?: string; stages?: ('mining' | 'refining' | 'metal' | 'component')[]; reduction: number }[];
  importer?: string;
}

export interface ScenarioPreset {
  id: string;
  title: string;
  question: string;
  /** The stored body; a function of the snapshot only where the body must follow the data. */
  body: (snapshot: DatasetSnapshot) => PresetBody;
}

const MSP_GROUP = 'msp';
const EU_AGGREGATE = 'EUU';
const EU_GROUP = 'eu';

/**
 * MSP partners: the group's members, plus the EU's member states when the EU itself (EUU) is a partner —
 * the European Commission takes part for the whole Union, so Spanish or Portuguese output counts as partner supply.
 */
export function mspPartners(snapshot: DatasetSnapshot): Set<string> {
  const members = (snapshot.membersByGroup.get(MSP_GROUP) ?? []).map((member) => member.country);
  const partners = new Set(members);
  if (partners.has(EU_AGGREGATE)) {
    for (const member of snapshot.membersByGroup.get(EU_GROUP) ?? []) partners.add(member.country);
  }
  return partners;
}

/** Every country with a production row in the data (any mineral, stage, year or basis) that is not an MSP partner. */
export function nonMspProducers(snapshot: DatasetSnapshot): string[] {
  const partners = mspPartners(snapshot);
  const producers = new Set(snapshot.figures.map((figure) => figure.country));
  return [...producers]
    .filter((country) => !partners.has(country) && snapshot.countryByIso3.get(country)?.isAggregate !== true)
    .sort(compareCodes);
}

export const SCENARIO_PRESETS: readonly ScenarioPreset[] = [
  {
    id: 'china-stops',
    title: 'China stops supplying',
    question: 'What if China’s output of every mineral stops, at every stage? Which chains break, and who could fill the gap?',
    body: () => ({ shocks: [{ countries: ['CHN'], reduction: 1 }] }),
  },
  {
    id: 'china-russia-decoupling',
    title: 'Decoupling from China and Russia',
    question:
      'What if the West “decouples” from China and Russia: how much of each chain is lost, and how far could Tajikistan, Kyrgyzstan or the Minerals Security Partnership go to fill the gap?',
    body: () => ({ shocks: [{ countries: ['CHN', 'RUS'], reduction: 1 }] }),
  },
  {
    id: 'china-antimony-ban',
    title: 'China bans antimony exports',
    question:
      'China restricted antimony exports in September 2024 and banned them to the US in December 2024: what if its antimony supply stops, and how long would a stockpile last?',
    body: () => ({ minerals: ['antimony'], shocks: [{ countries: ['CHN'], reduction: 1 }] }),
  },
  {
    id: 'msp-only-supply',
    title: 'Only Minerals Security Partnership supply',
    question:
      'What if only Minerals Security Partnership partners (with the EU’s member states) still supply: every other producer in the data stops?',
    body: (snapshot) => ({ shocks: [{ countries: nonMspProducers(snapshot), reduction: 1 }] }),
  },
];

export function findPreset(id: string): ScenarioPreset | undefined {
  return SCENARIO_PRESETS.find((preset) => preset.id === id);
}
