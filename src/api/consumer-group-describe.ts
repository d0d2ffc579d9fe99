// ApiKey 69 ConsumerGroupDescribe v0 (KIP-848)
import { register } from './registry';
import { routeGroups } from './group-routing';
import type { RequestContext } from './types';

register({
  apiKey: 69, name: 'ConsumerGroupDescribe', minVersion: 0, maxVersion: 0,
  async handle(ctx: RequestContext, req: { groupIds: string[]; includeAuthorizedOperations: boolean }) {
    const groups = await routeGroups<{ groupId: string }>(ctx, req.groupIds,
      (ids) => ({ groupIds: ids, includeAuthorizedOperations: req.includeAuthorizedOperations }),
      (body) => body.groups, (e) => e.groupId,
      (groupId, errorCode) => ({ errorCode, errorMessage: null, groupId, groupState: '', groupEpoch: -1, assignmentEpoch: -1, assignorName: '', members: [], authorizedOperations: -2147483648 }));
    return { throttleTimeMs: 0, groups };
  },
});
