// The group's target assignment: which server assignor the group uses, and running it
// over the members' subscriptions with their previous targets as the sticky input.
import type { ServerAssignor } from '../assignors/types';
import { type Assignment, EMPTY_ASSIGNMENT, assignmentEquals, assignmentOf } from './assignment';
import type { ConsumerGroupMember } from './member';
import type { GroupState } from './state';
import type { SubscriptionResolver } from './subscriptions';

/** The assignor most members ask for (ties: configured order); else the first configured. */
export function preferredAssignor(assignors: readonly ServerAssignor[], members: Iterable<ConsumerGroupMember>): ServerAssignor {
  const votes = new Map<string, number>();
  for (const m of members) if (m.serverAssignor) votes.set(m.serverAssignor, (votes.get(m.serverAssignor) ?? 0) + 1);
  let best = assignors[0];
  let bestVotes = 0;
  for (const a of assignors) {
    const v = votes.get(a.name) ?? 0;
    if (v > bestVotes) { best = a; bestVotes = v; }
  }
  return best;
}

/** New targets of the members whose target changed. */
export function computeTargets(assignor: ServerAssignor, s: GroupState, resolver: SubscriptionResolver): Map<string, Assignment> {
  const topics = [...s.subscription.values()].map((t) => ({ topicId: t.topicId, name: t.topicName, partitions: t.numPartitions }));
  const members = [...s.members.values()].map((m) => ({
    memberId: m.memberId, instanceId: m.instanceId, rackId: m.rackId, subscribedTopics: resolver.topicsOf(m),
    current: s.targets.get(m.memberId) ?? EMPTY_ASSIGNMENT,
  }));
  const result = assignor.assign(members, topics);
  const changed = new Map<string, Assignment>();
  for (const m of members) {
    const next = assignmentOf(result.get(m.memberId) ?? new Map());
    const prev = s.targets.get(m.memberId);
    if (!prev || !assignmentEquals(prev, next)) changed.set(m.memberId, next);
  }
  return changed;
}
