// ApiKey 15 DescribeGroups v0-5
import { register } from './registry';
import { routeGroups } from './group-routing';
import type { RequestContext } from './types';

interface Entry { groupId: string; errorCode: number }

register({
  apiKey: 15, name: 'DescribeGroups', minVersion: 0, maxVersion: 5,
  async handle(ctx: RequestContext, req: { groups: string[]; includeAuthorizedOperations: boolean }) {
    const groups = await routeGroups<Entry>(ctx, req.groups,
      (ids) => ({ groups: ids, includeAuthorizedOperations: req.includeAuthorizedOperations }),
      (body) => body.groups, (e) => e.groupId,
      // Kafka describes an unknown group as Dead, without an error
      (groupId, code) => ({ errorCode: code === 69 /* GROUP_ID_NOT_FOUND */ ? 0 : code, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648 }));
    return { throttleTimeMs: 0, groups };
  },
});
