// ApiKey 14 SyncGroup v0-5
import { registerSingleGroupApi } from './single-group-api';

registerSingleGroupApi({
  apiKey: 14, name: 'SyncGroup', minVersion: 0, maxVersion: 5,
  errorResponse: (_req, errorCode) => ({ throttleTimeMs: 0, errorCode, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) }),
});
