// Server-side partition assignors of the consumer group protocol (KIP-848): the shapes they
// share. Assignors are pure and deterministic: the same members and topics (in any order)
// always give the same target assignment.

/** One member as an assignor sees it. */
export interface AssignorMember {
  memberId: string;
  instanceId?: string | null;
  rackId?: string | null;
  /** Subscribed topic names; regular expressions are resolved by the caller. */
  subscribedTopics: readonly string[];
  /** The member's current assignment: topic id → partitions. */
  current: ReadonlyMap<string, readonly number[]>;
}

/** One topic as an assignor sees it. */
export interface AssignorTopic {
  topicId: string;
  name: string;
  partitions: number;
}

/** memberId → topicId → sorted partitions. Every member appears, possibly with an empty map. */
export type TargetAssignment = Map<string, Map<string, number[]>>;

export interface ServerAssignor {
  readonly name: string;
  assign(members: readonly AssignorMember[], topics: readonly AssignorTopic[]): TargetAssignment;
}
