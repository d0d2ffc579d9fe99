// ApiKey 35 DescribeLogDirs v1-4
import * as fs from 'fs';
import * as path from 'path';
import { ErrorCode } from '../protocol/error-codes';
import { register } from './registry';
import type { RequestContext } from './types';

interface Req { topics: { topic: string; partitions: number[] }[] | null }

register({
  apiKey: 35, name: 'DescribeLogDirs', minVersion: 1, maxVersion: 4,
  async handle(ctx: RequestContext, req: Req) {
    const svc = ctx.services;
    const wanted = req.topics ? new Map(req.topics.map((t) => [t.topic, new Set(t.partitions)])) : null;
    const handlers = svc.placement.handlers;
    const replies = await Promise.all(Array.from({ length: handlers }, (_, i) => svc.owner(i).ask({ op: 'logDirs' })));
    const byDir = new Map<string, Map<string, { partitionIndex: number; partitionSize: number; offsetLag: number; isFutureKey: boolean }[]>>();
    for (const d of svc.config.logDirs) byDir.set(path.resolve(d), new Map());
    for (const { env } of replies) {
      for (const [topic, partition, dir, size] of env.parts as [string, number, string, number][]) {
        if (wanted && !wanted.get(topic)?.has(partition)) continue;
        const root = path.resolve(path.dirname(dir));
        let topics = byDir.get(root);
        if (!topics) byDir.set(root, (topics = new Map()));
        let list = topics.get(topic);
        if (!list) topics.set(topic, (list = []));
        list.push({ partitionIndex: partition, partitionSize: size, offsetLag: 0, isFutureKey: false });
      }
    }
    return {
      throttleTimeMs: 0, errorCode: 0,
      results: [...byDir].map(([logDir, topics]) => {
        let totalBytes = -1;
        let usableBytes = -1;
        try {
          const st = fs.statfsSync(logDir);
          totalBytes = st.blocks * st.bsize;
          usableBytes = st.bavail * st.bsize;
        } catch { /* not available */ }
        return {
          errorCode: fs.existsSync(logDir) ? 0 : ErrorCode.KAFKA_STORAGE_ERROR, logDir, totalBytes, usableBytes,
          topics: [...topics].map(([name, partitions]) => ({ name, partitions: partitions.sort((a, b) => a.partitionIndex - b.partitionIndex) })),
        };
      }),
    };
  },
});
