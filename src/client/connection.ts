// One TCP connection to one broker: int32-size framing, pipelined requests matched by
// correlation id, ApiVersions negotiation, per-request timeouts.
import * as net from 'net';
import { Api, CLIENT_MAX_VERSION } from './api-keys';
import { ConnectionError, KafkaProtocolError, RequestTimeoutError, UnsupportedVersionError } from './errors';
import { protocolWire, Wire } from './wire';
import { ErrorCode } from '../protocol/error-codes';
import { FrameReader } from './frame-reader';

export interface ConnectionOptions {
  host: string;
  port: number;
  clientId?: string;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Caps per API key below what client and broker support. */
  maxVersions?: Record<number, number>;
  wire?: Wire;
}

export interface RequestOptions {
  /** Exact version to use (must be supported by both sides). */
  version?: number;
  timeoutMs?: number;
  /** false for Produce with acks=0: the broker sends nothing back. */
  expectResponse?: boolean;
}

interface Pending {
  apiKey: number;
  version: number;
  deadline: number;
  timeoutMs: number;
  resolve: (body: any) => void;
  reject: (err: Error) => void;
}

const SOFTWARE_NAME = 'samsa';
const SOFTWARE_VERSION = '0.1.0';

export class Connection {
  readonly host: string;
  readonly port: number;
  readonly clientId: string;
  private readonly connectTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly wire: Wire;
  private readonly caps: Record<number, number>;
  private socket: net.Socket | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private readonly inflight = new Map<number, Pending>();
  private nextCorrelationId = 1;
  private readonly brokerVersions = new Map<number, { min: number; max: number }>();
  private timer: NodeJS.Timeout | null = null;
  private readonly reader = new FrameReader();

  constructor(opts: ConnectionOptions) {
    this.host = opts.host;
    this.port = opts.port;
    this.clientId = opts.clientId ?? 'samsa-client';
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.wire = opts.wire ?? protocolWire();
    this.caps = { ...CLIENT_MAX_VERSION, ...(opts.maxVersions ?? {}) };
  }

  get address(): string { return this.host.includes(':') ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`; }
  get isConnected(): boolean { return this.socket !== null && !this.closed && this.brokerVersions.size > 0; }
  get inFlightCount(): number { return this.inflight.size; }

  /** Opens the socket and negotiates versions; concurrent callers share one attempt. */
  connect(): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    if (!this.connecting) {
      this.closed = false;
      this.connecting = this.doConnect().finally(() => { this.connecting = null; });
    }
    return this.connecting;
  }

  private async doConnect(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const sock = net.connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new ConnectionError(this.address, `connect timed out after ${this.connectTimeoutMs} ms`));
      }, this.connectTimeoutMs);
      sock.once('connect', () => {
        clearTimeout(timer);
        sock.removeAllListeners('error');
        sock.setNoDelay(true);
        sock.setKeepAlive(true, 60_000);
        this.attach(sock);
        resolve();
      });
      sock.once('error', (err) => {
        clearTimeout(timer);
        reject(new ConnectionError(this.address, err.message, err));
      });
    });
    try {
      await this.negotiate();
    } catch (err) {
      this.destroy(err as Error);
      throw err;
    }
  }

  private attach(sock: net.Socket): void {
    this.socket = sock;
    this.reader.reset();
    sock.on('data', (chunk: Buffer) => this.onData(chunk));
    sock.on('error', (err) => this.destroy(new ConnectionError(this.address, err.message, err)));
    sock.on('close', () => this.destroy(new ConnectionError(this.address, 'connection closed by broker')));
  }

  private async negotiate(): Promise<void> {
    const clientRange = this.wire.apiVersionRange(Api.ApiVersions) ?? { min: 0, max: 0 };
    let version = Math.min(clientRange.max, this.caps[Api.ApiVersions] ?? clientRange.max);
    for (let attempt = 0; attempt < 2; attempt++) {
      let res: any;
      try {
        res = await this.send(Api.ApiVersions, version, {
          clientSoftwareName: SOFTWARE_NAME, clientSoftwareVersion: SOFTWARE_VERSION,
        }, this.requestTimeoutMs, true);
      } catch (err) {
        if (err instanceof KafkaProtocolError && err.code === ErrorCode.UNSUPPORTED_VERSION && version > 0) { version = 0; continue; }
        throw err;
      }
      if (res.errorCode === ErrorCode.UNSUPPORTED_VERSION && attempt === 0) {
        const mine = (res.apiKeys ?? []).find((k: any) => k.apiKey === Api.ApiVersions);
        version = mine ? Math.min(mine.maxVersion, version) : 0;
        continue;
      }
      if (res.errorCode) throw new KafkaProtocolError(res.errorCode, `ApiVersions to ${this.address}`);
      this.brokerVersions.clear();
      for (const k of res.apiKeys ?? []) this.brokerVersions.set(k.apiKey, { min: k.minVersion, max: k.maxVersion });
      return;
    }
    throw new UnsupportedVersionError(`${this.address} does not accept any ApiVersions version this client speaks`);
  }

  /** Whether the broker and this client share a version of apiKey. */
  supports(apiKey: number): boolean {
    try { this.versionFor(apiKey); return true; } catch { return false; }
  }

  /** Highest version both the broker and this client support. */
  versionFor(apiKey: number): number {
    const mine = this.wire.apiVersionRange(apiKey);
    const theirs = this.brokerVersions.get(apiKey);
    if (!mine) throw new UnsupportedVersionError(`the client codec does not know API key ${apiKey}`);
    if (!theirs) throw new UnsupportedVersionError(`broker ${this.address} does not support API key ${apiKey}`);
    const cap = this.caps[apiKey] ?? mine.max;
    const max = Math.min(mine.max, theirs.max, cap);
    const min = Math.max(mine.min, theirs.min);
    if (max < min) {
      throw new UnsupportedVersionError(`no common version for API key ${apiKey}: client ${mine.min}-${Math.min(mine.max, cap)}, broker ${theirs.min}-${theirs.max}`);
    }
    return max;
  }

  /** Sends a request (connecting first if needed) and resolves with the decoded response body. */
  async request<T = any>(apiKey: number, body: unknown, opts: RequestOptions = {}): Promise<T> {
    if (!this.isConnected) await this.connect();
    const version = opts.version ?? this.versionFor(apiKey);
    return this.send(apiKey, version, body, opts.timeoutMs ?? this.requestTimeoutMs, opts.expectResponse ?? true);
  }

  private send(apiKey: number, version: number, body: unknown, timeoutMs: number, expectResponse: boolean): Promise<any> {
    const sock = this.socket;
    if (!sock || this.closed) return Promise.reject(new ConnectionError(this.address, 'not connected'));
    const correlationId = this.nextCorrelationId;
    this.nextCorrelationId = this.nextCorrelationId >= 0x7fffffff ? 1 : this.nextCorrelationId + 1;
    let frame: Buffer[];
    try {
      frame = this.wire.encodeRequestFrame(apiKey, version, correlationId, this.clientId, body);
    } catch (err) {
      return Promise.reject(err);
    }
    if (!expectResponse) {
      return new Promise((resolve, reject) => {
        writeFrame(sock, frame, (err) => (err ? reject(new ConnectionError(this.address, err.message, err)) : resolve(null)));
      });
    }
    return new Promise((resolve, reject) => {
      this.inflight.set(correlationId, { apiKey, version, deadline: Date.now() + timeoutMs, timeoutMs, resolve, reject });
      this.armTimer();
      writeFrame(sock, frame);
    });
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.reader.push(chunk);
    } catch (err) {
      this.destroy(new ConnectionError(this.address, (err as Error).message));
      return;
    }
    for (const frame of frames) this.onFrame(frame);
  }

  private onFrame(frame: Buffer): void {
    if (frame.length < 4) { this.destroy(new ConnectionError(this.address, 'response frame shorter than its header')); return; }
    const correlationId = frame.readInt32BE(0);
    const p = this.inflight.get(correlationId);
    if (!p) return; // timed out earlier: drop
    this.inflight.delete(correlationId);
    let body: any;
    try {
      body = this.wire.decodeResponseFrame(p.apiKey, p.version, frame).body;
    } catch (err) {
      // a broker answers an ApiVersions version it does not support in v0 form
      if (p.apiKey === Api.ApiVersions && p.version > 0) {
        try { body = this.wire.decodeResponseFrame(p.apiKey, 0, frame).body; } catch { /* fall through */ }
      }
      if (body === undefined) {
        p.reject(new ConnectionError(this.address, `cannot decode response to API ${p.apiKey} v${p.version}: ${(err as Error).message}`));
        return;
      }
    }
    p.resolve(body);
  }

  private armTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sweep(), 100);
    this.timer.unref();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, p] of this.inflight) {
      if (p.deadline <= now) {
        this.inflight.delete(id);
        p.reject(new RequestTimeoutError(this.address, `request (API ${p.apiKey} v${p.version})`, p.timeoutMs));
      }
    }
    if (this.inflight.size === 0 && this.timer) { clearInterval(this.timer); this.timer = null; }
  }

  private destroy(err: Error): void {
    if (this.timer) { clearInterval(this.timer); this.timer = null; }
    const sock = this.socket;
    this.socket = null;
    this.brokerVersions.clear();
    if (sock) { sock.removeAllListeners('data'); sock.removeAllListeners('close'); sock.on('error', () => {}); sock.destroy(); }
    const pending = [...this.inflight.values()];
    this.inflight.clear();
    for (const p of pending) p.reject(err);
  }

  /** Closes the socket; outstanding requests fail with ConnectionError. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.connecting) { try { await this.connecting; } catch { /* ignore */ } }
    const sock = this.socket;
    this.destroy(new ConnectionError(this.address, 'connection closed by client'));
    if (sock) await new Promise<void>((r) => { if (sock.destroyed) r(); else sock.once('close', () => r()); });
  }
}

function writeFrame(sock: net.Socket, frame: Buffer[], cb?: (err?: Error | null) => void): void {
  if (frame.length === 1) { sock.write(frame[0], cb); return; }
  sock.cork();
  for (let i = 0; i < frame.length; i++) sock.write(frame[i], i === frame.length - 1 ? cb : undefined);
  process.nextTick(() => sock.uncork());
}
