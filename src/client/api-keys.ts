// Kafka API keys the client uses (protocol facts), and the highest version the client
// itself is written for (bodies it builds and reads); the codec may know more.
export const Api = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  DescribeConfigs: 32,
  AlterConfigs: 33,
  CreatePartitions: 37,
  IncrementalAlterConfigs: 44,
} as const;

/**
 * Client-side caps: Produce and Fetch v13+ identify topics by id only, Metadata v13 and
 * ApiVersions v4 change nothing the client needs.
 */
export const CLIENT_MAX_VERSION: Record<number, number> = {
  [Api.Produce]: 12,
  [Api.Fetch]: 12,
  [Api.ListOffsets]: 9,
  [Api.Metadata]: 12,
  [Api.ApiVersions]: 3,
  [Api.CreateTopics]: 7,
  [Api.DeleteTopics]: 6,
  [Api.DescribeConfigs]: 4,
  [Api.AlterConfigs]: 2,
  [Api.CreatePartitions]: 3,
  [Api.IncrementalAlterConfigs]: 1,
};
