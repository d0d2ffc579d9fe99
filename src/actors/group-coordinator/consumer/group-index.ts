// Indexes a consumer group keeps next to its members: which member holds an instance id,
// and which member holds each partition (assigned or still being revoked). A partition
// held by one member is "unreleased" for any other member whose target includes it.
import { union } from './assignment';
import type { ConsumerGroupMember } from './member';

export class GroupIndex {
  /** instance id → member id */
  private readonly staticIds = new Map<string, string>();
  /** topic id → partition → member id */
  private readonly owners = new Map<string, Map<number, string>>();

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
    }
    if (next) {
      for (const [topicId, parts] of union(next.assigned, next.pendingRevocation)) {
        let byPart = this.owners.get(topicId);
        if (!byPart) this.owners.set(topicId, (byPart = new Map()));
        for (const p of parts) byPart.set(p, next.memberId);
      }
      if (next.instanceId !== null) this.staticIds.set(next.instanceId, next.memberId);
    }
  }
}
