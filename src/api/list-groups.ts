// ApiKey 16 ListGroups v0-5: every handler answers for the shards it hosts.
import { register } from './registry';
import { OFFSETS_TOPIC } from './group-routing';
import type { RequestContext } from './types';

register({
  apiKey: 16, name: 'ListGroups', minVersion: 0, maxVersion: 5,
  async handle(ctx: RequestContext, req: { statesFilter: string[]; typesFilter: string[] }) {
    const svc = ctx.services;
    if (!svc.catalog().has(OFFSETS_TOPIC)) return { throttleTimeMs: 0, errorCode: 0, groups: [] };
    const replies = await Promise.all(Array.from({ length: svc.placement.handlers }, (_, i) =>
      svc.owner(i).ask({ op: 'listGroups', states: req.statesFilter ?? [], types: req.typesFilter ?? [] })));
    const groups = replies.flatMap((r) => r.env.groups as object[]);
    return { throttleTimeMs: 0, errorCode: 0, groups };
  },
});
