// A scripted broker for client unit tests: real codec, handlers per API key.
import * as net from 'net';
import { decodeRequestHeader, decodeRequestBody, encodeResponseFrame, RequestHeader } from '../../../src/protocol/header';
import { apiVersionRange } from '../../../src/protocol/apis';
import { FrameReader } from '../../../src/client/frame-reader';

/** Returns the response body, undefined to send nothing, or a Promise of either. */
export type Handler = (body: any, header: RequestHeader, broker: FakeBroker) => any;

export class FakeBroker {
  readonly requests: { header: RequestHeader; body: any }[] = [];
  readonly handlers = new Map<number, Handler>();
  /** Max versions this broker announces (defaults to the codec's). */
  readonly maxVersions = new Map<number, number>();
  private server = net.createServer((s) => this.onSocket(s));
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(readonly nodeId = 1) {
    this.handlers.set(18, () => ({
      errorCode: 0,
      apiKeys: [0, 1, 2, 3, 18, 19, 20, 32, 33, 37, 44].map((k) => {
        const r = apiVersionRange(k)!;
        return { apiKey: k, minVersion: r.min, maxVersion: Math.min(r.max, this.maxVersions.get(k) ?? r.max) };
      }),
      throttleTimeMs: 0,
    }));
  }

  async start(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  get bootstrap(): string { return `127.0.0.1:${this.port}`; }

  /** Metadata handler for the given topics (partition counts), all led by this broker. */
  withTopics(topics: Record<string, number>): this {
    this.handlers.set(3, (body) => ({
      throttleTimeMs: 0,
      brokers: [{ nodeId: this.nodeId, host: '127.0.0.1', port: this.port, rack: null }],
      clusterId: 'fake', controllerId: this.nodeId,
      topics: Object.entries(topics)
        .filter(([name]) => !body.topics || body.topics.some((t: any) => t.name === name))
        .map(([name, n]) => ({
          errorCode: 0, name, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', isInternal: false,
          partitions: Array.from({ length: n }, (_, i) => ({
            errorCode: 0, partitionIndex: i, leaderId: this.nodeId, leaderEpoch: 0, replicaNodes: [this.nodeId], isrNodes: [this.nodeId], offlineReplicas: [],
          })),
          topicAuthorizedOperations: -2147483648,
        }))
        .concat((body.topics ?? []).filter((t: any) => !(t.name in topics)).map((t: any) => ({
          errorCode: 3, name: t.name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', isInternal: false, partitions: [], topicAuthorizedOperations: -2147483648,
        }))),
    }));
    return this;
  }

  requestsFor(apiKey: number): any[] { return this.requests.filter((r) => r.header.apiKey === apiKey).map((r) => r.body); }

  private onSocket(s: net.Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => {});
    const reader = new FrameReader();
    s.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk)) {
        const { header, bodyOffset } = decodeRequestHeader(frame);
        const body = decodeRequestBody(header, frame, bodyOffset);
        this.requests.push({ header, body });
        const h = this.handlers.get(header.apiKey);
        if (!h) continue;
        Promise.resolve(h(body, header, this)).then((res) => {
          if (res === undefined || s.destroyed) return;
          for (const b of encodeResponseFrame(header.apiKey, header.apiVersion, header.correlationId, res)) s.write(b);
        });
      }
    });
  }

  /** Drops every client connection. */
  dropConnections(): void { for (const s of this.sockets) s.destroy(); }

  async stop(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
