// The samsa package: an embeddable broker (startBroker), the server itself (startServer with a
// ServerConfig from loadServerConfig), and samsa's Kafka client.
export * from './embed/index';
export { startServer } from './broker';
export type { BrokerHandle } from './broker';
export { loadServerConfig, buildServerConfig, defaultServerConfig, ConfigError } from './config/server-config';
export type { ServerConfig } from './config/server-config';
export { FaultRegistry } from './net/fault-injection';
export type { FaultSpec } from './net/fault-injection';
export { ErrorCode } from './protocol/error-codes';
export { ApiKey } from './protocol/apis';
export * from './client/index';
