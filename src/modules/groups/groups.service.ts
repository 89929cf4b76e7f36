import type { DatasetSnapshot } from '../../dataset/snapshot.js';
import { NotFoundError } from '../../errors.js';
import { countryName, sourceRef } from '../shared/lookups.js';

export function listGroups(snapshot: DatasetSnapshot) {
  const data = snapshot.groups.map((group) => ({
    id: group.id,
    name: group.name,
    description: group.description,
    memberCount: snapshot.membersByGroup.get(group.id)?.length ?? 0,
    source: sourceRef(snapshot, group.sourceId),
  }));
  return { data, keys: snapshot.groups.map((group) => group.id) };
}

export function getGroup(snapshot: DatasetSnapshot, id: string) {
  const group = snapshot.groupById.get(id);
  if (!group) throw new NotFoundError(`Unknown group '${id}'. See GET /v1/groups for the list.`);
  const members = (snapshot.membersByGroup.get(id) ?? []).map((member) => ({
    country: member.country,
    name: countryName(snapshot, member.country),
    joined: member.joined,
    source: sourceRef(snapshot, member.sourceId),
  }));
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    memberCount: members.length,
    source: sourceRef(snapshot, group.sourceId),
    members,
  };
}
