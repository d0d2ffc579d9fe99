// generated — do not edit (scripts/gen-protocol.js from the Kafka protocol definitions)
import type { MessageDef } from '../schema';

/** Request schemas indexed by API key. */
export const REQUESTS: readonly MessageDef[] = [
  { name: 'ProduceRequest', apiKey: 0, vv: '0-11', fv: '9+', f: [
    { n: 'transactionalId', t: 'string', v: '3+', nv: '3+', d: null },
    { n: 'acks', t: 'int16', v: '0+' },
    { n: 'timeoutMs', t: 'int32', v: '0+' },
    { n: 'topicData', t: '[]struct', s: 'TopicProduceData', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitionData', t: '[]struct', s: 'PartitionProduceData', v: '0+', f: [
        { n: 'index', t: 'int32', v: '0+' },
        { n: 'records', t: 'records', v: '0+', nv: '0+' },
      ] },
    ] },
  ] },
  { name: 'FetchRequest', apiKey: 1, vv: '0-17', fv: '12+', f: [
    { n: 'clusterId', t: 'string', v: '12+', nv: '12+', tv: '12+', tag: 0, d: null },
    { n: 'replicaId', t: 'int32', v: '0-14', d: -1 },
    { n: 'replicaState', t: 'struct', s: 'ReplicaState', v: '15+', tv: '15+', tag: 1, f: [
      { n: 'replicaId', t: 'int32', v: '15+', d: -1 },
      { n: 'replicaEpoch', t: 'int64', v: '15+', d: -1 },
    ] },
    { n: 'maxWaitMs', t: 'int32', v: '0+' },
    { n: 'minBytes', t: 'int32', v: '0+' },
    { n: 'maxBytes', t: 'int32', v: '3+', d: 2147483647 },
    { n: 'isolationLevel', t: 'int8', v: '4+', d: 0 },
    { n: 'sessionId', t: 'int32', v: '7+', d: 0 },
    { n: 'sessionEpoch', t: 'int32', v: '7+', d: -1 },
    { n: 'topics', t: '[]struct', s: 'FetchTopic', v: '0+', f: [
      { n: 'topic', t: 'string', v: '0-12' },
      { n: 'topicId', t: 'uuid', v: '13+' },
      { n: 'partitions', t: '[]struct', s: 'FetchPartition', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'currentLeaderEpoch', t: 'int32', v: '9+', d: -1 },
        { n: 'fetchOffset', t: 'int64', v: '0+' },
        { n: 'lastFetchedEpoch', t: 'int32', v: '12+', d: -1 },
        { n: 'logStartOffset', t: 'int64', v: '5+', d: -1 },
        { n: 'partitionMaxBytes', t: 'int32', v: '0+' },
        { n: 'replicaDirectoryId', t: 'uuid', v: '17+', tv: '17+', tag: 0 },
      ] },
    ] },
    { n: 'forgottenTopicsData', t: '[]struct', s: 'ForgottenTopic', v: '7+', f: [
      { n: 'topic', t: 'string', v: '7-12' },
      { n: 'topicId', t: 'uuid', v: '13+' },
      { n: 'partitions', t: '[]int32', v: '7+' },
    ] },
    { n: 'rackId', t: 'string', v: '11+', d: '' },
  ] },
  { name: 'ListOffsetsRequest', apiKey: 2, vv: '0-10', fv: '6+', f: [
    { n: 'replicaId', t: 'int32', v: '0+' },
    { n: 'isolationLevel', t: 'int8', v: '2+' },
    { n: 'topics', t: '[]struct', s: 'ListOffsetsTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'ListOffsetsPartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'currentLeaderEpoch', t: 'int32', v: '4+', d: -1 },
        { n: 'timestamp', t: 'int64', v: '0+' },
        { n: 'maxNumOffsets', t: 'int32', v: '0', d: 1 },
      ] },
    ] },
    { n: 'timeoutMs', t: 'int32', v: '10+' },
  ] },
  { name: 'MetadataRequest', apiKey: 3, vv: '0-12', fv: '9+', f: [
    { n: 'topics', t: '[]struct', s: 'MetadataRequestTopic', v: '0+', nv: '1+', f: [
      { n: 'topicId', t: 'uuid', v: '10+' },
      { n: 'name', t: 'string', v: '0+', nv: '10+' },
    ] },
    { n: 'allowAutoTopicCreation', t: 'bool', v: '4+', d: true },
    { n: 'includeClusterAuthorizedOperations', t: 'bool', v: '8-10' },
    { n: 'includeTopicAuthorizedOperations', t: 'bool', v: '8+' },
  ] },
  { name: 'LeaderAndIsrRequest', apiKey: 4, vv: '0-7', fv: '4+', f: [
    { n: 'controllerId', t: 'int32', v: '0+' },
    { n: 'isKRaftController', t: 'bool', v: '7+', d: false },
    { n: 'controllerEpoch', t: 'int32', v: '0+' },
    { n: 'brokerEpoch', t: 'int64', v: '2+', d: -1 },
    { n: 'type', t: 'int8', v: '5+' },
    { n: 'ungroupedPartitionStates', t: '[]struct', s: 'LeaderAndIsrPartitionState', v: '0-1', f: [
      { n: 'topicName', t: 'string', v: '0-1' },
      { n: 'partitionIndex', t: 'int32', v: '0+' },
      { n: 'controllerEpoch', t: 'int32', v: '0+' },
      { n: 'leader', t: 'int32', v: '0+' },
      { n: 'leaderEpoch', t: 'int32', v: '0+' },
      { n: 'isr', t: '[]int32', v: '0+' },
      { n: 'partitionEpoch', t: 'int32', v: '0+' },
      { n: 'replicas', t: '[]int32', v: '0+' },
      { n: 'addingReplicas', t: '[]int32', v: '3+' },
      { n: 'removingReplicas', t: '[]int32', v: '3+' },
      { n: 'isNew', t: 'bool', v: '1+', d: false },
      { n: 'leaderRecoveryState', t: 'int8', v: '6+', d: 0 },
    ] },
    { n: 'topicStates', t: '[]struct', s: 'LeaderAndIsrTopicState', v: '2+', f: [
      { n: 'topicName', t: 'string', v: '2+' },
      { n: 'topicId', t: 'uuid', v: '5+' },
      { n: 'partitionStates', t: '[]struct', s: 'LeaderAndIsrPartitionState', v: '2+', f: [
        { n: 'topicName', t: 'string', v: '0-1' },
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'controllerEpoch', t: 'int32', v: '0+' },
        { n: 'leader', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
        { n: 'isr', t: '[]int32', v: '0+' },
        { n: 'partitionEpoch', t: 'int32', v: '0+' },
        { n: 'replicas', t: '[]int32', v: '0+' },
        { n: 'addingReplicas', t: '[]int32', v: '3+' },
        { n: 'removingReplicas', t: '[]int32', v: '3+' },
        { n: 'isNew', t: 'bool', v: '1+', d: false },
        { n: 'leaderRecoveryState', t: 'int8', v: '6+', d: 0 },
      ] },
    ] },
    { n: 'liveLeaders', t: '[]struct', s: 'LeaderAndIsrLiveLeader', v: '0+', f: [
      { n: 'brokerId', t: 'int32', v: '0+' },
      { n: 'hostName', t: 'string', v: '0+' },
      { n: 'port', t: 'int32', v: '0+' },
    ] },
  ] },
  { name: 'StopReplicaRequest', apiKey: 5, vv: '0-4', fv: '2+', f: [
    { n: 'controllerId', t: 'int32', v: '0+' },
    { n: 'isKRaftController', t: 'bool', v: '4+', d: false },
    { n: 'controllerEpoch', t: 'int32', v: '0+' },
    { n: 'brokerEpoch', t: 'int64', v: '1+', d: -1 },
    { n: 'deletePartitions', t: 'bool', v: '0-2' },
    { n: 'ungroupedPartitions', t: '[]struct', s: 'StopReplicaPartitionV0', v: '0', f: [
      { n: 'topicName', t: 'string', v: '0' },
      { n: 'partitionIndex', t: 'int32', v: '0' },
    ] },
    { n: 'topics', t: '[]struct', s: 'StopReplicaTopicV1', v: '1-2', f: [
      { n: 'name', t: 'string', v: '1-2' },
      { n: 'partitionIndexes', t: '[]int32', v: '1-2' },
    ] },
    { n: 'topicStates', t: '[]struct', s: 'StopReplicaTopicState', v: '3+', f: [
      { n: 'topicName', t: 'string', v: '3+' },
      { n: 'partitionStates', t: '[]struct', s: 'StopReplicaPartitionState', v: '3+', f: [
        { n: 'partitionIndex', t: 'int32', v: '3+' },
        { n: 'leaderEpoch', t: 'int32', v: '3+', d: -1 },
        { n: 'deletePartition', t: 'bool', v: '3+' },
      ] },
    ] },
  ] },
  { name: 'UpdateMetadataRequest', apiKey: 6, vv: '0-8', fv: '6+', f: [
    { n: 'controllerId', t: 'int32', v: '0+' },
    { n: 'isKRaftController', t: 'bool', v: '8+', d: false },
    { n: 'type', t: 'int8', v: '8+', tv: '8+', tag: 0, d: 0 },
    { n: 'controllerEpoch', t: 'int32', v: '0+' },
    { n: 'brokerEpoch', t: 'int64', v: '5+', d: -1 },
    { n: 'ungroupedPartitionStates', t: '[]struct', s: 'UpdateMetadataPartitionState', v: '0-4', f: [
      { n: 'topicName', t: 'string', v: '0-4' },
      { n: 'partitionIndex', t: 'int32', v: '0+' },
      { n: 'controllerEpoch', t: 'int32', v: '0+' },
      { n: 'leader', t: 'int32', v: '0+' },
      { n: 'leaderEpoch', t: 'int32', v: '0+' },
      { n: 'isr', t: '[]int32', v: '0+' },
      { n: 'zkVersion', t: 'int32', v: '0+' },
      { n: 'replicas', t: '[]int32', v: '0+' },
      { n: 'offlineReplicas', t: '[]int32', v: '4+' },
    ] },
    { n: 'topicStates', t: '[]struct', s: 'UpdateMetadataTopicState', v: '5+', f: [
      { n: 'topicName', t: 'string', v: '5+' },
      { n: 'topicId', t: 'uuid', v: '7+' },
      { n: 'partitionStates', t: '[]struct', s: 'UpdateMetadataPartitionState', v: '5+', f: [
        { n: 'topicName', t: 'string', v: '0-4' },
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'controllerEpoch', t: 'int32', v: '0+' },
        { n: 'leader', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
        { n: 'isr', t: '[]int32', v: '0+' },
        { n: 'zkVersion', t: 'int32', v: '0+' },
        { n: 'replicas', t: '[]int32', v: '0+' },
        { n: 'offlineReplicas', t: '[]int32', v: '4+' },
      ] },
    ] },
    { n: 'liveBrokers', t: '[]struct', s: 'UpdateMetadataBroker', v: '0+', f: [
      { n: 'id', t: 'int32', v: '0+' },
      { n: 'v0Host', t: 'string', v: '0' },
      { n: 'v0Port', t: 'int32', v: '0' },
      { n: 'endpoints', t: '[]struct', s: 'UpdateMetadataEndpoint', v: '1+', f: [
        { n: 'port', t: 'int32', v: '1+' },
        { n: 'host', t: 'string', v: '1+' },
        { n: 'listener', t: 'string', v: '3+' },
        { n: 'securityProtocol', t: 'int16', v: '1+' },
      ] },
      { n: 'rack', t: 'string', v: '2+', nv: '0+' },
    ] },
  ] },
  { name: 'ControlledShutdownRequest', apiKey: 7, vv: '0-3', fv: '3+', f: [
    { n: 'brokerId', t: 'int32', v: '0+' },
    { n: 'brokerEpoch', t: 'int64', v: '2+', d: -1 },
  ] },
  { name: 'OffsetCommitRequest', apiKey: 8, vv: '0-9', fv: '8+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'generationIdOrMemberEpoch', t: 'int32', v: '1+', d: -1 },
    { n: 'memberId', t: 'string', v: '1+' },
    { n: 'groupInstanceId', t: 'string', v: '7+', nv: '7+', d: null },
    { n: 'retentionTimeMs', t: 'int64', v: '2-4', d: -1 },
    { n: 'topics', t: '[]struct', s: 'OffsetCommitRequestTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'OffsetCommitRequestPartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'committedOffset', t: 'int64', v: '0+' },
        { n: 'committedLeaderEpoch', t: 'int32', v: '6+', d: -1 },
        { n: 'commitTimestamp', t: 'int64', v: '1', d: -1 },
        { n: 'committedMetadata', t: 'string', v: '0+', nv: '0+' },
      ] },
    ] },
  ] },
  { name: 'OffsetFetchRequest', apiKey: 9, vv: '0-9', fv: '6+', f: [
    { n: 'groupId', t: 'string', v: '0-7' },
    { n: 'topics', t: '[]struct', s: 'OffsetFetchRequestTopic', v: '0-7', nv: '2-7', f: [
      { n: 'name', t: 'string', v: '0-7' },
      { n: 'partitionIndexes', t: '[]int32', v: '0-7' },
    ] },
    { n: 'groups', t: '[]struct', s: 'OffsetFetchRequestGroup', v: '8+', f: [
      { n: 'groupId', t: 'string', v: '8+' },
      { n: 'memberId', t: 'string', v: '9+', nv: '9+', d: null },
      { n: 'memberEpoch', t: 'int32', v: '9+', d: -1 },
      { n: 'topics', t: '[]struct', s: 'OffsetFetchRequestTopics', v: '8+', nv: '8+', f: [
        { n: 'name', t: 'string', v: '8+' },
        { n: 'partitionIndexes', t: '[]int32', v: '8+' },
      ] },
    ] },
    { n: 'requireStable', t: 'bool', v: '7+', d: false },
  ] },
  { name: 'FindCoordinatorRequest', apiKey: 10, vv: '0-6', fv: '3+', f: [
    { n: 'key', t: 'string', v: '0-3' },
    { n: 'keyType', t: 'int8', v: '1+', d: 0 },
    { n: 'coordinatorKeys', t: '[]string', v: '4+' },
  ] },
  { name: 'JoinGroupRequest', apiKey: 11, vv: '0-9', fv: '6+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'sessionTimeoutMs', t: 'int32', v: '0+' },
    { n: 'rebalanceTimeoutMs', t: 'int32', v: '1+', d: -1 },
    { n: 'memberId', t: 'string', v: '0+' },
    { n: 'groupInstanceId', t: 'string', v: '5+', nv: '5+', d: null },
    { n: 'protocolType', t: 'string', v: '0+' },
    { n: 'protocols', t: '[]struct', s: 'JoinGroupRequestProtocol', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'metadata', t: 'bytes', v: '0+' },
    ] },
    { n: 'reason', t: 'string', v: '8+', nv: '8+', d: null },
  ] },
  { name: 'HeartbeatRequest', apiKey: 12, vv: '0-4', fv: '4+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'generationId', t: 'int32', v: '0+' },
    { n: 'memberId', t: 'string', v: '0+' },
    { n: 'groupInstanceId', t: 'string', v: '3+', nv: '3+', d: null },
  ] },
  { name: 'LeaveGroupRequest', apiKey: 13, vv: '0-5', fv: '4+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'memberId', t: 'string', v: '0-2' },
    { n: 'members', t: '[]struct', s: 'MemberIdentity', v: '3+', f: [
      { n: 'memberId', t: 'string', v: '3+' },
      { n: 'groupInstanceId', t: 'string', v: '3+', nv: '3+', d: null },
      { n: 'reason', t: 'string', v: '5+', nv: '5+', d: null },
    ] },
  ] },
  { name: 'SyncGroupRequest', apiKey: 14, vv: '0-5', fv: '4+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'generationId', t: 'int32', v: '0+' },
    { n: 'memberId', t: 'string', v: '0+' },
    { n: 'groupInstanceId', t: 'string', v: '3+', nv: '3+', d: null },
    { n: 'protocolType', t: 'string', v: '5+', nv: '5+', d: null },
    { n: 'protocolName', t: 'string', v: '5+', nv: '5+', d: null },
    { n: 'assignments', t: '[]struct', s: 'SyncGroupRequestAssignment', v: '0+', f: [
      { n: 'memberId', t: 'string', v: '0+' },
      { n: 'assignment', t: 'bytes', v: '0+' },
    ] },
  ] },
  { name: 'DescribeGroupsRequest', apiKey: 15, vv: '0-5', fv: '5+', f: [
    { n: 'groups', t: '[]string', v: '0+' },
    { n: 'includeAuthorizedOperations', t: 'bool', v: '3+' },
  ] },
  { name: 'ListGroupsRequest', apiKey: 16, vv: '0-5', fv: '3+', f: [
    { n: 'statesFilter', t: '[]string', v: '4+' },
    { n: 'typesFilter', t: '[]string', v: '5+' },
  ] },
  { name: 'SaslHandshakeRequest', apiKey: 17, vv: '0-1', fv: 'none', f: [
    { n: 'mechanism', t: 'string', v: '0+' },
  ] },
  { name: 'ApiVersionsRequest', apiKey: 18, vv: '0-4', fv: '3+', f: [
    { n: 'clientSoftwareName', t: 'string', v: '3+' },
    { n: 'clientSoftwareVersion', t: 'string', v: '3+' },
  ] },
  { name: 'CreateTopicsRequest', apiKey: 19, vv: '0-7', fv: '5+', f: [
    { n: 'topics', t: '[]struct', s: 'CreatableTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'numPartitions', t: 'int32', v: '0+' },
      { n: 'replicationFactor', t: 'int16', v: '0+' },
      { n: 'assignments', t: '[]struct', s: 'CreatableReplicaAssignment', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'brokerIds', t: '[]int32', v: '0+' },
      ] },
      { n: 'configs', t: '[]struct', s: 'CreatableTopicConfig', v: '0+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'value', t: 'string', v: '0+', nv: '0+' },
      ] },
    ] },
    { n: 'timeoutMs', t: 'int32', v: '0+', d: 60000 },
    { n: 'validateOnly', t: 'bool', v: '1+', d: false },
  ] },
  { name: 'DeleteTopicsRequest', apiKey: 20, vv: '0-6', fv: '4+', f: [
    { n: 'topics', t: '[]struct', s: 'DeleteTopicState', v: '6+', f: [
      { n: 'name', t: 'string', v: '6+', nv: '6+', d: null },
      { n: 'topicId', t: 'uuid', v: '6+' },
    ] },
    { n: 'topicNames', t: '[]string', v: '0-5' },
    { n: 'timeoutMs', t: 'int32', v: '0+' },
  ] },
  { name: 'DeleteRecordsRequest', apiKey: 21, vv: '0-2', fv: '2+', f: [
    { n: 'topics', t: '[]struct', s: 'DeleteRecordsTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'DeleteRecordsPartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'offset', t: 'int64', v: '0+' },
      ] },
    ] },
    { n: 'timeoutMs', t: 'int32', v: '0+' },
  ] },
  { name: 'InitProducerIdRequest', apiKey: 22, vv: '0-5', fv: '2+', f: [
    { n: 'transactionalId', t: 'string', v: '0+', nv: '0+' },
    { n: 'transactionTimeoutMs', t: 'int32', v: '0+' },
    { n: 'producerId', t: 'int64', v: '3+', d: -1 },
    { n: 'producerEpoch', t: 'int16', v: '3+', d: -1 },
  ] },
  { name: 'OffsetForLeaderEpochRequest', apiKey: 23, vv: '0-4', fv: '4+', f: [
    { n: 'replicaId', t: 'int32', v: '3+', d: -2 },
    { n: 'topics', t: '[]struct', s: 'OffsetForLeaderTopic', v: '0+', f: [
      { n: 'topic', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'OffsetForLeaderPartition', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'currentLeaderEpoch', t: 'int32', v: '2+', d: -1 },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'AddPartitionsToTxnRequest', apiKey: 24, vv: '0-5', fv: '3+', f: [
    { n: 'transactions', t: '[]struct', s: 'AddPartitionsToTxnTransaction', v: '4+', f: [
      { n: 'transactionalId', t: 'string', v: '4+' },
      { n: 'producerId', t: 'int64', v: '4+' },
      { n: 'producerEpoch', t: 'int16', v: '4+' },
      { n: 'verifyOnly', t: 'bool', v: '4+', d: false },
      { n: 'topics', t: '[]struct', s: 'AddPartitionsToTxnTopic', v: '4+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'partitions', t: '[]int32', v: '0+' },
      ] },
    ] },
    { n: 'v3AndBelowTransactionalId', t: 'string', v: '0-3' },
    { n: 'v3AndBelowProducerId', t: 'int64', v: '0-3' },
    { n: 'v3AndBelowProducerEpoch', t: 'int16', v: '0-3' },
    { n: 'v3AndBelowTopics', t: '[]struct', s: 'AddPartitionsToTxnTopic', v: '0-3', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]int32', v: '0+' },
    ] },
  ] },
  { name: 'AddOffsetsToTxnRequest', apiKey: 25, vv: '0-4', fv: '3+', f: [
    { n: 'transactionalId', t: 'string', v: '0+' },
    { n: 'producerId', t: 'int64', v: '0+' },
    { n: 'producerEpoch', t: 'int16', v: '0+' },
    { n: 'groupId', t: 'string', v: '0+' },
  ] },
  { name: 'EndTxnRequest', apiKey: 26, vv: '0-5', fv: '3+', f: [
    { n: 'transactionalId', t: 'string', v: '0+' },
    { n: 'producerId', t: 'int64', v: '0+' },
    { n: 'producerEpoch', t: 'int16', v: '0+' },
    { n: 'committed', t: 'bool', v: '0+' },
  ] },
  { name: 'WriteTxnMarkersRequest', apiKey: 27, vv: '0-1', fv: '1+', f: [
    { n: 'markers', t: '[]struct', s: 'WritableTxnMarker', v: '0+', f: [
      { n: 'producerId', t: 'int64', v: '0+' },
      { n: 'producerEpoch', t: 'int16', v: '0+' },
      { n: 'transactionResult', t: 'bool', v: '0+' },
      { n: 'topics', t: '[]struct', s: 'WritableTxnMarkerTopic', v: '0+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'partitionIndexes', t: '[]int32', v: '0+' },
      ] },
      { n: 'coordinatorEpoch', t: 'int32', v: '0+' },
    ] },
  ] },
  { name: 'TxnOffsetCommitRequest', apiKey: 28, vv: '0-4', fv: '3+', f: [
    { n: 'transactionalId', t: 'string', v: '0+' },
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'producerId', t: 'int64', v: '0+' },
    { n: 'producerEpoch', t: 'int16', v: '0+' },
    { n: 'generationId', t: 'int32', v: '3+', d: -1 },
    { n: 'memberId', t: 'string', v: '3+', d: '' },
    { n: 'groupInstanceId', t: 'string', v: '3+', nv: '3+', d: null },
    { n: 'topics', t: '[]struct', s: 'TxnOffsetCommitRequestTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'TxnOffsetCommitRequestPartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'committedOffset', t: 'int64', v: '0+' },
        { n: 'committedLeaderEpoch', t: 'int32', v: '2+', d: -1 },
        { n: 'committedMetadata', t: 'string', v: '0+', nv: '0+' },
      ] },
    ] },
  ] },
  { name: 'DescribeAclsRequest', apiKey: 29, vv: '0-3', fv: '2+', f: [
    { n: 'resourceTypeFilter', t: 'int8', v: '0+' },
    { n: 'resourceNameFilter', t: 'string', v: '0+', nv: '0+' },
    { n: 'patternTypeFilter', t: 'int8', v: '1+', d: 3 },
    { n: 'principalFilter', t: 'string', v: '0+', nv: '0+' },
    { n: 'hostFilter', t: 'string', v: '0+', nv: '0+' },
    { n: 'operation', t: 'int8', v: '0+' },
    { n: 'permissionType', t: 'int8', v: '0+' },
  ] },
  { name: 'CreateAclsRequest', apiKey: 30, vv: '0-3', fv: '2+', f: [
    { n: 'creations', t: '[]struct', s: 'AclCreation', v: '0+', f: [
      { n: 'resourceType', t: 'int8', v: '0+' },
      { n: 'resourceName', t: 'string', v: '0+' },
      { n: 'resourcePatternType', t: 'int8', v: '1+', d: 3 },
      { n: 'principal', t: 'string', v: '0+' },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'operation', t: 'int8', v: '0+' },
      { n: 'permissionType', t: 'int8', v: '0+' },
    ] },
  ] },
  { name: 'DeleteAclsRequest', apiKey: 31, vv: '0-3', fv: '2+', f: [
    { n: 'filters', t: '[]struct', s: 'DeleteAclsFilter', v: '0+', f: [
      { n: 'resourceTypeFilter', t: 'int8', v: '0+' },
      { n: 'resourceNameFilter', t: 'string', v: '0+', nv: '0+' },
      { n: 'patternTypeFilter', t: 'int8', v: '1+', d: 3 },
      { n: 'principalFilter', t: 'string', v: '0+', nv: '0+' },
      { n: 'hostFilter', t: 'string', v: '0+', nv: '0+' },
      { n: 'operation', t: 'int8', v: '0+' },
      { n: 'permissionType', t: 'int8', v: '0+' },
    ] },
  ] },
  { name: 'DescribeConfigsRequest', apiKey: 32, vv: '0-4', fv: '4+', f: [
    { n: 'resources', t: '[]struct', s: 'DescribeConfigsResource', v: '0+', f: [
      { n: 'resourceType', t: 'int8', v: '0+' },
      { n: 'resourceName', t: 'string', v: '0+' },
      { n: 'configurationKeys', t: '[]string', v: '0+', nv: '0+' },
    ] },
    { n: 'includeSynonyms', t: 'bool', v: '1+', d: false },
    { n: 'includeDocumentation', t: 'bool', v: '3+', d: false },
  ] },
  { name: 'AlterConfigsRequest', apiKey: 33, vv: '0-2', fv: '2+', f: [
    { n: 'resources', t: '[]struct', s: 'AlterConfigsResource', v: '0+', f: [
      { n: 'resourceType', t: 'int8', v: '0+' },
      { n: 'resourceName', t: 'string', v: '0+' },
      { n: 'configs', t: '[]struct', s: 'AlterableConfig', v: '0+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'value', t: 'string', v: '0+', nv: '0+' },
      ] },
    ] },
    { n: 'validateOnly', t: 'bool', v: '0+' },
  ] },
  { name: 'AlterReplicaLogDirsRequest', apiKey: 34, vv: '0-2', fv: '2+', f: [
    { n: 'dirs', t: '[]struct', s: 'AlterReplicaLogDir', v: '0+', f: [
      { n: 'path', t: 'string', v: '0+' },
      { n: 'topics', t: '[]struct', s: 'AlterReplicaLogDirTopic', v: '0+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'partitions', t: '[]int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'DescribeLogDirsRequest', apiKey: 35, vv: '0-4', fv: '2+', f: [
    { n: 'topics', t: '[]struct', s: 'DescribableLogDirTopic', v: '0+', nv: '0+', f: [
      { n: 'topic', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]int32', v: '0+' },
    ] },
  ] },
  { name: 'SaslAuthenticateRequest', apiKey: 36, vv: '0-2', fv: '2+', f: [
    { n: 'authBytes', t: 'bytes', v: '0+' },
  ] },
  { name: 'CreatePartitionsRequest', apiKey: 37, vv: '0-3', fv: '2+', f: [
    { n: 'topics', t: '[]struct', s: 'CreatePartitionsTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'count', t: 'int32', v: '0+' },
      { n: 'assignments', t: '[]struct', s: 'CreatePartitionsAssignment', v: '0+', nv: '0+', f: [
        { n: 'brokerIds', t: '[]int32', v: '0+' },
      ] },
    ] },
    { n: 'timeoutMs', t: 'int32', v: '0+' },
    { n: 'validateOnly', t: 'bool', v: '0+' },
  ] },
  { name: 'CreateDelegationTokenRequest', apiKey: 38, vv: '0-3', fv: '2+', f: [
    { n: 'ownerPrincipalType', t: 'string', v: '3+', nv: '3+' },
    { n: 'ownerPrincipalName', t: 'string', v: '3+', nv: '3+' },
    { n: 'renewers', t: '[]struct', s: 'CreatableRenewers', v: '0+', f: [
      { n: 'principalType', t: 'string', v: '0+' },
      { n: 'principalName', t: 'string', v: '0+' },
    ] },
    { n: 'maxLifetimeMs', t: 'int64', v: '0+' },
  ] },
  { name: 'RenewDelegationTokenRequest', apiKey: 39, vv: '0-2', fv: '2+', f: [
    { n: 'hmac', t: 'bytes', v: '0+' },
    { n: 'renewPeriodMs', t: 'int64', v: '0+' },
  ] },
  { name: 'ExpireDelegationTokenRequest', apiKey: 40, vv: '0-2', fv: '2+', f: [
    { n: 'hmac', t: 'bytes', v: '0+' },
    { n: 'expiryTimePeriodMs', t: 'int64', v: '0+' },
  ] },
  { name: 'DescribeDelegationTokenRequest', apiKey: 41, vv: '0-3', fv: '2+', f: [
    { n: 'owners', t: '[]struct', s: 'DescribeDelegationTokenOwner', v: '0+', nv: '0+', f: [
      { n: 'principalType', t: 'string', v: '0+' },
      { n: 'principalName', t: 'string', v: '0+' },
    ] },
  ] },
  { name: 'DeleteGroupsRequest', apiKey: 42, vv: '0-2', fv: '2+', f: [
    { n: 'groupsNames', t: '[]string', v: '0+' },
  ] },
  { name: 'ElectLeadersRequest', apiKey: 43, vv: '0-2', fv: '2+', f: [
    { n: 'electionType', t: 'int8', v: '1+' },
    { n: 'topicPartitions', t: '[]struct', s: 'TopicPartitions', v: '0+', nv: '0+', f: [
      { n: 'topic', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]int32', v: '0+' },
    ] },
    { n: 'timeoutMs', t: 'int32', v: '0+', d: 60000 },
  ] },
  { name: 'IncrementalAlterConfigsRequest', apiKey: 44, vv: '0-1', fv: '1+', f: [
    { n: 'resources', t: '[]struct', s: 'AlterConfigsResource', v: '0+', f: [
      { n: 'resourceType', t: 'int8', v: '0+' },
      { n: 'resourceName', t: 'string', v: '0+' },
      { n: 'configs', t: '[]struct', s: 'AlterableConfig', v: '0+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'configOperation', t: 'int8', v: '0+' },
        { n: 'value', t: 'string', v: '0+', nv: '0+' },
      ] },
    ] },
    { n: 'validateOnly', t: 'bool', v: '0+' },
  ] },
  { name: 'AlterPartitionReassignmentsRequest', apiKey: 45, vv: '0', fv: '0+', f: [
    { n: 'timeoutMs', t: 'int32', v: '0+', d: 60000 },
    { n: 'topics', t: '[]struct', s: 'ReassignableTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'ReassignablePartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'replicas', t: '[]int32', v: '0+', nv: '0+', d: null },
      ] },
    ] },
  ] },
  { name: 'ListPartitionReassignmentsRequest', apiKey: 46, vv: '0', fv: '0+', f: [
    { n: 'timeoutMs', t: 'int32', v: '0+', d: 60000 },
    { n: 'topics', t: '[]struct', s: 'ListPartitionReassignmentsTopics', v: '0+', nv: '0+', d: null, f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitionIndexes', t: '[]int32', v: '0+' },
    ] },
  ] },
  { name: 'OffsetDeleteRequest', apiKey: 47, vv: '0', fv: 'none', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'OffsetDeleteRequestTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'OffsetDeleteRequestPartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'DescribeClientQuotasRequest', apiKey: 48, vv: '0-1', fv: '1+', f: [
    { n: 'components', t: '[]struct', s: 'ComponentData', v: '0+', f: [
      { n: 'entityType', t: 'string', v: '0+' },
      { n: 'matchType', t: 'int8', v: '0+' },
      { n: 'match', t: 'string', v: '0+', nv: '0+' },
    ] },
    { n: 'strict', t: 'bool', v: '0+' },
  ] },
  { name: 'AlterClientQuotasRequest', apiKey: 49, vv: '0-1', fv: '1+', f: [
    { n: 'entries', t: '[]struct', s: 'EntryData', v: '0+', f: [
      { n: 'entity', t: '[]struct', s: 'EntityData', v: '0+', f: [
        { n: 'entityType', t: 'string', v: '0+' },
        { n: 'entityName', t: 'string', v: '0+', nv: '0+' },
      ] },
      { n: 'ops', t: '[]struct', s: 'OpData', v: '0+', f: [
        { n: 'key', t: 'string', v: '0+' },
        { n: 'value', t: 'float64', v: '0+' },
        { n: 'remove', t: 'bool', v: '0+' },
      ] },
    ] },
    { n: 'validateOnly', t: 'bool', v: '0+' },
  ] },
  { name: 'DescribeUserScramCredentialsRequest', apiKey: 50, vv: '0', fv: '0+', f: [
    { n: 'users', t: '[]struct', s: 'UserName', v: '0+', nv: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
    ] },
  ] },
  { name: 'AlterUserScramCredentialsRequest', apiKey: 51, vv: '0', fv: '0+', f: [
    { n: 'deletions', t: '[]struct', s: 'ScramCredentialDeletion', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'mechanism', t: 'int8', v: '0+' },
    ] },
    { n: 'upsertions', t: '[]struct', s: 'ScramCredentialUpsertion', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'mechanism', t: 'int8', v: '0+' },
      { n: 'iterations', t: 'int32', v: '0+' },
      { n: 'salt', t: 'bytes', v: '0+' },
      { n: 'saltedPassword', t: 'bytes', v: '0+' },
    ] },
  ] },
  { name: 'VoteRequest', apiKey: 52, vv: '0-1', fv: '0+', f: [
    { n: 'clusterId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'voterId', t: 'int32', v: '1+', d: -1 },
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'candidateEpoch', t: 'int32', v: '0+' },
        { n: 'candidateId', t: 'int32', v: '0+' },
        { n: 'candidateDirectoryId', t: 'uuid', v: '1+' },
        { n: 'voterDirectoryId', t: 'uuid', v: '1+' },
        { n: 'lastOffsetEpoch', t: 'int32', v: '0+' },
        { n: 'lastOffset', t: 'int64', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'BeginQuorumEpochRequest', apiKey: 53, vv: '0-1', fv: '1+', f: [
    { n: 'clusterId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'voterId', t: 'int32', v: '1+', d: -1 },
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'voterDirectoryId', t: 'uuid', v: '1+' },
        { n: 'leaderId', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
      ] },
    ] },
    { n: 'leaderEndpoints', t: '[]struct', s: 'LeaderEndpoint', v: '1+', f: [
      { n: 'name', t: 'string', v: '1+' },
      { n: 'host', t: 'string', v: '1+' },
      { n: 'port', t: 'uint16', v: '1+' },
    ] },
  ] },
  { name: 'EndQuorumEpochRequest', apiKey: 54, vv: '0-1', fv: '1+', f: [
    { n: 'clusterId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'leaderId', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
        { n: 'preferredSuccessors', t: '[]int32', v: '0' },
        { n: 'preferredCandidates', t: '[]struct', s: 'ReplicaInfo', v: '1+', f: [
          { n: 'candidateId', t: 'int32', v: '1+' },
          { n: 'candidateDirectoryId', t: 'uuid', v: '1+' },
        ] },
      ] },
    ] },
    { n: 'leaderEndpoints', t: '[]struct', s: 'LeaderEndpoint', v: '1+', f: [
      { n: 'name', t: 'string', v: '1+' },
      { n: 'host', t: 'string', v: '1+' },
      { n: 'port', t: 'uint16', v: '1+' },
    ] },
  ] },
  { name: 'DescribeQuorumRequest', apiKey: 55, vv: '0-2', fv: '0+', f: [
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'AlterPartitionRequest', apiKey: 56, vv: '0-3', fv: '0+', f: [
    { n: 'brokerId', t: 'int32', v: '0+' },
    { n: 'brokerEpoch', t: 'int64', v: '0+', d: -1 },
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0-1' },
      { n: 'topicId', t: 'uuid', v: '2+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
        { n: 'newIsr', t: '[]int32', v: '0-2' },
        { n: 'newIsrWithEpochs', t: '[]struct', s: 'BrokerState', v: '3+', f: [
          { n: 'brokerId', t: 'int32', v: '3+' },
          { n: 'brokerEpoch', t: 'int64', v: '3+', d: -1 },
        ] },
        { n: 'leaderRecoveryState', t: 'int8', v: '1+', d: 0 },
        { n: 'partitionEpoch', t: 'int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'UpdateFeaturesRequest', apiKey: 57, vv: '0-2', fv: '0+', f: [
    { n: 'timeoutMs', t: 'int32', v: '0+', d: 60000 },
    { n: 'featureUpdates', t: '[]struct', s: 'FeatureUpdateKey', v: '0+', f: [
      { n: 'feature', t: 'string', v: '0+' },
      { n: 'maxVersionLevel', t: 'int16', v: '0+' },
      { n: 'allowDowngrade', t: 'bool', v: '0' },
      { n: 'upgradeType', t: 'int8', v: '1+', d: 1 },
    ] },
    { n: 'validateOnly', t: 'bool', v: '1+', d: false },
  ] },
  { name: 'EnvelopeRequest', apiKey: 58, vv: '0', fv: '0+', f: [
    { n: 'requestData', t: 'bytes', v: '0+' },
    { n: 'requestPrincipal', t: 'bytes', v: '0+', nv: '0+' },
    { n: 'clientHostAddress', t: 'bytes', v: '0+' },
  ] },
  { name: 'FetchSnapshotRequest', apiKey: 59, vv: '0-1', fv: '0+', f: [
    { n: 'clusterId', t: 'string', v: '0+', nv: '0+', tv: '0+', tag: 0, d: null },
    { n: 'replicaId', t: 'int32', v: '0+', d: -1 },
    { n: 'maxBytes', t: 'int32', v: '0+', d: 2147483647 },
    { n: 'topics', t: '[]struct', s: 'TopicSnapshot', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionSnapshot', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'currentLeaderEpoch', t: 'int32', v: '0+' },
        { n: 'snapshotId', t: 'struct', s: 'SnapshotId', v: '0+', f: [
          { n: 'endOffset', t: 'int64', v: '0+' },
          { n: 'epoch', t: 'int32', v: '0+' },
        ] },
        { n: 'position', t: 'int64', v: '0+' },
        { n: 'replicaDirectoryId', t: 'uuid', v: '1+', tv: '1+', tag: 0 },
      ] },
    ] },
  ] },
  { name: 'DescribeClusterRequest', apiKey: 60, vv: '0-1', fv: '0+', f: [
    { n: 'includeClusterAuthorizedOperations', t: 'bool', v: '0+' },
    { n: 'endpointType', t: 'int8', v: '1+', d: 1 },
  ] },
  { name: 'DescribeProducersRequest', apiKey: 61, vv: '0', fv: '0+', f: [
    { n: 'topics', t: '[]struct', s: 'TopicRequest', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitionIndexes', t: '[]int32', v: '0+' },
    ] },
  ] },
  { name: 'BrokerRegistrationRequest', apiKey: 62, vv: '0-4', fv: '0+', f: [
    { n: 'brokerId', t: 'int32', v: '0+' },
    { n: 'clusterId', t: 'string', v: '0+' },
    { n: 'incarnationId', t: 'uuid', v: '0+' },
    { n: 'listeners', t: '[]struct', s: 'Listener', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'port', t: 'uint16', v: '0+' },
      { n: 'securityProtocol', t: 'int16', v: '0+' },
    ] },
    { n: 'features', t: '[]struct', s: 'Feature', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'minSupportedVersion', t: 'int16', v: '0+' },
      { n: 'maxSupportedVersion', t: 'int16', v: '0+' },
    ] },
    { n: 'rack', t: 'string', v: '0+', nv: '0+' },
    { n: 'isMigratingZkBroker', t: 'bool', v: '1+', d: false },
    { n: 'logDirs', t: '[]uuid', v: '2+' },
    { n: 'previousBrokerEpoch', t: 'int64', v: '3+', d: -1 },
  ] },
  { name: 'BrokerHeartbeatRequest', apiKey: 63, vv: '0-1', fv: '0+', f: [
    { n: 'brokerId', t: 'int32', v: '0+' },
    { n: 'brokerEpoch', t: 'int64', v: '0+', d: -1 },
    { n: 'currentMetadataOffset', t: 'int64', v: '0+' },
    { n: 'wantFence', t: 'bool', v: '0+' },
    { n: 'wantShutDown', t: 'bool', v: '0+' },
    { n: 'offlineLogDirs', t: '[]uuid', v: '1+', tv: '1+', tag: 0 },
  ] },
  { name: 'UnregisterBrokerRequest', apiKey: 64, vv: '0', fv: '0+', f: [
    { n: 'brokerId', t: 'int32', v: '0+' },
  ] },
  { name: 'DescribeTransactionsRequest', apiKey: 65, vv: '0', fv: '0+', f: [
    { n: 'transactionalIds', t: '[]string', v: '0+' },
  ] },
  { name: 'ListTransactionsRequest', apiKey: 66, vv: '0-1', fv: '0+', f: [
    { n: 'stateFilters', t: '[]string', v: '0+' },
    { n: 'producerIdFilters', t: '[]int64', v: '0+' },
    { n: 'durationFilter', t: 'int64', v: '1+', d: -1 },
  ] },
  { name: 'AllocateProducerIdsRequest', apiKey: 67, vv: '0', fv: '0+', f: [
    { n: 'brokerId', t: 'int32', v: '0+' },
    { n: 'brokerEpoch', t: 'int64', v: '0+', d: -1 },
  ] },
  { name: 'ConsumerGroupHeartbeatRequest', apiKey: 68, vv: '0-1', fv: '0+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'memberId', t: 'string', v: '0+' },
    { n: 'memberEpoch', t: 'int32', v: '0+' },
    { n: 'instanceId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'rackId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'rebalanceTimeoutMs', t: 'int32', v: '0+', d: -1 },
    { n: 'subscribedTopicNames', t: '[]string', v: '0+', nv: '0+', d: null },
    { n: 'subscribedTopicRegex', t: 'string', v: '1+', nv: '1+', d: null },
    { n: 'serverAssignor', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'topicPartitions', t: '[]struct', s: 'TopicPartitions', v: '0+', nv: '0+', d: null, f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]int32', v: '0+' },
    ] },
  ] },
  { name: 'ConsumerGroupDescribeRequest', apiKey: 69, vv: '0', fv: '0+', f: [
    { n: 'groupIds', t: '[]string', v: '0+' },
    { n: 'includeAuthorizedOperations', t: 'bool', v: '0+' },
  ] },
  { name: 'ControllerRegistrationRequest', apiKey: 70, vv: '0', fv: '0+', f: [
    { n: 'controllerId', t: 'int32', v: '0+' },
    { n: 'incarnationId', t: 'uuid', v: '0+' },
    { n: 'zkMigrationReady', t: 'bool', v: '0+' },
    { n: 'listeners', t: '[]struct', s: 'Listener', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'port', t: 'uint16', v: '0+' },
      { n: 'securityProtocol', t: 'int16', v: '0+' },
    ] },
    { n: 'features', t: '[]struct', s: 'Feature', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'minSupportedVersion', t: 'int16', v: '0+' },
      { n: 'maxSupportedVersion', t: 'int16', v: '0+' },
    ] },
  ] },
  { name: 'GetTelemetrySubscriptionsRequest', apiKey: 71, vv: '0', fv: '0+', f: [
    { n: 'clientInstanceId', t: 'uuid', v: '0+' },
  ] },
  { name: 'PushTelemetryRequest', apiKey: 72, vv: '0', fv: '0+', f: [
    { n: 'clientInstanceId', t: 'uuid', v: '0+' },
    { n: 'subscriptionId', t: 'int32', v: '0+' },
    { n: 'terminating', t: 'bool', v: '0+' },
    { n: 'compressionType', t: 'int8', v: '0+' },
    { n: 'metrics', t: 'bytes', v: '0+' },
  ] },
  { name: 'AssignReplicasToDirsRequest', apiKey: 73, vv: '0', fv: '0+', f: [
    { n: 'brokerId', t: 'int32', v: '0+' },
    { n: 'brokerEpoch', t: 'int64', v: '0+', d: -1 },
    { n: 'directories', t: '[]struct', s: 'DirectoryData', v: '0+', f: [
      { n: 'id', t: 'uuid', v: '0+' },
      { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
        { n: 'topicId', t: 'uuid', v: '0+' },
        { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
          { n: 'partitionIndex', t: 'int32', v: '0+' },
        ] },
      ] },
    ] },
  ] },
  { name: 'ListClientMetricsResourcesRequest', apiKey: 74, vv: '0', fv: '0+', f: [] },
  { name: 'DescribeTopicPartitionsRequest', apiKey: 75, vv: '0', fv: '0+', f: [
    { n: 'topics', t: '[]struct', s: 'TopicRequest', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
    ] },
    { n: 'responsePartitionLimit', t: 'int32', v: '0+', d: 2000 },
    { n: 'cursor', t: 'struct', s: 'Cursor', v: '0+', nv: '0+', d: null, f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitionIndex', t: 'int32', v: '0+' },
    ] },
  ] },
  { name: 'ShareGroupHeartbeatRequest', apiKey: 76, vv: '0', fv: '0+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'memberId', t: 'string', v: '0+' },
    { n: 'memberEpoch', t: 'int32', v: '0+' },
    { n: 'rackId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'subscribedTopicNames', t: '[]string', v: '0+', nv: '0+', d: null },
  ] },
  { name: 'ShareGroupDescribeRequest', apiKey: 77, vv: '0', fv: '0+', f: [
    { n: 'groupIds', t: '[]string', v: '0+' },
    { n: 'includeAuthorizedOperations', t: 'bool', v: '0+' },
  ] },
  { name: 'ShareFetchRequest', apiKey: 78, vv: '0', fv: '0+', f: [
    { n: 'groupId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'memberId', t: 'string', v: '0+', nv: '0+' },
    { n: 'shareSessionEpoch', t: 'int32', v: '0+' },
    { n: 'maxWaitMs', t: 'int32', v: '0+' },
    { n: 'minBytes', t: 'int32', v: '0+' },
    { n: 'maxBytes', t: 'int32', v: '0+', d: 2147483647 },
    { n: 'topics', t: '[]struct', s: 'FetchTopic', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'FetchPartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'partitionMaxBytes', t: 'int32', v: '0+' },
        { n: 'acknowledgementBatches', t: '[]struct', s: 'AcknowledgementBatch', v: '0+', f: [
          { n: 'firstOffset', t: 'int64', v: '0+' },
          { n: 'lastOffset', t: 'int64', v: '0+' },
          { n: 'acknowledgeTypes', t: '[]int8', v: '0+' },
        ] },
      ] },
    ] },
    { n: 'forgottenTopicsData', t: '[]struct', s: 'ForgottenTopic', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]int32', v: '0+' },
    ] },
  ] },
  { name: 'ShareAcknowledgeRequest', apiKey: 79, vv: '0', fv: '0+', f: [
    { n: 'groupId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'memberId', t: 'string', v: '0+', nv: '0+' },
    { n: 'shareSessionEpoch', t: 'int32', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'AcknowledgeTopic', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'AcknowledgePartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'acknowledgementBatches', t: '[]struct', s: 'AcknowledgementBatch', v: '0+', f: [
          { n: 'firstOffset', t: 'int64', v: '0+' },
          { n: 'lastOffset', t: 'int64', v: '0+' },
          { n: 'acknowledgeTypes', t: '[]int8', v: '0+' },
        ] },
      ] },
    ] },
  ] },
  { name: 'AddRaftVoterRequest', apiKey: 80, vv: '0', fv: '0+', f: [
    { n: 'clusterId', t: 'string', v: '0+', nv: '0+' },
    { n: 'timeoutMs', t: 'int32', v: '0+' },
    { n: 'voterId', t: 'int32', v: '0+' },
    { n: 'voterDirectoryId', t: 'uuid', v: '0+' },
    { n: 'listeners', t: '[]struct', s: 'Listener', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'port', t: 'uint16', v: '0+' },
    ] },
  ] },
  { name: 'RemoveRaftVoterRequest', apiKey: 81, vv: '0', fv: '0+', f: [
    { n: 'clusterId', t: 'string', v: '0+', nv: '0+' },
    { n: 'voterId', t: 'int32', v: '0+' },
    { n: 'voterDirectoryId', t: 'uuid', v: '0+' },
  ] },
  { name: 'UpdateRaftVoterRequest', apiKey: 82, vv: '0', fv: '0+', f: [
    { n: 'clusterId', t: 'string', v: '0+', nv: '0+' },
    { n: 'currentLeaderEpoch', t: 'int32', v: '0+' },
    { n: 'voterId', t: 'int32', v: '0+' },
    { n: 'voterDirectoryId', t: 'uuid', v: '0+' },
    { n: 'listeners', t: '[]struct', s: 'Listener', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'port', t: 'uint16', v: '0+' },
    ] },
    { n: 'kRaftVersionFeature', t: 'struct', s: 'KRaftVersionFeature', v: '0+', f: [
      { n: 'minSupportedVersion', t: 'int16', v: '0+' },
      { n: 'maxSupportedVersion', t: 'int16', v: '0+' },
    ] },
  ] },
  { name: 'InitializeShareGroupStateRequest', apiKey: 83, vv: '0', fv: '0+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'InitializeStateData', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'stateEpoch', t: 'int32', v: '0+' },
        { n: 'startOffset', t: 'int64', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'ReadShareGroupStateRequest', apiKey: 84, vv: '0', fv: '0+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'ReadStateData', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'WriteShareGroupStateRequest', apiKey: 85, vv: '0', fv: '0+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'WriteStateData', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'stateEpoch', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
        { n: 'startOffset', t: 'int64', v: '0+' },
        { n: 'stateBatches', t: '[]struct', s: 'StateBatch', v: '0+', f: [
          { n: 'firstOffset', t: 'int64', v: '0+' },
          { n: 'lastOffset', t: 'int64', v: '0+' },
          { n: 'deliveryState', t: 'int8', v: '0+' },
          { n: 'deliveryCount', t: 'int16', v: '0+' },
        ] },
      ] },
    ] },
  ] },
  { name: 'DeleteShareGroupStateRequest', apiKey: 86, vv: '0', fv: '0+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'DeleteStateData', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'ReadShareGroupStateSummaryRequest', apiKey: 87, vv: '0', fv: '0+', f: [
    { n: 'groupId', t: 'string', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'ReadStateSummaryData', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
      ] },
    ] },
  ] },
];

/** Response schemas indexed by API key. */
export const RESPONSES: readonly MessageDef[] = [
  { name: 'ProduceResponse', apiKey: 0, vv: '0-11', fv: '9+', f: [
    { n: 'responses', t: '[]struct', s: 'TopicProduceResponse', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitionResponses', t: '[]struct', s: 'PartitionProduceResponse', v: '0+', f: [
        { n: 'index', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'baseOffset', t: 'int64', v: '0+' },
        { n: 'logAppendTimeMs', t: 'int64', v: '2+', d: -1 },
        { n: 'logStartOffset', t: 'int64', v: '5+', d: -1 },
        { n: 'recordErrors', t: '[]struct', s: 'BatchIndexAndErrorMessage', v: '8+', f: [
          { n: 'batchIndex', t: 'int32', v: '8+' },
          { n: 'batchIndexErrorMessage', t: 'string', v: '8+', nv: '8+', d: null },
        ] },
        { n: 'errorMessage', t: 'string', v: '8+', nv: '8+', d: null },
        { n: 'currentLeader', t: 'struct', s: 'LeaderIdAndEpoch', v: '10+', tv: '10+', tag: 0, f: [
          { n: 'leaderId', t: 'int32', v: '10+', d: -1 },
          { n: 'leaderEpoch', t: 'int32', v: '10+', d: -1 },
        ] },
      ] },
    ] },
    { n: 'throttleTimeMs', t: 'int32', v: '1+', d: 0 },
    { n: 'nodeEndpoints', t: '[]struct', s: 'NodeEndpoint', v: '10+', tv: '10+', tag: 0, f: [
      { n: 'nodeId', t: 'int32', v: '10+' },
      { n: 'host', t: 'string', v: '10+' },
      { n: 'port', t: 'int32', v: '10+' },
      { n: 'rack', t: 'string', v: '10+', nv: '10+', d: null },
    ] },
  ] },
  { name: 'FetchResponse', apiKey: 1, vv: '0-17', fv: '12+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '1+' },
    { n: 'errorCode', t: 'int16', v: '7+' },
    { n: 'sessionId', t: 'int32', v: '7+', d: 0 },
    { n: 'responses', t: '[]struct', s: 'FetchableTopicResponse', v: '0+', f: [
      { n: 'topic', t: 'string', v: '0-12' },
      { n: 'topicId', t: 'uuid', v: '13+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'highWatermark', t: 'int64', v: '0+' },
        { n: 'lastStableOffset', t: 'int64', v: '4+', d: -1 },
        { n: 'logStartOffset', t: 'int64', v: '5+', d: -1 },
        { n: 'divergingEpoch', t: 'struct', s: 'EpochEndOffset', v: '12+', tv: '12+', tag: 0, f: [
          { n: 'epoch', t: 'int32', v: '12+', d: -1 },
          { n: 'endOffset', t: 'int64', v: '12+', d: -1 },
        ] },
        { n: 'currentLeader', t: 'struct', s: 'LeaderIdAndEpoch', v: '12+', tv: '12+', tag: 1, f: [
          { n: 'leaderId', t: 'int32', v: '12+', d: -1 },
          { n: 'leaderEpoch', t: 'int32', v: '12+', d: -1 },
        ] },
        { n: 'snapshotId', t: 'struct', s: 'SnapshotId', v: '12+', tv: '12+', tag: 2, f: [
          { n: 'endOffset', t: 'int64', v: '0+', d: -1 },
          { n: 'epoch', t: 'int32', v: '0+', d: -1 },
        ] },
        { n: 'abortedTransactions', t: '[]struct', s: 'AbortedTransaction', v: '4+', nv: '4+', f: [
          { n: 'producerId', t: 'int64', v: '4+' },
          { n: 'firstOffset', t: 'int64', v: '4+' },
        ] },
        { n: 'preferredReadReplica', t: 'int32', v: '11+', d: -1 },
        { n: 'records', t: 'records', v: '0+', nv: '0+' },
      ] },
    ] },
    { n: 'nodeEndpoints', t: '[]struct', s: 'NodeEndpoint', v: '16+', tv: '16+', tag: 0, f: [
      { n: 'nodeId', t: 'int32', v: '16+' },
      { n: 'host', t: 'string', v: '16+' },
      { n: 'port', t: 'int32', v: '16+' },
      { n: 'rack', t: 'string', v: '16+', nv: '16+', d: null },
    ] },
  ] },
  { name: 'ListOffsetsResponse', apiKey: 2, vv: '0-10', fv: '6+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '2+' },
    { n: 'topics', t: '[]struct', s: 'ListOffsetsTopicResponse', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'ListOffsetsPartitionResponse', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'oldStyleOffsets', t: '[]int64', v: '0' },
        { n: 'timestamp', t: 'int64', v: '1+', d: -1 },
        { n: 'offset', t: 'int64', v: '1+', d: -1 },
        { n: 'leaderEpoch', t: 'int32', v: '4+', d: -1 },
      ] },
    ] },
  ] },
  { name: 'MetadataResponse', apiKey: 3, vv: '0-12', fv: '9+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '3+' },
    { n: 'brokers', t: '[]struct', s: 'MetadataResponseBroker', v: '0+', f: [
      { n: 'nodeId', t: 'int32', v: '0+' },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'port', t: 'int32', v: '0+' },
      { n: 'rack', t: 'string', v: '1+', nv: '1+', d: null },
    ] },
    { n: 'clusterId', t: 'string', v: '2+', nv: '2+', d: null },
    { n: 'controllerId', t: 'int32', v: '1+', d: -1 },
    { n: 'topics', t: '[]struct', s: 'MetadataResponseTopic', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'name', t: 'string', v: '0+', nv: '12+' },
      { n: 'topicId', t: 'uuid', v: '10+' },
      { n: 'isInternal', t: 'bool', v: '1+', d: false },
      { n: 'partitions', t: '[]struct', s: 'MetadataResponsePartition', v: '0+', f: [
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'leaderId', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '7+', d: -1 },
        { n: 'replicaNodes', t: '[]int32', v: '0+' },
        { n: 'isrNodes', t: '[]int32', v: '0+' },
        { n: 'offlineReplicas', t: '[]int32', v: '5+' },
      ] },
      { n: 'topicAuthorizedOperations', t: 'int32', v: '8+', d: -2147483648 },
    ] },
    { n: 'clusterAuthorizedOperations', t: 'int32', v: '8-10', d: -2147483648 },
  ] },
  { name: 'LeaderAndIsrResponse', apiKey: 4, vv: '0-7', fv: '4+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'partitionErrors', t: '[]struct', s: 'LeaderAndIsrPartitionError', v: '0-4', f: [
      { n: 'topicName', t: 'string', v: '0-4' },
      { n: 'partitionIndex', t: 'int32', v: '0+' },
      { n: 'errorCode', t: 'int16', v: '0+' },
    ] },
    { n: 'topics', t: '[]struct', s: 'LeaderAndIsrTopicError', v: '5+', f: [
      { n: 'topicId', t: 'uuid', v: '5+' },
      { n: 'partitionErrors', t: '[]struct', s: 'LeaderAndIsrPartitionError', v: '5+', f: [
        { n: 'topicName', t: 'string', v: '0-4' },
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'StopReplicaResponse', apiKey: 5, vv: '0-4', fv: '2+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'partitionErrors', t: '[]struct', s: 'StopReplicaPartitionError', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitionIndex', t: 'int32', v: '0+' },
      { n: 'errorCode', t: 'int16', v: '0+' },
    ] },
  ] },
  { name: 'UpdateMetadataResponse', apiKey: 6, vv: '0-8', fv: '6+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
  ] },
  { name: 'ControlledShutdownResponse', apiKey: 7, vv: '0-3', fv: '3+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'remainingPartitions', t: '[]struct', s: 'RemainingPartition', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitionIndex', t: 'int32', v: '0+' },
    ] },
  ] },
  { name: 'OffsetCommitResponse', apiKey: 8, vv: '0-9', fv: '8+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '3+' },
    { n: 'topics', t: '[]struct', s: 'OffsetCommitResponseTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'OffsetCommitResponsePartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'OffsetFetchResponse', apiKey: 9, vv: '0-9', fv: '6+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '3+' },
    { n: 'topics', t: '[]struct', s: 'OffsetFetchResponseTopic', v: '0-7', f: [
      { n: 'name', t: 'string', v: '0-7' },
      { n: 'partitions', t: '[]struct', s: 'OffsetFetchResponsePartition', v: '0-7', f: [
        { n: 'partitionIndex', t: 'int32', v: '0-7' },
        { n: 'committedOffset', t: 'int64', v: '0-7' },
        { n: 'committedLeaderEpoch', t: 'int32', v: '5-7', d: -1 },
        { n: 'metadata', t: 'string', v: '0-7', nv: '0-7' },
        { n: 'errorCode', t: 'int16', v: '0-7' },
      ] },
    ] },
    { n: 'errorCode', t: 'int16', v: '2-7', d: 0 },
    { n: 'groups', t: '[]struct', s: 'OffsetFetchResponseGroup', v: '8+', f: [
      { n: 'groupId', t: 'string', v: '8+' },
      { n: 'topics', t: '[]struct', s: 'OffsetFetchResponseTopics', v: '8+', f: [
        { n: 'name', t: 'string', v: '8+' },
        { n: 'partitions', t: '[]struct', s: 'OffsetFetchResponsePartitions', v: '8+', f: [
          { n: 'partitionIndex', t: 'int32', v: '8+' },
          { n: 'committedOffset', t: 'int64', v: '8+' },
          { n: 'committedLeaderEpoch', t: 'int32', v: '8+', d: -1 },
          { n: 'metadata', t: 'string', v: '8+', nv: '8+' },
          { n: 'errorCode', t: 'int16', v: '8+' },
        ] },
      ] },
      { n: 'errorCode', t: 'int16', v: '8+', d: 0 },
    ] },
  ] },
  { name: 'FindCoordinatorResponse', apiKey: 10, vv: '0-6', fv: '3+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '1+' },
    { n: 'errorCode', t: 'int16', v: '0-3' },
    { n: 'errorMessage', t: 'string', v: '1-3', nv: '1-3' },
    { n: 'nodeId', t: 'int32', v: '0-3' },
    { n: 'host', t: 'string', v: '0-3' },
    { n: 'port', t: 'int32', v: '0-3' },
    { n: 'coordinators', t: '[]struct', s: 'Coordinator', v: '4+', f: [
      { n: 'key', t: 'string', v: '4+' },
      { n: 'nodeId', t: 'int32', v: '4+' },
      { n: 'host', t: 'string', v: '4+' },
      { n: 'port', t: 'int32', v: '4+' },
      { n: 'errorCode', t: 'int16', v: '4+' },
      { n: 'errorMessage', t: 'string', v: '4+', nv: '4+' },
    ] },
  ] },
  { name: 'JoinGroupResponse', apiKey: 11, vv: '0-9', fv: '6+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '2+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'generationId', t: 'int32', v: '0+', d: -1 },
    { n: 'protocolType', t: 'string', v: '7+', nv: '7+', d: null },
    { n: 'protocolName', t: 'string', v: '0+', nv: '7+' },
    { n: 'leader', t: 'string', v: '0+' },
    { n: 'skipAssignment', t: 'bool', v: '9+', d: false },
    { n: 'memberId', t: 'string', v: '0+' },
    { n: 'members', t: '[]struct', s: 'JoinGroupResponseMember', v: '0+', f: [
      { n: 'memberId', t: 'string', v: '0+' },
      { n: 'groupInstanceId', t: 'string', v: '5+', nv: '5+', d: null },
      { n: 'metadata', t: 'bytes', v: '0+' },
    ] },
  ] },
  { name: 'HeartbeatResponse', apiKey: 12, vv: '0-4', fv: '4+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '1+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
  ] },
  { name: 'LeaveGroupResponse', apiKey: 13, vv: '0-5', fv: '4+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '1+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'members', t: '[]struct', s: 'MemberResponse', v: '3+', f: [
      { n: 'memberId', t: 'string', v: '3+' },
      { n: 'groupInstanceId', t: 'string', v: '3+', nv: '3+' },
      { n: 'errorCode', t: 'int16', v: '3+' },
    ] },
  ] },
  { name: 'SyncGroupResponse', apiKey: 14, vv: '0-5', fv: '4+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '1+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'protocolType', t: 'string', v: '5+', nv: '5+', d: null },
    { n: 'protocolName', t: 'string', v: '5+', nv: '5+', d: null },
    { n: 'assignment', t: 'bytes', v: '0+' },
  ] },
  { name: 'DescribeGroupsResponse', apiKey: 15, vv: '0-5', fv: '5+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '1+' },
    { n: 'groups', t: '[]struct', s: 'DescribedGroup', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'groupId', t: 'string', v: '0+' },
      { n: 'groupState', t: 'string', v: '0+' },
      { n: 'protocolType', t: 'string', v: '0+' },
      { n: 'protocolData', t: 'string', v: '0+' },
      { n: 'members', t: '[]struct', s: 'DescribedGroupMember', v: '0+', f: [
        { n: 'memberId', t: 'string', v: '0+' },
        { n: 'groupInstanceId', t: 'string', v: '4+', nv: '4+', d: null },
        { n: 'clientId', t: 'string', v: '0+' },
        { n: 'clientHost', t: 'string', v: '0+' },
        { n: 'memberMetadata', t: 'bytes', v: '0+' },
        { n: 'memberAssignment', t: 'bytes', v: '0+' },
      ] },
      { n: 'authorizedOperations', t: 'int32', v: '3+', d: -2147483648 },
    ] },
  ] },
  { name: 'ListGroupsResponse', apiKey: 16, vv: '0-5', fv: '3+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '1+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'groups', t: '[]struct', s: 'ListedGroup', v: '0+', f: [
      { n: 'groupId', t: 'string', v: '0+' },
      { n: 'protocolType', t: 'string', v: '0+' },
      { n: 'groupState', t: 'string', v: '4+' },
      { n: 'groupType', t: 'string', v: '5+' },
    ] },
  ] },
  { name: 'SaslHandshakeResponse', apiKey: 17, vv: '0-1', fv: 'none', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'mechanisms', t: '[]string', v: '0+' },
  ] },
  { name: 'ApiVersionsResponse', apiKey: 18, vv: '0-4', fv: '3+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'apiKeys', t: '[]struct', s: 'ApiVersion', v: '0+', f: [
      { n: 'apiKey', t: 'int16', v: '0+' },
      { n: 'minVersion', t: 'int16', v: '0+' },
      { n: 'maxVersion', t: 'int16', v: '0+' },
    ] },
    { n: 'throttleTimeMs', t: 'int32', v: '1+' },
    { n: 'supportedFeatures', t: '[]struct', s: 'SupportedFeatureKey', v: '3+', tv: '3+', tag: 0, f: [
      { n: 'name', t: 'string', v: '3+' },
      { n: 'minVersion', t: 'int16', v: '3+' },
      { n: 'maxVersion', t: 'int16', v: '3+' },
    ] },
    { n: 'finalizedFeaturesEpoch', t: 'int64', v: '3+', tv: '3+', tag: 1, d: -1 },
    { n: 'finalizedFeatures', t: '[]struct', s: 'FinalizedFeatureKey', v: '3+', tv: '3+', tag: 2, f: [
      { n: 'name', t: 'string', v: '3+' },
      { n: 'maxVersionLevel', t: 'int16', v: '3+' },
      { n: 'minVersionLevel', t: 'int16', v: '3+' },
    ] },
    { n: 'zkMigrationReady', t: 'bool', v: '3+', tv: '3+', tag: 3, d: false },
  ] },
  { name: 'CreateTopicsResponse', apiKey: 19, vv: '0-7', fv: '5+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '2+' },
    { n: 'topics', t: '[]struct', s: 'CreatableTopicResult', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'topicId', t: 'uuid', v: '7+' },
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '1+', nv: '0+' },
      { n: 'topicConfigErrorCode', t: 'int16', v: '5+', tv: '5+', tag: 0 },
      { n: 'numPartitions', t: 'int32', v: '5+', d: -1 },
      { n: 'replicationFactor', t: 'int16', v: '5+', d: -1 },
      { n: 'configs', t: '[]struct', s: 'CreatableTopicConfigs', v: '5+', nv: '5+', f: [
        { n: 'name', t: 'string', v: '5+' },
        { n: 'value', t: 'string', v: '5+', nv: '5+' },
        { n: 'readOnly', t: 'bool', v: '5+' },
        { n: 'configSource', t: 'int8', v: '5+', d: -1 },
        { n: 'isSensitive', t: 'bool', v: '5+' },
      ] },
    ] },
  ] },
  { name: 'DeleteTopicsResponse', apiKey: 20, vv: '0-6', fv: '4+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '1+' },
    { n: 'responses', t: '[]struct', s: 'DeletableTopicResult', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+', nv: '6+' },
      { n: 'topicId', t: 'uuid', v: '6+' },
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '5+', nv: '5+', d: null },
    ] },
  ] },
  { name: 'DeleteRecordsResponse', apiKey: 21, vv: '0-2', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'DeleteRecordsTopicResult', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'DeleteRecordsPartitionResult', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'lowWatermark', t: 'int64', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'InitProducerIdResponse', apiKey: 22, vv: '0-5', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'producerId', t: 'int64', v: '0+', d: -1 },
    { n: 'producerEpoch', t: 'int16', v: '0+' },
  ] },
  { name: 'OffsetForLeaderEpochResponse', apiKey: 23, vv: '0-4', fv: '4+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '2+' },
    { n: 'topics', t: '[]struct', s: 'OffsetForLeaderTopicResult', v: '0+', f: [
      { n: 'topic', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'EpochEndOffset', v: '0+', f: [
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '1+', d: -1 },
        { n: 'endOffset', t: 'int64', v: '0+', d: -1 },
      ] },
    ] },
  ] },
  { name: 'AddPartitionsToTxnResponse', apiKey: 24, vv: '0-5', fv: '3+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '4+' },
    { n: 'resultsByTransaction', t: '[]struct', s: 'AddPartitionsToTxnResult', v: '4+', f: [
      { n: 'transactionalId', t: 'string', v: '4+' },
      { n: 'topicResults', t: '[]struct', s: 'AddPartitionsToTxnTopicResult', v: '4+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'resultsByPartition', t: '[]struct', s: 'AddPartitionsToTxnPartitionResult', v: '0+', f: [
          { n: 'partitionIndex', t: 'int32', v: '0+' },
          { n: 'partitionErrorCode', t: 'int16', v: '0+' },
        ] },
      ] },
    ] },
    { n: 'resultsByTopicV3AndBelow', t: '[]struct', s: 'AddPartitionsToTxnTopicResult', v: '0-3', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'resultsByPartition', t: '[]struct', s: 'AddPartitionsToTxnPartitionResult', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'partitionErrorCode', t: 'int16', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'AddOffsetsToTxnResponse', apiKey: 25, vv: '0-4', fv: '3+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
  ] },
  { name: 'EndTxnResponse', apiKey: 26, vv: '0-5', fv: '3+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'producerId', t: 'int64', v: '5+', d: -1 },
    { n: 'producerEpoch', t: 'int16', v: '5+', d: -1 },
  ] },
  { name: 'WriteTxnMarkersResponse', apiKey: 27, vv: '0-1', fv: '1+', f: [
    { n: 'markers', t: '[]struct', s: 'WritableTxnMarkerResult', v: '0+', f: [
      { n: 'producerId', t: 'int64', v: '0+' },
      { n: 'topics', t: '[]struct', s: 'WritableTxnMarkerTopicResult', v: '0+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'partitions', t: '[]struct', s: 'WritableTxnMarkerPartitionResult', v: '0+', f: [
          { n: 'partitionIndex', t: 'int32', v: '0+' },
          { n: 'errorCode', t: 'int16', v: '0+' },
        ] },
      ] },
    ] },
  ] },
  { name: 'TxnOffsetCommitResponse', apiKey: 28, vv: '0-4', fv: '3+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'TxnOffsetCommitResponseTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'TxnOffsetCommitResponsePartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'DescribeAclsResponse', apiKey: 29, vv: '0-3', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    { n: 'resources', t: '[]struct', s: 'DescribeAclsResource', v: '0+', f: [
      { n: 'resourceType', t: 'int8', v: '0+' },
      { n: 'resourceName', t: 'string', v: '0+' },
      { n: 'patternType', t: 'int8', v: '1+', d: 3 },
      { n: 'acls', t: '[]struct', s: 'AclDescription', v: '0+', f: [
        { n: 'principal', t: 'string', v: '0+' },
        { n: 'host', t: 'string', v: '0+' },
        { n: 'operation', t: 'int8', v: '0+' },
        { n: 'permissionType', t: 'int8', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'CreateAclsResponse', apiKey: 30, vv: '0-3', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'results', t: '[]struct', s: 'AclCreationResult', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    ] },
  ] },
  { name: 'DeleteAclsResponse', apiKey: 31, vv: '0-3', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'filterResults', t: '[]struct', s: 'DeleteAclsFilterResult', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
      { n: 'matchingAcls', t: '[]struct', s: 'DeleteAclsMatchingAcl', v: '0+', f: [
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
        { n: 'resourceType', t: 'int8', v: '0+' },
        { n: 'resourceName', t: 'string', v: '0+' },
        { n: 'patternType', t: 'int8', v: '1+', d: 3 },
        { n: 'principal', t: 'string', v: '0+' },
        { n: 'host', t: 'string', v: '0+' },
        { n: 'operation', t: 'int8', v: '0+' },
        { n: 'permissionType', t: 'int8', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'DescribeConfigsResponse', apiKey: 32, vv: '0-4', fv: '4+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'results', t: '[]struct', s: 'DescribeConfigsResult', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
      { n: 'resourceType', t: 'int8', v: '0+' },
      { n: 'resourceName', t: 'string', v: '0+' },
      { n: 'configs', t: '[]struct', s: 'DescribeConfigsResourceResult', v: '0+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'value', t: 'string', v: '0+', nv: '0+' },
        { n: 'readOnly', t: 'bool', v: '0+' },
        { n: 'isDefault', t: 'bool', v: '0' },
        { n: 'configSource', t: 'int8', v: '1+', d: -1 },
        { n: 'isSensitive', t: 'bool', v: '0+' },
        { n: 'synonyms', t: '[]struct', s: 'DescribeConfigsSynonym', v: '1+', f: [
          { n: 'name', t: 'string', v: '1+' },
          { n: 'value', t: 'string', v: '1+', nv: '0+' },
          { n: 'source', t: 'int8', v: '1+' },
        ] },
        { n: 'configType', t: 'int8', v: '3+', d: 0 },
        { n: 'documentation', t: 'string', v: '3+', nv: '0+' },
      ] },
    ] },
  ] },
  { name: 'AlterConfigsResponse', apiKey: 33, vv: '0-2', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'responses', t: '[]struct', s: 'AlterConfigsResourceResponse', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
      { n: 'resourceType', t: 'int8', v: '0+' },
      { n: 'resourceName', t: 'string', v: '0+' },
    ] },
  ] },
  { name: 'AlterReplicaLogDirsResponse', apiKey: 34, vv: '0-2', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'results', t: '[]struct', s: 'AlterReplicaLogDirTopicResult', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'AlterReplicaLogDirPartitionResult', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'DescribeLogDirsResponse', apiKey: 35, vv: '0-4', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '3+' },
    { n: 'results', t: '[]struct', s: 'DescribeLogDirsResult', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'logDir', t: 'string', v: '0+' },
      { n: 'topics', t: '[]struct', s: 'DescribeLogDirsTopic', v: '0+', f: [
        { n: 'name', t: 'string', v: '0+' },
        { n: 'partitions', t: '[]struct', s: 'DescribeLogDirsPartition', v: '0+', f: [
          { n: 'partitionIndex', t: 'int32', v: '0+' },
          { n: 'partitionSize', t: 'int64', v: '0+' },
          { n: 'offsetLag', t: 'int64', v: '0+' },
          { n: 'isFutureKey', t: 'bool', v: '0+' },
        ] },
      ] },
      { n: 'totalBytes', t: 'int64', v: '4+', d: -1 },
      { n: 'usableBytes', t: 'int64', v: '4+', d: -1 },
    ] },
  ] },
  { name: 'SaslAuthenticateResponse', apiKey: 36, vv: '0-2', fv: '2+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    { n: 'authBytes', t: 'bytes', v: '0+' },
    { n: 'sessionLifetimeMs', t: 'int64', v: '1+', d: 0 },
  ] },
  { name: 'CreatePartitionsResponse', apiKey: 37, vv: '0-3', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'results', t: '[]struct', s: 'CreatePartitionsTopicResult', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
    ] },
  ] },
  { name: 'CreateDelegationTokenResponse', apiKey: 38, vv: '0-3', fv: '2+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'principalType', t: 'string', v: '0+' },
    { n: 'principalName', t: 'string', v: '0+' },
    { n: 'tokenRequesterPrincipalType', t: 'string', v: '3+' },
    { n: 'tokenRequesterPrincipalName', t: 'string', v: '3+' },
    { n: 'issueTimestampMs', t: 'int64', v: '0+' },
    { n: 'expiryTimestampMs', t: 'int64', v: '0+' },
    { n: 'maxTimestampMs', t: 'int64', v: '0+' },
    { n: 'tokenId', t: 'string', v: '0+' },
    { n: 'hmac', t: 'bytes', v: '0+' },
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
  ] },
  { name: 'RenewDelegationTokenResponse', apiKey: 39, vv: '0-2', fv: '2+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'expiryTimestampMs', t: 'int64', v: '0+' },
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
  ] },
  { name: 'ExpireDelegationTokenResponse', apiKey: 40, vv: '0-2', fv: '2+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'expiryTimestampMs', t: 'int64', v: '0+' },
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
  ] },
  { name: 'DescribeDelegationTokenResponse', apiKey: 41, vv: '0-3', fv: '2+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'tokens', t: '[]struct', s: 'DescribedDelegationToken', v: '0+', f: [
      { n: 'principalType', t: 'string', v: '0+' },
      { n: 'principalName', t: 'string', v: '0+' },
      { n: 'tokenRequesterPrincipalType', t: 'string', v: '3+' },
      { n: 'tokenRequesterPrincipalName', t: 'string', v: '3+' },
      { n: 'issueTimestamp', t: 'int64', v: '0+' },
      { n: 'expiryTimestamp', t: 'int64', v: '0+' },
      { n: 'maxTimestamp', t: 'int64', v: '0+' },
      { n: 'tokenId', t: 'string', v: '0+' },
      { n: 'hmac', t: 'bytes', v: '0+' },
      { n: 'renewers', t: '[]struct', s: 'DescribedDelegationTokenRenewer', v: '0+', f: [
        { n: 'principalType', t: 'string', v: '0+' },
        { n: 'principalName', t: 'string', v: '0+' },
      ] },
    ] },
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
  ] },
  { name: 'DeleteGroupsResponse', apiKey: 42, vv: '0-2', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'results', t: '[]struct', s: 'DeletableGroupResult', v: '0+', f: [
      { n: 'groupId', t: 'string', v: '0+' },
      { n: 'errorCode', t: 'int16', v: '0+' },
    ] },
  ] },
  { name: 'ElectLeadersResponse', apiKey: 43, vv: '0-2', fv: '2+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '1+' },
    { n: 'replicaElectionResults', t: '[]struct', s: 'ReplicaElectionResult', v: '0+', f: [
      { n: 'topic', t: 'string', v: '0+' },
      { n: 'partitionResult', t: '[]struct', s: 'PartitionResult', v: '0+', f: [
        { n: 'partitionId', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
      ] },
    ] },
  ] },
  { name: 'IncrementalAlterConfigsResponse', apiKey: 44, vv: '0-1', fv: '1+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'responses', t: '[]struct', s: 'AlterConfigsResourceResponse', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
      { n: 'resourceType', t: 'int8', v: '0+' },
      { n: 'resourceName', t: 'string', v: '0+' },
    ] },
  ] },
  { name: 'AlterPartitionReassignmentsResponse', apiKey: 45, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    { n: 'responses', t: '[]struct', s: 'ReassignableTopicResponse', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'ReassignablePartitionResponse', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
      ] },
    ] },
  ] },
  { name: 'ListPartitionReassignmentsResponse', apiKey: 46, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    { n: 'topics', t: '[]struct', s: 'OngoingTopicReassignment', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'OngoingPartitionReassignment', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'replicas', t: '[]int32', v: '0+' },
        { n: 'addingReplicas', t: '[]int32', v: '0+' },
        { n: 'removingReplicas', t: '[]int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'OffsetDeleteResponse', apiKey: 47, vv: '0', fv: 'none', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'OffsetDeleteResponseTopic', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'OffsetDeleteResponsePartition', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'DescribeClientQuotasResponse', apiKey: 48, vv: '0-1', fv: '1+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    { n: 'entries', t: '[]struct', s: 'EntryData', v: '0+', nv: '0+', f: [
      { n: 'entity', t: '[]struct', s: 'EntityData', v: '0+', f: [
        { n: 'entityType', t: 'string', v: '0+' },
        { n: 'entityName', t: 'string', v: '0+', nv: '0+' },
      ] },
      { n: 'values', t: '[]struct', s: 'ValueData', v: '0+', f: [
        { n: 'key', t: 'string', v: '0+' },
        { n: 'value', t: 'float64', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'AlterClientQuotasResponse', apiKey: 49, vv: '0-1', fv: '1+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'entries', t: '[]struct', s: 'EntryData', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
      { n: 'entity', t: '[]struct', s: 'EntityData', v: '0+', f: [
        { n: 'entityType', t: 'string', v: '0+' },
        { n: 'entityName', t: 'string', v: '0+', nv: '0+' },
      ] },
    ] },
  ] },
  { name: 'DescribeUserScramCredentialsResponse', apiKey: 50, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    { n: 'results', t: '[]struct', s: 'DescribeUserScramCredentialsResult', v: '0+', f: [
      { n: 'user', t: 'string', v: '0+' },
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
      { n: 'credentialInfos', t: '[]struct', s: 'CredentialInfo', v: '0+', f: [
        { n: 'mechanism', t: 'int8', v: '0+' },
        { n: 'iterations', t: 'int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'AlterUserScramCredentialsResponse', apiKey: 51, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'results', t: '[]struct', s: 'AlterUserScramCredentialsResult', v: '0+', f: [
      { n: 'user', t: 'string', v: '0+' },
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    ] },
  ] },
  { name: 'VoteResponse', apiKey: 52, vv: '0-1', fv: '0+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'leaderId', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
        { n: 'voteGranted', t: 'bool', v: '0+' },
      ] },
    ] },
    { n: 'nodeEndpoints', t: '[]struct', s: 'NodeEndpoint', v: '1+', tv: '1+', tag: 0, f: [
      { n: 'nodeId', t: 'int32', v: '1+' },
      { n: 'host', t: 'string', v: '1+' },
      { n: 'port', t: 'uint16', v: '1+' },
    ] },
  ] },
  { name: 'BeginQuorumEpochResponse', apiKey: 53, vv: '0-1', fv: '1+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'leaderId', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
      ] },
    ] },
    { n: 'nodeEndpoints', t: '[]struct', s: 'NodeEndpoint', v: '1+', tv: '1+', tag: 0, f: [
      { n: 'nodeId', t: 'int32', v: '1+' },
      { n: 'host', t: 'string', v: '1+' },
      { n: 'port', t: 'uint16', v: '1+' },
    ] },
  ] },
  { name: 'EndQuorumEpochResponse', apiKey: 54, vv: '0-1', fv: '1+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'leaderId', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
      ] },
    ] },
    { n: 'nodeEndpoints', t: '[]struct', s: 'NodeEndpoint', v: '1+', tv: '1+', tag: 0, f: [
      { n: 'nodeId', t: 'int32', v: '1+' },
      { n: 'host', t: 'string', v: '1+' },
      { n: 'port', t: 'uint16', v: '1+' },
    ] },
  ] },
  { name: 'DescribeQuorumResponse', apiKey: 55, vv: '0-2', fv: '0+', f: [
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '2+', nv: '2+' },
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '2+', nv: '2+' },
        { n: 'leaderId', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
        { n: 'highWatermark', t: 'int64', v: '0+' },
        { n: 'currentVoters', t: '[]struct', s: 'ReplicaState', v: '0+', f: [
          { n: 'replicaId', t: 'int32', v: '0+' },
          { n: 'replicaDirectoryId', t: 'uuid', v: '2+' },
          { n: 'logEndOffset', t: 'int64', v: '0+' },
          { n: 'lastFetchTimestamp', t: 'int64', v: '1+', d: -1 },
          { n: 'lastCaughtUpTimestamp', t: 'int64', v: '1+', d: -1 },
        ] },
        { n: 'observers', t: '[]struct', s: 'ReplicaState', v: '0+', f: [
          { n: 'replicaId', t: 'int32', v: '0+' },
          { n: 'replicaDirectoryId', t: 'uuid', v: '2+' },
          { n: 'logEndOffset', t: 'int64', v: '0+' },
          { n: 'lastFetchTimestamp', t: 'int64', v: '1+', d: -1 },
          { n: 'lastCaughtUpTimestamp', t: 'int64', v: '1+', d: -1 },
        ] },
      ] },
    ] },
    { n: 'nodes', t: '[]struct', s: 'Node', v: '2+', f: [
      { n: 'nodeId', t: 'int32', v: '2+' },
      { n: 'listeners', t: '[]struct', s: 'Listener', v: '2+', f: [
        { n: 'name', t: 'string', v: '2+' },
        { n: 'host', t: 'string', v: '2+' },
        { n: 'port', t: 'uint16', v: '2+' },
      ] },
    ] },
  ] },
  { name: 'AlterPartitionResponse', apiKey: 56, vv: '0-3', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
      { n: 'topicName', t: 'string', v: '0-1' },
      { n: 'topicId', t: 'uuid', v: '2+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'leaderId', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+' },
        { n: 'isr', t: '[]int32', v: '0+' },
        { n: 'leaderRecoveryState', t: 'int8', v: '1+', d: 0 },
        { n: 'partitionEpoch', t: 'int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'UpdateFeaturesResponse', apiKey: 57, vv: '0-2', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    { n: 'results', t: '[]struct', s: 'UpdatableFeatureResult', v: '0-1', f: [
      { n: 'feature', t: 'string', v: '0+' },
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
    ] },
  ] },
  { name: 'EnvelopeResponse', apiKey: 58, vv: '0', fv: '0+', f: [
    { n: 'responseData', t: 'bytes', v: '0+', nv: '0+', d: null },
    { n: 'errorCode', t: 'int16', v: '0+' },
  ] },
  { name: 'FetchSnapshotResponse', apiKey: 59, vv: '0-1', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'TopicSnapshot', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionSnapshot', v: '0+', f: [
        { n: 'index', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'snapshotId', t: 'struct', s: 'SnapshotId', v: '0+', f: [
          { n: 'endOffset', t: 'int64', v: '0+' },
          { n: 'epoch', t: 'int32', v: '0+' },
        ] },
        { n: 'currentLeader', t: 'struct', s: 'LeaderIdAndEpoch', v: '0+', tv: '0+', tag: 0, f: [
          { n: 'leaderId', t: 'int32', v: '0+' },
          { n: 'leaderEpoch', t: 'int32', v: '0+' },
        ] },
        { n: 'size', t: 'int64', v: '0+' },
        { n: 'position', t: 'int64', v: '0+' },
        { n: 'unalignedRecords', t: 'records', v: '0+' },
      ] },
    ] },
    { n: 'nodeEndpoints', t: '[]struct', s: 'NodeEndpoint', v: '1+', tv: '1+', tag: 0, f: [
      { n: 'nodeId', t: 'int32', v: '1+' },
      { n: 'host', t: 'string', v: '1+' },
      { n: 'port', t: 'uint16', v: '1+' },
    ] },
  ] },
  { name: 'DescribeClusterResponse', apiKey: 60, vv: '0-1', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'endpointType', t: 'int8', v: '1+', d: 1 },
    { n: 'clusterId', t: 'string', v: '0+' },
    { n: 'controllerId', t: 'int32', v: '0+', d: -1 },
    { n: 'brokers', t: '[]struct', s: 'DescribeClusterBroker', v: '0+', f: [
      { n: 'brokerId', t: 'int32', v: '0+' },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'port', t: 'int32', v: '0+' },
      { n: 'rack', t: 'string', v: '0+', nv: '0+', d: null },
    ] },
    { n: 'clusterAuthorizedOperations', t: 'int32', v: '0+', d: -2147483648 },
  ] },
  { name: 'DescribeProducersResponse', apiKey: 61, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'TopicResponse', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionResponse', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'activeProducers', t: '[]struct', s: 'ProducerState', v: '0+', f: [
          { n: 'producerId', t: 'int64', v: '0+' },
          { n: 'producerEpoch', t: 'int32', v: '0+' },
          { n: 'lastSequence', t: 'int32', v: '0+', d: -1 },
          { n: 'lastTimestamp', t: 'int64', v: '0+', d: -1 },
          { n: 'coordinatorEpoch', t: 'int32', v: '0+' },
          { n: 'currentTxnStartOffset', t: 'int64', v: '0+', d: -1 },
        ] },
      ] },
    ] },
  ] },
  { name: 'BrokerRegistrationResponse', apiKey: 62, vv: '0-4', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'brokerEpoch', t: 'int64', v: '0+', d: -1 },
  ] },
  { name: 'BrokerHeartbeatResponse', apiKey: 63, vv: '0-1', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'isCaughtUp', t: 'bool', v: '0+', d: false },
    { n: 'isFenced', t: 'bool', v: '0+', d: true },
    { n: 'shouldShutDown', t: 'bool', v: '0+' },
  ] },
  { name: 'UnregisterBrokerResponse', apiKey: 64, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
  ] },
  { name: 'DescribeTransactionsResponse', apiKey: 65, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'transactionStates', t: '[]struct', s: 'TransactionState', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'transactionalId', t: 'string', v: '0+' },
      { n: 'transactionState', t: 'string', v: '0+' },
      { n: 'transactionTimeoutMs', t: 'int32', v: '0+' },
      { n: 'transactionStartTimeMs', t: 'int64', v: '0+' },
      { n: 'producerId', t: 'int64', v: '0+' },
      { n: 'producerEpoch', t: 'int16', v: '0+' },
      { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
        { n: 'topic', t: 'string', v: '0+' },
        { n: 'partitions', t: '[]int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'ListTransactionsResponse', apiKey: 66, vv: '0-1', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'unknownStateFilters', t: '[]string', v: '0+' },
    { n: 'transactionStates', t: '[]struct', s: 'TransactionState', v: '0+', f: [
      { n: 'transactionalId', t: 'string', v: '0+' },
      { n: 'producerId', t: 'int64', v: '0+' },
      { n: 'transactionState', t: 'string', v: '0+' },
    ] },
  ] },
  { name: 'AllocateProducerIdsResponse', apiKey: 67, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'producerIdStart', t: 'int64', v: '0+' },
    { n: 'producerIdLen', t: 'int32', v: '0+' },
  ] },
  { name: 'ConsumerGroupHeartbeatResponse', apiKey: 68, vv: '0-1', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'memberId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'memberEpoch', t: 'int32', v: '0+' },
    { n: 'heartbeatIntervalMs', t: 'int32', v: '0+' },
    { n: 'assignment', t: 'struct', s: 'Assignment', v: '0+', nv: '0+', d: null, f: [
      { n: 'topicPartitions', t: '[]struct', s: 'TopicPartitions', v: '0+', f: [
        { n: 'topicId', t: 'uuid', v: '0+' },
        { n: 'partitions', t: '[]int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'ConsumerGroupDescribeResponse', apiKey: 69, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'groups', t: '[]struct', s: 'DescribedGroup', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
      { n: 'groupId', t: 'string', v: '0+' },
      { n: 'groupState', t: 'string', v: '0+' },
      { n: 'groupEpoch', t: 'int32', v: '0+' },
      { n: 'assignmentEpoch', t: 'int32', v: '0+' },
      { n: 'assignorName', t: 'string', v: '0+' },
      { n: 'members', t: '[]struct', s: 'Member', v: '0+', f: [
        { n: 'memberId', t: 'string', v: '0+' },
        { n: 'instanceId', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'rackId', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'memberEpoch', t: 'int32', v: '0+' },
        { n: 'clientId', t: 'string', v: '0+' },
        { n: 'clientHost', t: 'string', v: '0+' },
        { n: 'subscribedTopicNames', t: '[]string', v: '0+' },
        { n: 'subscribedTopicRegex', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'assignment', t: 'struct', s: 'Assignment', v: '0+', f: [
          { n: 'topicPartitions', t: '[]struct', s: 'TopicPartitions', v: '0+', f: [
            { n: 'topicId', t: 'uuid', v: '0+' },
            { n: 'topicName', t: 'string', v: '0+' },
            { n: 'partitions', t: '[]int32', v: '0+' },
          ] },
        ] },
        { n: 'targetAssignment', t: 'struct', s: 'Assignment', v: '0+', f: [
          { n: 'topicPartitions', t: '[]struct', s: 'TopicPartitions', v: '0+', f: [
            { n: 'topicId', t: 'uuid', v: '0+' },
            { n: 'topicName', t: 'string', v: '0+' },
            { n: 'partitions', t: '[]int32', v: '0+' },
          ] },
        ] },
      ] },
      { n: 'authorizedOperations', t: 'int32', v: '0+', d: -2147483648 },
    ] },
  ] },
  { name: 'ControllerRegistrationResponse', apiKey: 70, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
  ] },
  { name: 'GetTelemetrySubscriptionsResponse', apiKey: 71, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'clientInstanceId', t: 'uuid', v: '0+' },
    { n: 'subscriptionId', t: 'int32', v: '0+' },
    { n: 'acceptedCompressionTypes', t: '[]int8', v: '0+' },
    { n: 'pushIntervalMs', t: 'int32', v: '0+' },
    { n: 'telemetryMaxBytes', t: 'int32', v: '0+' },
    { n: 'deltaTemporality', t: 'bool', v: '0+' },
    { n: 'requestedMetrics', t: '[]string', v: '0+' },
  ] },
  { name: 'PushTelemetryResponse', apiKey: 72, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
  ] },
  { name: 'AssignReplicasToDirsResponse', apiKey: 73, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'directories', t: '[]struct', s: 'DirectoryData', v: '0+', f: [
      { n: 'id', t: 'uuid', v: '0+' },
      { n: 'topics', t: '[]struct', s: 'TopicData', v: '0+', f: [
        { n: 'topicId', t: 'uuid', v: '0+' },
        { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
          { n: 'partitionIndex', t: 'int32', v: '0+' },
          { n: 'errorCode', t: 'int16', v: '0+' },
        ] },
      ] },
    ] },
  ] },
  { name: 'ListClientMetricsResourcesResponse', apiKey: 74, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'clientMetricsResources', t: '[]struct', s: 'ClientMetricsResource', v: '0+', f: [
      { n: 'name', t: 'string', v: '0+' },
    ] },
  ] },
  { name: 'DescribeTopicPartitionsResponse', apiKey: 75, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'topics', t: '[]struct', s: 'DescribeTopicPartitionsResponseTopic', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'name', t: 'string', v: '0+', nv: '0+' },
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'isInternal', t: 'bool', v: '0+', d: false },
      { n: 'partitions', t: '[]struct', s: 'DescribeTopicPartitionsResponsePartition', v: '0+', f: [
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'leaderId', t: 'int32', v: '0+' },
        { n: 'leaderEpoch', t: 'int32', v: '0+', d: -1 },
        { n: 'replicaNodes', t: '[]int32', v: '0+' },
        { n: 'isrNodes', t: '[]int32', v: '0+' },
        { n: 'eligibleLeaderReplicas', t: '[]int32', v: '0+', nv: '0+', d: null },
        { n: 'lastKnownElr', t: '[]int32', v: '0+', nv: '0+', d: null },
        { n: 'offlineReplicas', t: '[]int32', v: '0+' },
      ] },
      { n: 'topicAuthorizedOperations', t: 'int32', v: '0+', d: -2147483648 },
    ] },
    { n: 'nextCursor', t: 'struct', s: 'Cursor', v: '0+', nv: '0+', d: null, f: [
      { n: 'topicName', t: 'string', v: '0+' },
      { n: 'partitionIndex', t: 'int32', v: '0+' },
    ] },
  ] },
  { name: 'ShareGroupHeartbeatResponse', apiKey: 76, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'memberId', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'memberEpoch', t: 'int32', v: '0+' },
    { n: 'heartbeatIntervalMs', t: 'int32', v: '0+' },
    { n: 'assignment', t: 'struct', s: 'Assignment', v: '0+', nv: '0+', d: null, f: [
      { n: 'topicPartitions', t: '[]struct', s: 'TopicPartitions', v: '0+', f: [
        { n: 'topicId', t: 'uuid', v: '0+' },
        { n: 'partitions', t: '[]int32', v: '0+' },
      ] },
    ] },
  ] },
  { name: 'ShareGroupDescribeResponse', apiKey: 77, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'groups', t: '[]struct', s: 'DescribedGroup', v: '0+', f: [
      { n: 'errorCode', t: 'int16', v: '0+' },
      { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
      { n: 'groupId', t: 'string', v: '0+' },
      { n: 'groupState', t: 'string', v: '0+' },
      { n: 'groupEpoch', t: 'int32', v: '0+' },
      { n: 'assignmentEpoch', t: 'int32', v: '0+' },
      { n: 'assignorName', t: 'string', v: '0+' },
      { n: 'members', t: '[]struct', s: 'Member', v: '0+', f: [
        { n: 'memberId', t: 'string', v: '0+' },
        { n: 'rackId', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'memberEpoch', t: 'int32', v: '0+' },
        { n: 'clientId', t: 'string', v: '0+' },
        { n: 'clientHost', t: 'string', v: '0+' },
        { n: 'subscribedTopicNames', t: '[]string', v: '0+' },
        { n: 'assignment', t: 'struct', s: 'Assignment', v: '0+', f: [
          { n: 'topicPartitions', t: '[]struct', s: 'TopicPartitions', v: '0+', f: [
            { n: 'topicId', t: 'uuid', v: '0+' },
            { n: 'topicName', t: 'string', v: '0+' },
            { n: 'partitions', t: '[]int32', v: '0+' },
          ] },
        ] },
      ] },
      { n: 'authorizedOperations', t: 'int32', v: '0+', d: -2147483648 },
    ] },
  ] },
  { name: 'ShareFetchResponse', apiKey: 78, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'responses', t: '[]struct', s: 'ShareFetchableTopicResponse', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'acknowledgeErrorCode', t: 'int16', v: '0+' },
        { n: 'acknowledgeErrorMessage', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'currentLeader', t: 'struct', s: 'LeaderIdAndEpoch', v: '0+', f: [
          { n: 'leaderId', t: 'int32', v: '0+' },
          { n: 'leaderEpoch', t: 'int32', v: '0+' },
        ] },
        { n: 'records', t: 'records', v: '0+', nv: '0+' },
        { n: 'acquiredRecords', t: '[]struct', s: 'AcquiredRecords', v: '0+', f: [
          { n: 'firstOffset', t: 'int64', v: '0+' },
          { n: 'lastOffset', t: 'int64', v: '0+' },
          { n: 'deliveryCount', t: 'int16', v: '0+' },
        ] },
      ] },
    ] },
    { n: 'nodeEndpoints', t: '[]struct', s: 'NodeEndpoint', v: '0+', f: [
      { n: 'nodeId', t: 'int32', v: '0+' },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'port', t: 'int32', v: '0+' },
      { n: 'rack', t: 'string', v: '0+', nv: '0+', d: null },
    ] },
  ] },
  { name: 'ShareAcknowledgeResponse', apiKey: 79, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
    { n: 'responses', t: '[]struct', s: 'ShareAcknowledgeTopicResponse', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionData', v: '0+', f: [
        { n: 'partitionIndex', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'currentLeader', t: 'struct', s: 'LeaderIdAndEpoch', v: '0+', f: [
          { n: 'leaderId', t: 'int32', v: '0+' },
          { n: 'leaderEpoch', t: 'int32', v: '0+' },
        ] },
      ] },
    ] },
    { n: 'nodeEndpoints', t: '[]struct', s: 'NodeEndpoint', v: '0+', f: [
      { n: 'nodeId', t: 'int32', v: '0+' },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'port', t: 'int32', v: '0+' },
      { n: 'rack', t: 'string', v: '0+', nv: '0+', d: null },
    ] },
  ] },
  { name: 'AddRaftVoterResponse', apiKey: 80, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
  ] },
  { name: 'RemoveRaftVoterResponse', apiKey: 81, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'errorMessage', t: 'string', v: '0+', nv: '0+' },
  ] },
  { name: 'UpdateRaftVoterResponse', apiKey: 82, vv: '0', fv: '0+', f: [
    { n: 'throttleTimeMs', t: 'int32', v: '0+' },
    { n: 'errorCode', t: 'int16', v: '0+' },
    { n: 'currentLeader', t: 'struct', s: 'CurrentLeader', v: '0+', tv: '0+', tag: 0, f: [
      { n: 'leaderId', t: 'int32', v: '0+', d: -1 },
      { n: 'leaderEpoch', t: 'int32', v: '0+', d: -1 },
      { n: 'host', t: 'string', v: '0+' },
      { n: 'port', t: 'int32', v: '0+' },
    ] },
  ] },
  { name: 'InitializeShareGroupStateResponse', apiKey: 83, vv: '0', fv: '0+', f: [
    { n: 'results', t: '[]struct', s: 'InitializeStateResult', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionResult', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
      ] },
    ] },
  ] },
  { name: 'ReadShareGroupStateResponse', apiKey: 84, vv: '0', fv: '0+', f: [
    { n: 'results', t: '[]struct', s: 'ReadStateResult', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionResult', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'stateEpoch', t: 'int32', v: '0+' },
        { n: 'startOffset', t: 'int64', v: '0+' },
        { n: 'stateBatches', t: '[]struct', s: 'StateBatch', v: '0+', f: [
          { n: 'firstOffset', t: 'int64', v: '0+' },
          { n: 'lastOffset', t: 'int64', v: '0+' },
          { n: 'deliveryState', t: 'int8', v: '0+' },
          { n: 'deliveryCount', t: 'int16', v: '0+' },
        ] },
      ] },
    ] },
  ] },
  { name: 'WriteShareGroupStateResponse', apiKey: 85, vv: '0', fv: '0+', f: [
    { n: 'results', t: '[]struct', s: 'WriteStateResult', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionResult', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
      ] },
    ] },
  ] },
  { name: 'DeleteShareGroupStateResponse', apiKey: 86, vv: '0', fv: '0+', f: [
    { n: 'results', t: '[]struct', s: 'DeleteStateResult', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionResult', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
      ] },
    ] },
  ] },
  { name: 'ReadShareGroupStateSummaryResponse', apiKey: 87, vv: '0', fv: '0+', f: [
    { n: 'results', t: '[]struct', s: 'ReadStateSummaryResult', v: '0+', f: [
      { n: 'topicId', t: 'uuid', v: '0+' },
      { n: 'partitions', t: '[]struct', s: 'PartitionResult', v: '0+', f: [
        { n: 'partition', t: 'int32', v: '0+' },
        { n: 'errorCode', t: 'int16', v: '0+' },
        { n: 'errorMessage', t: 'string', v: '0+', nv: '0+', d: null },
        { n: 'stateEpoch', t: 'int32', v: '0+' },
        { n: 'startOffset', t: 'int64', v: '0+' },
      ] },
    ] },
  ] },
];

/** Request and response header schemas. */
export const HEADERS: { readonly [name: string]: MessageDef } = {
  RequestHeader:
    { name: 'RequestHeader', vv: '0-2', fv: '2+', f: [
      { n: 'requestApiKey', t: 'int16', v: '0+' },
      { n: 'requestApiVersion', t: 'int16', v: '0+' },
      { n: 'correlationId', t: 'int32', v: '0+' },
      { n: 'clientId', t: 'string', v: '1+', nv: '1+', fv: 'none' },
    ] },
  ResponseHeader:
    { name: 'ResponseHeader', vv: '0-1', fv: '1+', f: [
      { n: 'correlationId', t: 'int32', v: '0+' },
    ] },
};

/** Standalone data schemas (consumer protocol, KRaft records, ...). */
export const DATA: { readonly [name: string]: MessageDef } = {
  ConsumerProtocolAssignment:
    { name: 'ConsumerProtocolAssignment', vv: '0-3', fv: 'none', f: [
      { n: 'assignedPartitions', t: '[]struct', s: 'TopicPartition', v: '0+', f: [
        { n: 'topic', t: 'string', v: '0+' },
        { n: 'partitions', t: '[]int32', v: '0+' },
      ] },
      { n: 'userData', t: 'bytes', v: '0+', nv: '0+', d: null },
    ] },
  ConsumerProtocolSubscription:
    { name: 'ConsumerProtocolSubscription', vv: '0-3', fv: 'none', f: [
      { n: 'topics', t: '[]string', v: '0+' },
      { n: 'userData', t: 'bytes', v: '0+', nv: '0+', d: null },
      { n: 'ownedPartitions', t: '[]struct', s: 'TopicPartition', v: '1+', f: [
        { n: 'topic', t: 'string', v: '1+' },
        { n: 'partitions', t: '[]int32', v: '1+' },
      ] },
      { n: 'generationId', t: 'int32', v: '2+', d: -1 },
      { n: 'rackId', t: 'string', v: '3+', nv: '3+', d: null },
    ] },
  DefaultPrincipalData:
    { name: 'DefaultPrincipalData', vv: '0', fv: '0+', f: [
      { n: 'type', t: 'string', v: '0+' },
      { n: 'name', t: 'string', v: '0+' },
      { n: 'tokenAuthenticated', t: 'bool', v: '0+' },
    ] },
  KRaftVersionRecord:
    { name: 'KRaftVersionRecord', vv: '0', fv: '0+', f: [
      { n: 'version', t: 'int16', v: '0+' },
      { n: 'kRaftVersion', t: 'int16', v: '0+' },
    ] },
  LeaderChangeMessage:
    { name: 'LeaderChangeMessage', vv: '0-1', fv: '0+', f: [
      { n: 'version', t: 'int16', v: '0+' },
      { n: 'leaderId', t: 'int32', v: '0+' },
      { n: 'voters', t: '[]struct', s: 'Voter', v: '0+', f: [
        { n: 'voterId', t: 'int32', v: '0+' },
        { n: 'voterDirectoryId', t: 'uuid', v: '1+' },
      ] },
      { n: 'grantingVoters', t: '[]struct', s: 'Voter', v: '0+', f: [
        { n: 'voterId', t: 'int32', v: '0+' },
        { n: 'voterDirectoryId', t: 'uuid', v: '1+' },
      ] },
    ] },
  SnapshotFooterRecord:
    { name: 'SnapshotFooterRecord', vv: '0', fv: '0+', f: [
      { n: 'version', t: 'int16', v: '0+' },
    ] },
  SnapshotHeaderRecord:
    { name: 'SnapshotHeaderRecord', vv: '0', fv: '0+', f: [
      { n: 'version', t: 'int16', v: '0+' },
      { n: 'lastContainedLogTimestamp', t: 'int64', v: '0+' },
    ] },
  VotersRecord:
    { name: 'VotersRecord', vv: '0', fv: '0+', f: [
      { n: 'version', t: 'int16', v: '0+' },
      { n: 'voters', t: '[]struct', s: 'Voter', v: '0+', f: [
        { n: 'voterId', t: 'int32', v: '0+' },
        { n: 'voterDirectoryId', t: 'uuid', v: '0+' },
        { n: 'endpoints', t: '[]struct', s: 'Endpoint', v: '0+', f: [
          { n: 'name', t: 'string', v: '0+' },
          { n: 'host', t: 'string', v: '0+' },
          { n: 'port', t: 'uint16', v: '0+' },
        ] },
        { n: 'kRaftVersionFeature', t: 'struct', s: 'KRaftVersionFeature', v: '0+', f: [
          { n: 'minSupportedVersion', t: 'int16', v: '0+' },
          { n: 'maxSupportedVersion', t: 'int16', v: '0+' },
        ] },
      ] },
    ] },
};
