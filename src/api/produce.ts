// ApiKey 0 Produce v0-11
// Record batches stay raw bytes here: they go to the partition's owner, which validates,
// assigns offsets and appends. acks=-1 equals acks=1 while the ISR is only this broker.
import { ErrorCode } from '../protocol/error-codes';
import { register } from './registry';
import { scatter } from './scatter';
import { NO_RESPONSE, type RequestContext } from './types';

interface ProduceRequest {
  transactionalId: string | null; acks: number; timeoutMs: number;
  topicData: { name: string; partitionData: { index: number; records: Buffer | null }[] }[];
}
type PartResult = [errorCode: number, baseOffset: number, logAppendTime: number, logStartOffset: number, message: string | null];

function response(req: ProduceRequest, results: (t: number, p: number) => PartResult) {
  return {
    responses: req.topicData.map((t, ti) => ({
      name: t.name,
      partitionResponses: t.partitionData.map((p, pi) => {
        const [errorCode, baseOffset, logAppendTimeMs, logStartOffset, errorMessage] = results(ti, pi);
        return { index: p.index, errorCode, baseOffset, logAppendTimeMs, logStartOffset, recordErrors: [], errorMessage };
      }),
    })),
    throttleTimeMs: 0,
  };
}

const failed = (code: number, msg: string | null = null): PartResult => [code, -1, -1, -1, msg];

register({
  apiKey: 0, name: 'Produce', minVersion: 0, maxVersion: 11,
  async handle(ctx: RequestContext, req: ProduceRequest) {
    const svc = ctx.services;
    if (req.acks !== 0 && req.acks !== 1 && req.acks !== -1) {
      return response(req, () => failed(ErrorCode.INVALID_REQUIRED_ACKS));
    }
    if (req.transactionalId !== null && req.transactionalId !== undefined) {
      return response(req, () => failed(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 'transactions are not supported yet'));
    }
    const catalog = svc.catalog();
    const preset = new Map<string, PartResult>();
    const parts: { topic: string; partition: number; records: Buffer; key: string }[] = [];
    req.topicData.forEach((t, ti) => {
      const entry = catalog.get(t.name);
      t.partitionData.forEach((p, pi) => {
        const key = `${ti}:${pi}`;
        if (!entry || p.index < 0 || p.index >= entry.partitions.length) preset.set(key, failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
        else if (!p.records || p.records.length === 0) preset.set(key, failed(ErrorCode.CORRUPT_MESSAGE, 'empty record set'));
        else parts.push({ topic: t.name, partition: p.index, records: p.records, key });
      });
    });
    const { results } = await scatter<typeof parts[number], PartResult>(
      svc, 'produce', parts, (p) => [p.topic, p.partition, p.records.length], { acks: req.acks },
      (code) => failed(code), (p) => p.records);
    if (req.acks === 0) return NO_RESPONSE;
    const byKey = new Map<string, PartResult>(parts.map((p, i) => [p.key, results[i]]));
    return response(req, (ti, pi) => preset.get(`${ti}:${pi}`) ?? byKey.get(`${ti}:${pi}`)!);
  },
  errorResponse: (_ctx, req: ProduceRequest, code) => response(req, () => failed(code)),
});
