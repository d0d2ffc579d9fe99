// ApiKey 42 DeleteGroups v0-2
import { register } from './registry';
import { routeGroups } from './group-routing';
import type { RequestContext } from './types';

register({
  apiKey: 42, name: 'DeleteGroups', minVersion: 0, maxVersion: 2,
  async handle(ctx: RequestContext, req: { groupsNames: string[] }) {
    const results = await routeGroups<{ groupId: string; errorCode: number }>(ctx, req.groupsNames,
      (ids) => ({ groupsNames: ids }), (body) => body.results, (e) => e.groupId, (groupId, errorCode) => ({ groupId, errorCode }));
    return { throttleTimeMs: 0, results };
  },
});
