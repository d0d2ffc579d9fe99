// The group coordinator: one GroupCoordinatorShard per __consumer_offsets partition.
export { GroupCoordinatorShard, type GroupCoordinatorShardOptions, type GroupSnapshot } from './group-coordinator-shard';
export { groupConfigFrom } from './group-config';
export { groupPartition, javaStringHashCode } from './group-partition';
export { errorResponse, GROUP_API_KEYS } from './responses';
export type { ShardContext } from './shard-context';
export type { ListedGroup } from './group-admin';
export {
  DEFAULT_GROUP_CONFIG, type GroupClock, type GroupConfig, type GroupLogger, type GroupLogWriter, type GroupRecord,
  type GroupTypeExtension, type OffsetExpiration, type RequestInfo, type ShardGroup,
} from './types';
