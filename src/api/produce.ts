// ApiKey 0 Produce v0-11
// Record batches stay raw bytes here: they go to the partition's owner, which validates,
// assigns offsets and appends. acks=-1 equals acks=1 while the ISR is only this broker.
//
// One ask per owner: parts [topic, partition, byteLength, pad][] and, as the payload, each
// part's records preceded by `pad` bytes the owner skips. The payload starts 8-aligned in the
// ring (channel.ts), and the pads put every record set at the same address mod 8 as in the
// request frame: V8 copies into shared memory ~5× faster when source and target agree. When
// an owner's record sets lie close together in the frame (always with one handler), the
// payload is that one stretch of the frame, from an 8-aligned start: the pads are then the
// bytes between the record sets (partition headers), one copy into the ring, and none at all
// over the single-thread layout's in-process link.
import { ErrorCode } from '../protocol/error-codes';
import { SamsaError, kafkaErrorOf } from '../runtime/samsa-error';
import { register } from './registry';
import { NO_RESPONSE, type RequestContext } from './types';

interface ProduceRequest {
  transactionalId: string | null; acks: number; timeoutMs: number;
  topicData: { name: string; partitionData: { index: number; records: Buffer | null }[] }[];
}
type PartResult = [errorCode: number, baseOffset: number, logAppendTime: number, logStartOffset: number, message: string | null];
type PartTuple = [topic: string, partition: number, byteLength: number, pad: number];

/** The work for one owner: its tuples, record sets, and where each answer goes. */
interface OwnerShare { owner: number; tuples: PartTuple[]; records: Buffer[]; rows: PartResult[][]; cols: number[] }

/** Bytes between one owner's record sets above which they travel as separate parts (other owners' records in between). */
const MAX_GAP = 64;

/** Sets each tuple's pad and returns the payload parts (see the top of this file). */
function payloadOf(s: OwnerShare): Buffer[] {
  const rs = s.records;
  const first = rs[0];
  let end = first.byteOffset + first.length;
  let gaps = 0;
  let together = true;
  for (let i = 1; i < rs.length && together; i++) {
    const r = rs[i];
    together = r.buffer === first.buffer && r.byteOffset >= end;
    gaps += r.byteOffset - end;
    end = r.byteOffset + r.length;
  }
  if (together && gaps <= MAX_GAP * rs.length) {
    const start = first.byteOffset & ~7; // the bytes before a record set are the request's own
    let prev = start;
    for (let i = 0; i < rs.length; i++) {
      s.tuples[i][3] = rs[i].byteOffset - prev;
      prev = rs[i].byteOffset + rs[i].length;
    }
    return [Buffer.from(first.buffer, start, end - start)];
  }
  const parts = new Array<Buffer>(rs.length);
  let pos = 0;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i];
    const pad = (r.byteOffset - pos) & 7; // pad <= byteOffset: reach back into the request's own bytes
    s.tuples[i][3] = pad;
    parts[i] = pad === 0 ? r : Buffer.from(r.buffer, r.byteOffset - pad, r.length + pad);
    pos += pad + r.length;
  }
  return parts;
}

function response(req: ProduceRequest, results: PartResult[][]) {
  return {
    responses: req.topicData.map((t, ti) => ({
      name: t.name,
      partitionResponses: t.partitionData.map((p, pi) => {
        const [errorCode, baseOffset, logAppendTimeMs, logStartOffset, errorMessage] = results[ti][pi];
        return { index: p.index, errorCode, baseOffset, logAppendTimeMs, logStartOffset, recordErrors: [], errorMessage };
      }),
    })),
    throttleTimeMs: 0,
  };
}

const failed = (code: number, msg: string | null = null): PartResult => [code, -1, -1, -1, msg];
const allFailed = (req: ProduceRequest, code: number, msg: string | null = null): PartResult[][] =>
  req.topicData.map((t) => t.partitionData.map(() => failed(code, msg)));

register({
  apiKey: 0, name: 'Produce', minVersion: 0, maxVersion: 11,
  async handle(ctx: RequestContext, req: ProduceRequest) {
    const svc = ctx.services;
    if (req.acks !== 0 && req.acks !== 1 && req.acks !== -1) {
      return response(req, allFailed(req, ErrorCode.INVALID_REQUIRED_ACKS));
    }
    if (req.transactionalId !== null && req.transactionalId !== undefined) {
      return response(req, allFailed(req, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 'transactions are not supported yet'));
    }
    const catalog = svc.catalog();
    const placement = svc.placement;
    const results: PartResult[][] = new Array(req.topicData.length);
    const byOwner: (OwnerShare | undefined)[] = [];
    const shares: OwnerShare[] = [];
    for (let ti = 0; ti < req.topicData.length; ti++) {
      const t = req.topicData[ti];
      const entry = catalog.get(t.name);
      const row: PartResult[] = results[ti] = new Array(t.partitionData.length);
      for (let pi = 0; pi < t.partitionData.length; pi++) {
        const p = t.partitionData[pi];
        const records = p.records;
        if (!entry || p.index < 0 || p.index >= entry.partitions.length) { row[pi] = failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION); continue; }
        if (!records || records.length === 0) { row[pi] = failed(ErrorCode.CORRUPT_MESSAGE, 'empty record set'); continue; }
        const owner = placement.ownerOf(t.name, p.index);
        let s = byOwner[owner];
        if (s === undefined) {
          s = byOwner[owner] = { owner, tuples: [], records: [], rows: [], cols: [] };
          shares.push(s);
        }
        s.records.push(records);
        s.tuples.push([t.name, p.index, records.length, 0]);
        s.rows.push(row);
        s.cols.push(pi);
      }
    }
    const asks = new Array<Promise<void>>(shares.length);
    for (let k = 0; k < shares.length; k++) asks[k] = ask(ctx, req.acks, shares[k]);
    await Promise.all(asks);
    if (req.acks === 0) return NO_RESPONSE;
    return response(req, results);
  },
  errorResponse: (_ctx, req: ProduceRequest, code) => response(req, allFailed(req, code)),
});

/** One owner's share; a lost owner (or a closed link) answers every part with its error code. */
async function ask(ctx: RequestContext, acks: number, s: OwnerShare): Promise<void> {
  try {
    const payload = payloadOf(s);
    const { env } = await ctx.services.owner(s.owner).ask({ op: 'produce', acks, parts: s.tuples }, payload);
    const parts = env.parts as PartResult[];
    for (let k = 0; k < s.rows.length; k++) s.rows[k][s.cols[k]] = parts[k];
  } catch (err) {
    const code = err instanceof SamsaError ? err.kafkaError : kafkaErrorOf(err);
    for (let k = 0; k < s.rows.length; k++) s.rows[k][s.cols[k]] = failed(code);
  }
}
