// ApiKey 18 ApiVersions v0-4
import { ErrorCode } from '../protocol/error-codes';
import { register, registeredApis } from './registry';
import type { RequestContext } from './types';

export function apiVersionsBody(errorCode: number) {
  return {
    errorCode,
    apiKeys: registeredApis().map((a) => ({ apiKey: a.apiKey, minVersion: a.minVersion, maxVersion: a.maxVersion })),
    throttleTimeMs: 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1,
    finalizedFeatures: [],
    zkMigrationReady: false,
  };
}

register({
  apiKey: 18, name: 'ApiVersions', minVersion: 0, maxVersion: 4,
  handle(ctx: RequestContext, req: { clientSoftwareName?: string; clientSoftwareVersion?: string }) {
    if (ctx.header.apiVersion >= 3) {
      const valid = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;
      if (!valid.test(req.clientSoftwareName ?? '') || !valid.test(req.clientSoftwareVersion ?? '')) {
        return apiVersionsBody(ErrorCode.INVALID_REQUEST);
      }
      ctx.conn.clientSoftwareName = req.clientSoftwareName;
      ctx.conn.clientSoftwareVersion = req.clientSoftwareVersion;
    }
    return apiVersionsBody(ErrorCode.NONE);
  },
  errorResponse: (_ctx, _req, code) => apiVersionsBody(code),
});
