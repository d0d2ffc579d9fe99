// ApiKey 13 LeaveGroup v0-5
import { registerSingleGroupApi } from './single-group-api';

registerSingleGroupApi({
  apiKey: 13, name: 'LeaveGroup', minVersion: 0, maxVersion: 5,
  errorResponse: (_req, errorCode) => ({ throttleTimeMs: 0, errorCode, members: [] }),
});
