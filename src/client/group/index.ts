// Consumer groups (classic protocol): the group consumer, assignors, consumer protocol bytes.
export { GroupConsumer } from './group-consumer';
export type { GroupConsumerOptions } from './group-consumer';
export { GroupMembership } from './membership';
export type { JoinResult, MembershipOptions } from './membership';
export { rangeAssignor, roundRobinAssignor, resolveAssignors, compareMembers, BUILTIN_ASSIGNORS } from './assignors';
export type { Assignor, MemberSubscription, GroupAssignment } from './assignors';
export { encodeSubscription, decodeSubscription, encodeAssignment, decodeAssignment } from './consumer-protocol';
export type { Subscription, Assignment as MemberAssignment } from './consumer-protocol';
export { CommitFailedError, NoOffsetForPartitionError, ConsumerClosedError } from './errors';
export { GroupApi, CONSUMER_PROTOCOL_TYPE } from './apis';
export type { TopicPartition } from './apis';
export { GROUP_STATES } from './group-admin';
export type { GroupListing, GroupDescription, MemberDescription, DeleteOffsetsResult } from './group-admin';
export type { OffsetToCommit, CommittedOffset } from './offset-requests';
export { findCoordinator } from './find-coordinator';
export type { CoordinatorInfo } from './find-coordinator';
