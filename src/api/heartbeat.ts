// ApiKey 12 Heartbeat v0-4
import { registerSingleGroupApi } from './single-group-api';

registerSingleGroupApi({
  apiKey: 12, name: 'Heartbeat', minVersion: 0, maxVersion: 4,
  errorResponse: (_req, errorCode) => ({ throttleTimeMs: 0, errorCode }),
});
