// ApiKey 20 DeleteTopics v1-6
import { register } from './registry';
import type { RequestContext } from './types';
import { ZERO_UUID } from '../runtime/uuid';

interface Req { topics: { name: string | null; topicId: string }[]; topicNames: string[]; timeoutMs: number }

register({
  apiKey: 20, name: 'DeleteTopics', minVersion: 1, maxVersion: 6,
  async handle(ctx: RequestContext, req: Req) {
    const refs = ctx.header.apiVersion >= 6
      ? req.topics.map((t) => ({ name: t.name, topicId: t.topicId && t.topicId !== ZERO_UUID ? t.topicId : null }))
      : req.topicNames.map((name) => ({ name, topicId: null }));
    const results = await ctx.services.controller.deleteTopics(refs);
    return {
      throttleTimeMs: 0,
      responses: results.map((r) => ({ name: r.name, topicId: r.topicId || ZERO_UUID, errorCode: r.errorCode, errorMessage: r.errorMessage })),
    };
  },
});
