// samsa's Kafka client.
export { Connection } from './connection';
export type { ConnectionOptions, RequestOptions } from './connection';
export { Cluster, parseBootstrap } from './cluster';
export type { ClusterOptions, BrokerInfo, TopicInfo, PartitionInfo } from './cluster';
export { Admin, ResourceType } from './admin';
export type { NewTopic, TopicDescription, TopicListing, ConfigEntry, ConfigResource } from './admin';
export { Producer, COMPRESSION_IDS } from './producer';
export type { ProducerOptions, ProducerRecord, RecordMetadata, CompressionName } from './producer';
export { Consumer, partitionKey } from './consumer';
export type { ConsumerOptions, ConsumedRecord, Assignment, OffsetSpec, OffsetReset } from './consumer';
export { murmur2, partitionForKey, toPositive, StickyPartitioner } from './partitioner';
export { KafkaProtocolError, ConnectionError, RequestTimeoutError, UnsupportedVersionError } from './errors';
export { Api } from './api-keys';
export * from './group';
