// ApiKey 33 AlterConfigs v0-2 and ApiKey 44 IncrementalAlterConfigs v0-1
import { ErrorCode } from '../protocol/error-codes';
import type { ConfigAlteration } from '../actors/controller/controller';
import { ResourceType } from './config-source';
import { register } from './registry';
import type { RequestContext } from './types';

interface Resource { resourceType: number; resourceName: string; configs: { name: string; value: string | null; configOperation?: number }[] }
interface Req { resources: Resource[]; validateOnly: boolean }

const OPS = ['set', 'delete', 'append', 'subtract'] as const;

async function alter(ctx: RequestContext, req: Req, incremental: boolean) {
  const svc = ctx.services;
  const responses = [];
  for (const r of req.resources) {
    const base = { resourceType: r.resourceType, resourceName: r.resourceName };
    if (r.resourceType === ResourceType.TOPIC) {
      const changes: ConfigAlteration[] = [];
      let bad: string | null = null;
      for (const c of r.configs) {
        const op = incremental ? OPS[c.configOperation ?? -1] : 'set';
        if (!op) { bad = `Unknown config operation ${c.configOperation} for ${c.name}`; break; }
        changes.push({ name: c.name, value: c.value, op });
      }
      if (bad) { responses.push({ ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: bad }); continue; }
      const res = await svc.controller.alterTopicConfigs(r.resourceName, changes, incremental ? 'incremental' : 'replace', req.validateOnly);
      responses.push({ ...base, ...res });
    } else if (r.resourceType === ResourceType.BROKER || r.resourceType === ResourceType.BROKER_LOGGER) {
      responses.push({ ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'samsa does not support dynamic broker configs yet; change server.properties or --override and restart' });
    } else {
      responses.push({ ...base, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unsupported resource type ${r.resourceType}` });
    }
  }
  return { throttleTimeMs: 0, responses };
}

register({
  apiKey: 33, name: 'AlterConfigs', minVersion: 0, maxVersion: 2,
  handle: (ctx: RequestContext, req: Req) => alter(ctx, req, false),
});
register({
  apiKey: 44, name: 'IncrementalAlterConfigs', minVersion: 0, maxVersion: 1,
  handle: (ctx: RequestContext, req: Req) => alter(ctx, req, true),
});
