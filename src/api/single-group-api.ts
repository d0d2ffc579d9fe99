// Registration helper for the APIs that name one group: each is routed to that group's
// coordinator shard; when the shard can't serve it, `errorResponse` carries the code.
import { register } from './registry';
import { routeGroup } from './group-routing';
import type { RequestContext } from './types';

export function registerSingleGroupApi<Req extends { groupId: string }>(def: {
  apiKey: number; name: string; minVersion: number; maxVersion: number;
  errorResponse: (req: Req, code: number, version: number) => object;
  /** Checks on the processor before routing (e.g. unknown topics); may return a response. */
  precheck?: (ctx: RequestContext, req: Req) => object | null;
}): void {
  register({
    apiKey: def.apiKey, name: def.name, minVersion: def.minVersion, maxVersion: def.maxVersion,
    handle(ctx: RequestContext, req: Req) {
      const early = def.precheck?.(ctx, req);
      if (early) return early;
      return routeGroup(ctx, req.groupId, req, (code) => def.errorResponse(req, code, ctx.header.apiVersion));
    },
    errorResponse: (ctx, req: Req, code) => def.errorResponse(req, code, ctx.header.apiVersion),
  });
}
