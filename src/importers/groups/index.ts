import type { Row } from '../shared/csv.js';
import { ImportError } from '../shared/errors.js';
import { readInput, tableRows, type ImportedRows, type Importer, type ImporterInput } from '../shared/importer.js';
import { REFERENCE_DIR, countryOf } from '../shared/reference.js';

/**
 * Group membership: the reference's list of members per group (data/curated/reference/groups.csv), each member
 * citing its group's source (data/curated/groups.csv); Central Asia is the UN M49 sub-region of data/countries.csv.
 */
export const MEMBERS_FILE = `${REFERENCE_DIR}/groups.csv`;

/** The reference's group labels → group id; null = not a membership the project lists. */
const GROUP_LABELS: Record<string, string | null> = {
  'MSP (partner)': 'msp',
  'MSP Forum (not MSP partner)': 'msp-forum',
  NATO: 'nato',
  G7: 'g7',
  'G7 (non-enumerated member)': null,
  Quad: 'quad',
  EU: 'eu',
  'EU (former member)': null,
};

/** Groups defined by a UN M49 sub-region rather than a list of members. */
const REGION_GROUPS: Record<string, string> = { 'central-asia': 'Central Asia' };

export function importGroupMembers(input: ImporterInput): ImportedRows {
  const groups = new Map(tableRows(input.tables, 'groups.csv').map((group) => [group.id ?? '', group]));
  const members: Row[] = [];
  for (const { line, row } of readInput(input, MEMBERS_FILE, ['group', 'iso3', 'joined'])) {
    const label = row.group ?? '';
    if (!(label in GROUP_LABELS)) throw new ImportError(MEMBERS_FILE, line, `unknown group '${label}'`);
    const id = GROUP_LABELS[label];
    if (id === null || id === undefined) continue;
    const group = groups.get(id);
    if (!group) throw new ImportError(MEMBERS_FILE, line, `group '${id}' is not in data/groups.csv`);
    // "2022-06 (announced)" → 2022-06; a date the source does not give stays empty.
    const joined = /^(\d{4}(?:-\d{2}){0,2})(?=$|\s\()/.exec((row.joined ?? '').trim())?.[1] ?? '';
    members.push({ group: id, country: countryOf(input.tables, row.iso3 ?? '', MEMBERS_FILE, line), joined, source: group.source ?? '' });
  }
  for (const [id, region] of Object.entries(REGION_GROUPS)) {
    const source = groups.get(id)?.source ?? '';
    for (const country of tableRows(input.tables, 'countries.csv').filter((row) => row.region === region))
      members.push({ group: id, country: country.iso3 ?? '', joined: '', source });
  }
  return { 'group_members.csv': members };
}

export const groupMembers: Importer = {
  name: 'groups',
  inputs: [MEMBERS_FILE],
  outputs: ['group_members.csv'],
  run: importGroupMembers,
};
