// From member subscriptions (names and regular expressions) to the topics they cover, and
// the group's subscription metadata: every subscribed topic with its id and partition
// count. A change in that metadata (a topic created, deleted or given more partitions)
// bumps the group epoch.
import type { SubscribedTopicMetadata } from './records';
import type { ConsumerGroupMember } from './member';
import type { TopicsView } from './types';
import { compileTopicRegex } from './validate';

/** Resolves subscriptions against one view of the topics; regexes are matched once each. */
export class SubscriptionResolver {
  private readonly regexMatches = new Map<string, string[]>();
  constructor(private readonly topics: TopicsView) {}

  /** Topic names a member subscribes to (names ∪ regex matches), sorted. */
  topicsOf(m: Pick<ConsumerGroupMember, 'subscribedTopicNames' | 'subscribedTopicRegex'>): string[] {
    if (!m.subscribedTopicRegex) return [...m.subscribedTopicNames];
    const all = new Set(m.subscribedTopicNames);
    for (const name of this.matches(m.subscribedTopicRegex)) all.add(name);
    return [...all].sort();
  }

  /** Existing topics a regex matches; internal topics (names starting with "__") never match. */
  matches(source: string): string[] {
    let hit = this.regexMatches.get(source);
    if (hit === undefined) {
      hit = [];
      if (this.topics.names) {
        let re: RegExp | null = null;
        try { re = compileTopicRegex(source); } catch { re = null; }
        if (re) for (const name of this.topics.names()) if (!name.startsWith('__') && re.test(name)) hit.push(name);
      }
      hit.sort();
      this.regexMatches.set(source, hit);
    }
    return hit;
  }

  /** Subscription metadata for topics subscribed by name and by regex: existing topics only, by name. */
  metadata(subscribedNames: Iterable<string>, regexes: Iterable<string>): Map<string, SubscribedTopicMetadata> {
    const names = new Set<string>(subscribedNames);
    for (const re of regexes) for (const n of this.matches(re)) names.add(n);
    const out = new Map<string, SubscribedTopicMetadata>();
    for (const name of [...names].sort()) {
      const t = this.topics.byName(name);
      if (t && t.partitions > 0) out.set(name, { topicId: t.topicId, topicName: name, numPartitions: t.partitions });
    }
    return out;
  }
}

export function subscriptionMetadataEquals(a: ReadonlyMap<string, SubscribedTopicMetadata>, b: ReadonlyMap<string, SubscribedTopicMetadata>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, x] of a) {
    const y = b.get(name);
    if (!y || y.topicId !== x.topicId || y.numPartitions !== x.numPartitions) return false;
  }
  return true;
}
