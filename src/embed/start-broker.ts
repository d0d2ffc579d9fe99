// startBroker(): a samsa broker for tests and local tools, in this process or in a child
// process, with topic helpers, fault injection and restart on the same data and port.
// docs/embedding.md describes it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Admin } from '../client/admin';
import { KafkaProtocolError } from '../client/errors';
import { ErrorCode } from '../protocol/error-codes';
import { startChildProcess } from './child-process';
import { FaultControl } from './fault-control';
import { startInProcess } from './in-process';
import type { BrokerInstance, InstanceOptions } from './instance';
import { embeddedProperties, normalizeTopics, type BrokerMode, type StartBrokerOptions, type TopicSpec } from './options';

export interface EmbeddedBroker {
  readonly mode: BrokerMode;
  /** "host:port" for any Kafka client. */
  readonly bootstrap: string;
  /** [bootstrap], as kafkajs' `brokers` wants it. */
  readonly brokers: string[];
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** Fault injection (delay, dropConnection, error, clear); rules end with restart() and stop(). */
  readonly faults: FaultControl;
  /** Creates topics (a name, or { name, partitions, configs }); an existing topic is an error (TOPIC_ALREADY_EXISTS). */
  createTopics(...topics: TopicSpec[]): Promise<void>;
  deleteTopics(...names: string[]): Promise<void>;
  /** Stops the broker cleanly and starts it again on the same data dir and port (a new process in child-process mode). */
  restart(): Promise<void>;
  /** Stops the broker; removes the data dir unless it was given. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startBroker(opts: StartBrokerOptions = {}): Promise<EmbeddedBroker> {
  const mode: BrokerMode = opts.mode ?? 'in-process';
  if (mode !== 'in-process' && mode !== 'child-process') throw new TypeError(`startBroker: unknown mode '${String(mode)}'`);
  const ownsDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-embedded-'));
  try {
    const host = opts.host ?? '127.0.0.1';
    const props = embeddedProperties(host, opts.port ?? 0, dataDir, opts.overrides);
    const base: InstanceOptions = { props, logLevel: opts.logLevel ?? process.env.SAMSA_LOG_LEVEL ?? 'warn', startTimeoutMs: opts.startTimeoutMs ?? 30_000 };
    const launch = mode === 'in-process' ? startInProcess : startChildProcess;
    const first = await launch(base);
    const broker = new Embedded(mode, dataDir, ownsDataDir, first, (port) => launch({ ...base, props: embeddedProperties(host, port, dataDir, opts.overrides) }));
    if (opts.topics && opts.topics.length > 0) {
      try {
        await broker.createTopicsIn(opts.topics, true);
      } catch (err) {
        await broker.stop().catch(() => undefined);
        throw err;
      }
    }
    return broker;
  } catch (err) {
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

class Embedded implements EmbeddedBroker {
  readonly faults: FaultControl;
  private current: BrokerInstance | null;
  private stopping: Promise<void> | null = null;
  private restarting: Promise<void> | null = null;
  readonly host: string;
  readonly port: number;

  constructor(readonly mode: BrokerMode, readonly dataDir: string, private ownsDataDir: boolean, first: BrokerInstance,
    private relaunch: (port: number) => Promise<BrokerInstance>) {
    this.current = first;
    this.host = first.host;
    this.port = first.port;
    this.faults = new FaultControl(first.faults);
  }

  get bootstrap(): string { return this.current?.bootstrap ?? `${this.host}:${this.port}`; }
  get brokers(): string[] { return [this.bootstrap]; }

  createTopics(...topics: TopicSpec[]): Promise<void> { return this.createTopicsIn(topics, false); }

  /** @internal */
  async createTopicsIn(topics: TopicSpec[], ignoreExisting: boolean): Promise<void> {
    const list = normalizeTopics(topics);
    await this.withAdmin(async (admin) => {
      for (const t of list) {
        try {
          await admin.createTopics([{ name: t.name, partitions: t.partitions, configs: t.configs }]);
        } catch (err) {
          if (!(ignoreExisting && err instanceof KafkaProtocolError && err.code === ErrorCode.TOPIC_ALREADY_EXISTS)) throw err;
        }
      }
    });
  }

  async deleteTopics(...names: string[]): Promise<void> {
    await this.withAdmin((admin) => admin.deleteTopics(names));
  }

  async restart(): Promise<void> {
    if (this.stopping) throw new Error('the broker is stopped');
    this.restarting ??= (async () => {
      const old = this.current!;
      await this.faults.detach();
      this.current = null;
      await old.stop();
      const next = await this.relaunch(this.port);
      this.current = next;
      this.faults.attach(next.faults);
    })().finally(() => { this.restarting = null; });
    return this.restarting;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      try {
        if (this.restarting) await this.restarting.catch(() => undefined);
        await this.faults.detach();
        const cur = this.current;
        this.current = null;
        if (cur) await cur.stop();
      } finally {
        if (this.ownsDataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
      }
    })();
    return this.stopping;
  }

  private async withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
    if (!this.current) throw new Error('the broker is not running');
    const admin = new Admin({ bootstrap: this.current.bootstrap, clientId: 'samsa-embedded' });
    try {
      return await fn(admin);
    } finally {
      await admin.close();
    }
  }
}
