// ApiKey 47 OffsetDelete v0
import { registerSingleGroupApi } from './single-group-api';

registerSingleGroupApi({
  apiKey: 47, name: 'OffsetDelete', minVersion: 0, maxVersion: 0,
  errorResponse: (_req, errorCode) => ({ errorCode, throttleTimeMs: 0, topics: [] }),
});
