// ApiKey 11 JoinGroup v0-9
import { registerSingleGroupApi } from './single-group-api';

registerSingleGroupApi<{ groupId: string; memberId: string }>({
  apiKey: 11, name: 'JoinGroup', minVersion: 0, maxVersion: 9,
  errorResponse: (req, errorCode, v) => ({
    throttleTimeMs: 0, errorCode, generationId: -1, protocolType: null, protocolName: v >= 7 ? null : '',
    leader: '', skipAssignment: false, memberId: req.memberId ?? '', members: [],
  }),
});
