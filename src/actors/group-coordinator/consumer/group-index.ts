// Indexes a consumer group keeps next to its members: which member holds an instance id,
// which member holds each partition (assigned or still being revoked; a partition held by
// one member is "unreleased" for any other member whose target includes it), and how many
// members subscribe to each topic name and regex (so the subscribed topics are known
// without walking the members).
import { union } from './assignment';
import type { ConsumerGroupMember } from './member';

export class GroupIndex {
  /** instance id → member id */
  private readonly staticIds = new Map<string, string>();
  /** topic id → partition → member id */
  private readonly owners = new Map<string, Map<number, string>>();
  private readonly names = new Map<string, number>();
  private readonly regexes = new Map<string, number>();

  /** Topic names some member subscribes to by name. */
  subscribedNames(): Iterable<string> { return this.names.keys(); }
  /** Regexes some member subscribes with. */
  subscribedRegexes(): Iterable<string> { return this.regexes.keys(); }

  memberIdOf(instanceId: string): string | undefined { return this.staticIds.get(instanceId); }

  ownerOf(topicId: string, partition: number): string | undefined { return this.owners.get(topicId)?.get(partition); }

  /** Follows a member change: `old` (if any) is replaced by `next` (if any). */
  update(old: ConsumerGroupMember | undefined, next: ConsumerGroupMember | undefined): void {
    if (old) {
      for (const [topicId, parts] of union(old.assigned, old.pendingRevocation)) {
        const byPart = this.owners.get(topicId);
        if (!byPart) continue;
        for (const p of parts) if (byPart.get(p) === old.memberId) byPart.delete(p);
        if (byPart.size === 0) this.owners.delete(topicId);
      }
      if (old.instanceId !== null && this.staticIds.get(old.instanceId) === old.memberId) this.staticIds.delete(old.instanceId);
      for (const n of old.subscribedTopicNames) count(this.names, n, -1);
      if (old.subscribedTopicRegex) count(this.regexes, old.subscribedTopicRegex, -1);
    }
    if (next) {
      for (const [topicId, parts] of union(next.assigned, next.pendingRevocation)) {
        let byPart = this.owners.get(topicId);
        if (!byPart) this.owners.set(topicId, (byPart = new Map()));
        for (const p of parts) byPart.set(p, next.memberId);
      }
      if (next.instanceId !== null) this.staticIds.set(next.instanceId, next.memberId);
      for (const n of next.subscribedTopicNames) count(this.names, n, 1);
      if (next.subscribedTopicRegex) count(this.regexes, next.subscribedTopicRegex, 1);
    }
  }
}

function count(m: Map<string, number>, k: string, d: number): void {
  const v = (m.get(k) ?? 0) + d;
  if (v > 0) m.set(k, v);
  else m.delete(k);
}
