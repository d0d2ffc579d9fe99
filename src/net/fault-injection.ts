// Fault injection for users' tests (src/embed): rules per API key that delay a response,
// close the connection instead of answering, or answer with an error code. Rules live in a
// FaultRegistry on the broker's main thread and are copied to every processor's FaultSet;
// each rule's remaining count and hit count sit in a small SharedArrayBuffer, so a count is
// consumed once across all processor threads and hits can be read from the main thread.
// A processor looks at its FaultSet only when `active` is true (some rule is loaded).
import { NO_RESPONSE, type ApiDefinition, type RequestContext } from '../api/types';
import { API_COUNT, apiName } from '../protocol/apis';

export type FaultKind = 'delay' | 'drop' | 'error';

/** What a user asks for (api key and error code already resolved to numbers). */
export interface FaultSpec {
  apiKey: number;
  kind: FaultKind;
  /** delay: how long the response is held. */
  delayMs?: number;
  /** error: the Kafka error code answered. */
  errorCode?: number;
  /** drop: run the request first (its effects happen), then close instead of answering. */
  afterHandling?: boolean;
  /** Fire for this many requests, then stop (default: unlimited). */
  count?: number;
  /** Fire during this many ms from now (default: until removed). */
  durationMs?: number;
}

/** A rule as it travels to processors (structured clone keeps `counters` shared). */
export interface FaultRuleData {
  id: number;
  apiKey: number;
  kind: FaultKind;
  delayMs: number;
  errorCode: number;
  afterHandling: boolean;
  /** Date.now() at which the rule stops firing; 0 = never. */
  expiresAt: number;
  /** Int32 [remaining (-1 = unlimited), hits]. */
  counters: SharedArrayBuffer;
}

/** A rule's state, as reported to users (plain data: crosses IPC). */
export interface FaultInfo {
  id: number;
  apiKey: number;
  api: string;
  kind: FaultKind;
  hits: number;
  /** Requests it will still fire for; null = unlimited. */
  remaining: number | null;
  expired: boolean;
  removed: boolean;
}

const REMAINING = 0;
const HITS = 1;

/** Returned by FaultSet.apply when the connection is to be closed instead of answered. */
export const FAULT_DROP = Symbol('fault-drop');

/** Takes one use of a rule (atomically, across threads); false when it has none left. */
function consume(c: Int32Array): boolean {
  for (;;) {
    const r = Atomics.load(c, REMAINING);
    if (r === 0) return false;
    if (r < 0 || Atomics.compareExchange(c, REMAINING, r, r - 1) === r) break;
  }
  Atomics.add(c, HITS, 1);
  return true;
}

interface LoadedRule { data: FaultRuleData; counters: Int32Array }

/** One processor's copy of the rules. */
export class FaultSet {
  /** True while any rule is loaded; the processor's only check when there is none. */
  active = false;
  private rules: LoadedRule[] = [];

  update(rules: FaultRuleData[]): void {
    this.rules = rules.map((data) => ({ data, counters: new Int32Array(data.counters) }));
    this.active = this.rules.length > 0;
  }

  /**
   * The rules that fire for one request of `apiKey`, in the order they were added; each one
   * taken is counted as a hit. Delays accumulate; the first drop or error rule ends the list.
   * Expired and used-up rules are unloaded on the way.
   */
  take(apiKey: number, now = Date.now()): FaultRuleData[] {
    const fired: FaultRuleData[] = [];
    let stale = false;
    for (const r of this.rules) {
      const d = r.data;
      if ((d.expiresAt > 0 && now >= d.expiresAt) || Atomics.load(r.counters, REMAINING) === 0) { stale = true; continue; }
      if (d.apiKey !== apiKey || !consume(r.counters)) continue;
      fired.push(d);
      if (d.kind !== 'delay') break;
    }
    if (stale) {
      this.rules = this.rules.filter((r) => !(r.data.expiresAt > 0 && now >= r.data.expiresAt) && Atomics.load(r.counters, REMAINING) !== 0);
      this.active = this.rules.length > 0;
    }
    return fired;
  }

  /**
   * Runs one request under the rules that fire for it. `run` is the normal handling (the API
   * handler, with the processor's error handling); the result is the response body,
   * NO_RESPONSE, or FAULT_DROP.
   */
  async apply(api: ApiDefinition, ctx: RequestContext, body: any, run: () => Promise<unknown>): Promise<unknown> {
    const fired = this.take(api.apiKey);
    if (fired.length === 0) return run();
    let delayMs = 0;
    let last: FaultRuleData | undefined;
    for (const r of fired) {
      if (r.kind === 'delay') delayMs += r.delayMs;
      else last = r;
    }
    let res: unknown;
    if (last?.kind === 'drop' && !last.afterHandling) res = FAULT_DROP;
    else if (last?.kind === 'error') res = await errorAnswer(api, ctx, body, last.errorCode, run);
    else res = await run();
    if (last?.kind === 'drop') res = FAULT_DROP;
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    return res;
  }
}

/**
 * The answer carrying `code`: the API's own errorResponse when it has one (the request is not
 * handled); otherwise the handler runs and every `errorCode` field of its response, at any
 * depth, is set to `code` (with `records` beside it emptied). Produce with acks=0 gets no answer.
 */
async function errorAnswer(api: ApiDefinition, ctx: RequestContext, body: any, code: number, run: () => Promise<unknown>): Promise<unknown> {
  if (api.apiKey === 0 && body?.acks === 0) return NO_RESPONSE;
  if (api.errorResponse) return api.errorResponse(ctx, body, code);
  const res = await run();
  if (res !== NO_RESPONSE) overwriteErrorCodes(res, code);
  return res;
}

/** Sets every errorCode field in a response body to `code`; returns how many were set. */
export function overwriteErrorCodes(value: unknown, code: number): number {
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return 0;
  if (Array.isArray(value)) {
    let n = 0;
    for (const v of value) n += overwriteErrorCodes(v, code);
    return n;
  }
  const obj = value as Record<string, unknown>;
  let n = 0;
  if (typeof obj.errorCode === 'number') {
    obj.errorCode = code;
    if ('records' in obj) obj.records = null;
    n++;
  }
  for (const [k, v] of Object.entries(obj)) if (k !== 'records') n += overwriteErrorCodes(v, code);
  return n;
}

/** The broker's rules (main thread); `publish` copies the list to every processor. */
export class FaultRegistry {
  private rules: FaultRuleData[] = [];
  private retired = new Map<number, FaultRuleData>();
  private nextId = 1;

  constructor(private publish: (rules: FaultRuleData[]) => Promise<void>) {}

  async add(spec: FaultSpec): Promise<FaultInfo> {
    const rule = ruleOf(this.nextId++, spec);
    this.rules.push(rule);
    await this.publish(this.rules.slice());
    return infoOf(rule, false);
  }

  /** Unloads a rule (its hits stay readable); false when it is unknown or already removed. */
  async remove(id: number): Promise<boolean> {
    const i = this.rules.findIndex((r) => r.id === id);
    if (i < 0) return false;
    const [rule] = this.rules.splice(i, 1);
    this.retired.set(id, rule);
    await this.publish(this.rules.slice());
    return true;
  }

  async clear(): Promise<void> {
    for (const r of this.rules) this.retired.set(r.id, r);
    this.rules = [];
    await this.publish([]);
  }

  info(id: number): FaultInfo | undefined {
    const live = this.rules.find((r) => r.id === id);
    if (live) return infoOf(live, false);
    const gone = this.retired.get(id);
    return gone ? infoOf(gone, true) : undefined;
  }

  /** Every rule added so far, removed ones included. */
  list(): FaultInfo[] {
    return [...[...this.retired.values()].map((r) => infoOf(r, true)), ...this.rules.map((r) => infoOf(r, false))].sort((a, b) => a.id - b.id);
  }
}

function ruleOf(id: number, spec: FaultSpec): FaultRuleData {
  if (!Number.isInteger(spec.apiKey) || spec.apiKey < 0 || spec.apiKey >= API_COUNT) throw new RangeError(`unknown api key ${spec.apiKey}`);
  if (spec.kind !== 'delay' && spec.kind !== 'drop' && spec.kind !== 'error') throw new RangeError(`unknown fault kind ${String(spec.kind)}`);
  const delayMs = spec.delayMs ?? 0;
  if (spec.kind === 'delay' && (!Number.isFinite(delayMs) || delayMs < 0)) throw new RangeError(`invalid delay ${spec.delayMs}`);
  const errorCode = spec.errorCode ?? 0;
  if (spec.kind === 'error' && (!Number.isInteger(errorCode) || errorCode < -32768 || errorCode > 32767)) throw new RangeError(`invalid error code ${spec.errorCode}`);
  if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > 0x7fffffff)) throw new RangeError(`invalid count ${spec.count}`);
  if (spec.durationMs !== undefined && (!Number.isFinite(spec.durationMs) || spec.durationMs <= 0)) throw new RangeError(`invalid durationMs ${spec.durationMs}`);
  const counters = new SharedArrayBuffer(8);
  new Int32Array(counters)[REMAINING] = spec.count ?? -1;
  return {
    id, apiKey: spec.apiKey, kind: spec.kind, delayMs, errorCode, afterHandling: spec.afterHandling === true,
    expiresAt: spec.durationMs !== undefined ? Date.now() + spec.durationMs : 0, counters,
  };
}

function infoOf(r: FaultRuleData, removed: boolean): FaultInfo {
  const c = new Int32Array(r.counters);
  const remaining = Atomics.load(c, REMAINING);
  return {
    id: r.id, apiKey: r.apiKey, api: apiName(r.apiKey), kind: r.kind, hits: Atomics.load(c, HITS),
    remaining: remaining < 0 ? null : remaining, expired: r.expiresAt > 0 && Date.now() >= r.expiresAt, removed,
  };
}
