// ApiKey 37 CreatePartitions v0-3
import { register } from './registry';
import type { RequestContext } from './types';

interface Req { topics: { name: string; count: number; assignments: { brokerIds: number[] }[] | null }[]; timeoutMs: number; validateOnly: boolean }

register({
  apiKey: 37, name: 'CreatePartitions', minVersion: 0, maxVersion: 3,
  async handle(ctx: RequestContext, req: Req) {
    const results = await ctx.services.controller.createPartitions(req.topics, req.validateOnly);
    return { throttleTimeMs: 0, results };
  },
});
