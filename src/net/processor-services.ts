// BrokerServices as a processor sees them: a catalog snapshot kept current by the
// controller, data-plane RPC clients to every handler, and the controller's admin API.
import type { Logger } from 'pino';
import type { ServerConfig } from '../config/server-config';
import { TopicCatalog, type CatalogSnapshot } from '../actors/controller/catalog';
import type { BrokerServices, ControllerApi } from '../api/types';
import type { Link } from '../runtime/link';
import { Placement } from '../runtime/placement';
import { RpcClient } from '../runtime/rpc';
import { SamsaError } from '../runtime/samsa-error';

export interface ServiceInit {
  config: ServerConfig; clusterId: string; advertised: { host: string; port: number };
  logger: Logger; controller: ControllerApi; catalog: CatalogSnapshot; ownerLinks: Link[];
}

export class ProcessorServices implements BrokerServices {
  readonly config: ServerConfig;
  readonly nodeId: number;
  readonly clusterId: string;
  readonly advertised: { host: string; port: number };
  readonly placement: Placement;
  readonly logger: Logger;
  readonly controller: ControllerApi;
  private current: TopicCatalog;
  private owners: RpcClient[];
  private links: Link[];

  constructor(init: ServiceInit) {
    this.config = init.config;
    this.nodeId = init.config.nodeId;
    this.clusterId = init.clusterId;
    this.advertised = init.advertised;
    this.logger = init.logger;
    this.controller = init.controller;
    this.current = new TopicCatalog(init.catalog);
    this.links = init.ownerLinks;
    this.owners = init.ownerLinks.map((l) => new RpcClient(l));
    this.placement = new Placement(init.ownerLinks.length);
  }

  catalog(): TopicCatalog { return this.current; }

  /** Newer snapshots replace older ones; late arrivals of older ones are ignored. */
  updateCatalog(snap: CatalogSnapshot): void {
    if (snap.version >= this.current.version) this.current = new TopicCatalog(snap);
  }

  owner(index: number): RpcClient { return this.owners[index]; }

  /** A handler worker died: fail what it had in flight and wait for its replacement link. */
  ownerLost(index: number): void {
    const old = this.owners[index];
    try { this.links[index].close(); } catch { /* already closed */ }
    old.failAll(new SamsaError('SAMSA_ERR_WORKER_LOST', `handler ${index}`));
  }

  replaceOwner(index: number, link: Link): void {
    this.links[index] = link;
    this.owners[index] = new RpcClient(link);
  }

  closeLinks(): void {
    for (const l of this.links) { try { l.close(); } catch { /* closed */ } }
  }
}
