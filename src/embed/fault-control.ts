// The fault-injection API an embedded broker offers its tests: rules by API key (number or
// Kafka name), each returning a handle with its hits. Rules live in the broker (in this
// process, or in the child process, reached over IPC); see src/net/fault-injection.ts.
import type { FaultInfo, FaultSpec } from '../net/fault-injection';
import { API_COUNT, ApiKey, apiName } from '../protocol/apis';
import { ErrorCode } from '../protocol/error-codes';

export type { FaultInfo } from '../net/fault-injection';

/** An API key: 0, 'Produce', 'produce', ... */
export type ApiRef = number | string;
/** A Kafka error code: 6, 'NOT_LEADER_OR_FOLLOWER', ... */
export type ErrorRef = number | string;

export interface FaultOptions {
  /** Fire for this many requests, then stop (default: every request until removed). */
  count?: number;
  /** Fire only during this many ms from now. */
  durationMs?: number;
}

export interface DropOptions extends FaultOptions {
  /** Handle the request first (its effects happen, e.g. a produce is appended), then close. Default false. */
  afterHandling?: boolean;
}

export interface FaultHandle {
  readonly id: number;
  readonly api: string;
  readonly kind: FaultInfo['kind'];
  /** How many requests this rule has fired for so far. */
  hits(): Promise<number>;
  info(): Promise<FaultInfo>;
  /** Resolves once the rule has fired `n` times (rejects after `timeoutMs`, default 10 s). */
  waitForHits(n: number, timeoutMs?: number): Promise<number>;
  /** Stops the rule; its hits stay readable. */
  remove(): Promise<void>;
}

/** Where the rules live: the broker's FaultRegistry, directly or over IPC. */
export interface FaultBackend {
  add(spec: FaultSpec): Promise<FaultInfo>;
  remove(id: number): Promise<void>;
  clear(): Promise<void>;
  info(id: number): Promise<FaultInfo | undefined>;
  list(): Promise<FaultInfo[]>;
}

const API_BY_NAME = new Map(Object.entries(ApiKey).map(([k, v]) => [k.toLowerCase(), v as number]));
const ERROR_BY_NAME = new Map(Object.entries(ErrorCode).map(([k, v]) => [k.toUpperCase(), v as number]));

export function apiKeyOf(ref: ApiRef): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= API_COUNT) throw new RangeError(`unknown api key ${ref}`);
    return ref;
  }
  const k = API_BY_NAME.get(String(ref).toLowerCase());
  if (k === undefined) throw new RangeError(`unknown api '${ref}' (use a Kafka API name such as 'Produce' or a number)`);
  return k;
}

export function errorCodeOf(ref: ErrorRef): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < -32768 || ref > 32767) throw new RangeError(`invalid error code ${ref}`);
    return ref;
  }
  const c = ERROR_BY_NAME.get(String(ref).toUpperCase());
  if (c === undefined) throw new RangeError(`unknown error '${ref}' (use a Kafka error name such as 'NOT_LEADER_OR_FOLLOWER' or a number)`);
  return c;
}

class Handle implements FaultHandle {
  /** Set when the broker the rule lived in is gone (restart/stop): the last known state. */
  final: FaultInfo | undefined;

  constructor(private backend: FaultBackend, readonly id: number, readonly api: string, readonly kind: FaultInfo['kind']) {}

  async info(): Promise<FaultInfo> {
    if (this.final) return this.final;
    const i = await this.backend.info(this.id);
    if (!i) throw new Error(`fault ${this.id} is unknown to the broker`);
    return i;
  }

  async hits(): Promise<number> { return (await this.info()).hits; }

  async waitForHits(n: number, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const h = await this.hits();
      if (h >= n) return h;
      if (Date.now() >= deadline) throw new Error(`fault ${this.id} (${this.kind} on ${this.api}) had ${h} hits, not ${n}, after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async remove(): Promise<void> {
    if (this.final) return;
    await this.backend.remove(this.id);
  }
}

/**
 * Fault rules of one embedded broker. Every matching rule applies, in the order added: delays
 * add up, and the first drop or error rule decides the answer (later rules are not hit).
 * Rules are cleared by restart() and stop().
 */
export class FaultControl {
  private handles = new Set<Handle>();

  /** @internal */
  constructor(private backend: FaultBackend | null) {}

  /** Delay the response of matching requests by `ms` (the request is handled first). */
  delay(api: ApiRef, ms: number, opts: FaultOptions = {}): Promise<FaultHandle> {
    return this.add({ apiKey: apiKeyOf(api), kind: 'delay', delayMs: ms, ...counts(opts) });
  }

  /** Close the connection instead of answering matching requests. */
  dropConnection(api: ApiRef, opts: DropOptions = {}): Promise<FaultHandle> {
    return this.add({ apiKey: apiKeyOf(api), kind: 'drop', afterHandling: opts.afterHandling === true, ...counts(opts) });
  }

  /**
   * Answer matching requests with `error`: the API's own error response where samsa has one
   * (the request is not handled), else the real response with every errorCode field set.
   */
  error(api: ApiRef, error: ErrorRef, opts: FaultOptions = {}): Promise<FaultHandle> {
    return this.add({ apiKey: apiKeyOf(api), kind: 'error', errorCode: errorCodeOf(error), ...counts(opts) });
  }

  /** Remove every rule. */
  async clear(): Promise<void> {
    await this.live().clear();
  }

  /** Every rule added to the running broker (removed ones included), with hits. */
  list(): Promise<FaultInfo[]> { return this.live().list(); }

  private async add(spec: FaultSpec): Promise<FaultHandle> {
    const backend = this.live();
    const info = await backend.add(spec);
    const h = new Handle(backend, info.id, apiName(spec.apiKey), spec.kind);
    this.handles.add(h);
    return h;
  }

  private live(): FaultBackend {
    if (!this.backend) throw new Error('the broker is not running');
    return this.backend;
  }

  /** @internal The broker is going away: keep each handle's last state. */
  async detach(): Promise<void> {
    const backend = this.backend;
    this.backend = null;
    if (!backend || this.handles.size === 0) return;
    const infos = await backend.list().catch(() => [] as FaultInfo[]);
    const byId = new Map(infos.map((i) => [i.id, i]));
    for (const h of this.handles) {
      const i = byId.get(h.id);
      h.final = i ? { ...i, removed: true } : { id: h.id, apiKey: apiKeyOf(h.api), api: h.api, kind: h.kind, hits: 0, remaining: null, expired: false, removed: true };
    }
    this.handles.clear();
  }

  /** @internal */
  attach(backend: FaultBackend): void { this.backend = backend; }
}

function counts(opts: FaultOptions): Pick<FaultSpec, 'count' | 'durationMs'> {
  return { count: opts.count, durationMs: opts.durationMs };
}
