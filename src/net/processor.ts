// A processor: owns client connections, decodes request headers and bodies, runs the API
// handler (which routes partition work to owners), and encodes the response. It runs in a
// processor worker thread (num.network.threads of them) or on the main thread.
import type * as net from 'net';
import '../api/index';
import { apiFor } from '../api/registry';
import { apiVersionsBody } from '../api/api-versions';
import { NO_RESPONSE, type ApiDefinition, type BrokerServices, type RequestContext } from '../api/types';
import { ErrorCode } from '../protocol/error-codes';
import { decodeRequestBody, decodeRequestHeader, encodeResponseFrame } from '../protocol/header';
import { apiName } from '../protocol/apis';
import { CloseConnection, Connection, type ConnectionLimits } from './connection';
import { FAULT_DROP, FaultSet } from './fault-injection';

const API_VERSIONS = 18;

export class Processor {
  private conns = new Set<Connection>();
  private nextConnId = 1;
  private backpressured = false;
  private accepting = true;
  /** Injected faults (src/embed); looked at only while a rule is loaded. */
  readonly faults = new FaultSet();

  constructor(readonly index: number, private svc: BrokerServices, private limits: ConnectionLimits, private maxOwnerBacklogBytes = 64 << 20) {}

  get connectionCount(): number { return this.conns.size; }

  adopt(socket: net.Socket): void {
    if (!this.accepting) { socket.destroy(); return; }
    const conn = new Connection(this.nextConnId++, socket, (c, f) => this.dispatch(c, f), this.limits,
      (c, reason, err) => {
        if (err) this.svc.logger.warn({ conn: c.remote, err }, reason);
        else this.svc.logger.info({ conn: c.remote }, reason);
      },
      (c) => this.conns.delete(c));
    this.conns.add(conn);
    if (this.backpressured) conn.pause('owners');
  }

  async dispatch(conn: Connection, frame: Buffer): Promise<Buffer[] | null> {
    let decoded;
    try {
      decoded = decodeRequestHeader(frame);
    } catch (err) {
      throw new CloseConnection(`malformed request header: ${(err as Error).message}`);
    }
    const { header, bodyOffset } = decoded;
    const api = apiFor(header.apiKey);
    if (!api || header.apiVersion < api.minVersion || header.apiVersion > api.maxVersion) {
      if (header.apiKey === API_VERSIONS) {
        // Kafka answers an unknown ApiVersions version with a v0 body so the client can downgrade
        return encodeResponseFrame(API_VERSIONS, 0, header.correlationId, apiVersionsBody(ErrorCode.UNSUPPORTED_VERSION));
      }
      throw new CloseConnection(api
        ? `unsupported version ${header.apiVersion} of ${api.name} (supported ${api.minVersion}-${api.maxVersion})`
        : `unsupported api key ${header.apiKey}${safeName(header.apiKey)}`);
    }
    let body;
    try {
      body = decodeRequestBody(header, frame, bodyOffset);
    } catch (err) {
      throw new CloseConnection(`malformed ${api.name} v${header.apiVersion} request: ${(err as Error).message}`);
    }
    const ctx: RequestContext = { header, conn, services: this.svc };
    if (this.svc.logger.isLevelEnabled('debug')) {
      this.svc.logger.debug({ conn: conn.remote, api: api.name, v: header.apiVersion, corr: header.correlationId, client: header.clientId }, 'request');
    }
    let res;
    if (this.faults.active) {
      res = await this.faults.apply(api, ctx, body, () => this.invoke(api, ctx, body));
      if (res === FAULT_DROP) throw new CloseConnection(`fault injection: connection dropped instead of answering ${api.name}`);
    } else {
      res = await this.invoke(api, ctx, body);
    }
    if (res === NO_RESPONSE) return null;
    return encodeResponseFrame(header.apiKey, header.apiVersion, header.correlationId, res);
  }

  /** Runs the API handler; a failure becomes the API's error response (or closes the connection). */
  private async invoke(api: ApiDefinition, ctx: RequestContext, body: unknown): Promise<unknown> {
    try {
      const pending = api.handle(ctx, body);
      // the handler has queued its work for the owners by now: a backed-up ring pauses reading
      this.checkBackpressure();
      return await pending;
    } catch (err) {
      this.svc.logger.error({ err, api: api.name, v: ctx.header.apiVersion }, 'request handler failed');
      if (!api.errorResponse) throw new CloseConnection(`${api.name} failed: ${(err as Error).message}`);
      return api.errorResponse(ctx, body, ErrorCode.UNKNOWN_SERVER_ERROR);
    }
  }

  /** Stop reading from every connection while any owner link has too much queued. */
  private checkBackpressure(): void {
    let max = 0;
    for (let i = 0; i < this.svc.placement.handlers; i++) max = Math.max(max, this.svc.owner(i).backlogBytes);
    if (max > this.maxOwnerBacklogBytes && !this.backpressured) {
      this.backpressured = true;
      for (const c of this.conns) c.pause('owners');
      const poll = setInterval(() => {
        let m = 0;
        for (let i = 0; i < this.svc.placement.handlers; i++) m = Math.max(m, this.svc.owner(i).backlogBytes);
        if (m <= this.maxOwnerBacklogBytes / 2) {
          clearInterval(poll);
          this.backpressured = false;
          for (const c of this.conns) c.resume('owners');
        }
      }, 1);
    }
  }

  /** Graceful: stop reading, finish in-flight requests, write their responses, end sockets. */
  async shutdown(): Promise<void> {
    this.accepting = false;
    await Promise.all([...this.conns].map((c) => c.shutdown()));
  }

  destroyAll(): void {
    for (const c of [...this.conns]) c.close();
  }
}

function safeName(k: number): string {
  try { return ` (${apiName(k)})`; } catch { return ''; }
}
