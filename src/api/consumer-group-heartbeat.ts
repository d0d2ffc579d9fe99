// ApiKey 68 ConsumerGroupHeartbeat v0-1 (KIP-848)
import { registerSingleGroupApi } from './single-group-api';

registerSingleGroupApi({
  apiKey: 68, name: 'ConsumerGroupHeartbeat', minVersion: 0, maxVersion: 1,
  errorResponse: (_req, errorCode) => ({
    throttleTimeMs: 0, errorCode, errorMessage: null, memberId: null, memberEpoch: -1, heartbeatIntervalMs: 0, assignment: null,
  }),
});
