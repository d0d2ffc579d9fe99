// Embedding samsa: startBroker() and its fault injection (docs/embedding.md).
export { startBroker } from './start-broker';
export type { EmbeddedBroker } from './start-broker';
export { EMBEDDED_DEFAULTS } from './options';
export type { StartBrokerOptions, BrokerMode, TopicSpec } from './options';
export { FaultControl, apiKeyOf, errorCodeOf } from './fault-control';
export type { FaultHandle, FaultInfo, FaultOptions, DropOptions, ApiRef, ErrorRef } from './fault-control';
