// Log directories: meta.properties (cluster id, node id) and the clean-shutdown marker.
import * as fs from 'fs';
import * as path from 'path';
import { readPropertiesFile } from '../config/server-properties';
import type { ServerConfig } from '../config/server-config';
import { fsyncDir, writeFileAtomicSync } from '../runtime/atomic-file';
import { SamsaError } from '../runtime/samsa-error';
import { randomKafkaUuid } from '../runtime/uuid';

export const META_FILE = 'meta.properties';
export const CLEAN_SHUTDOWN_FILE = '.samsa_cleanshutdown';

export interface LogDirState { clusterId: string; cleanShutdown: boolean }

/** Create dirs, check or write meta.properties, and consume the clean-shutdown markers. */
export function openLogDirs(config: ServerConfig): LogDirState {
  let clusterId: string | null = config.clusterId;
  const metas: { dir: string; meta: Record<string, string> | null }[] = [];
  for (const dir of config.logDirs) {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, META_FILE);
    const meta = fs.existsSync(file) ? readPropertiesFile(file) : null;
    metas.push({ dir, meta });
    if (meta) {
      if (meta['node.id'] !== undefined && Number(meta['node.id']) !== config.nodeId) {
        throw new SamsaError('SAMSA_ERR_CONFIG', `log dir ${dir} belongs to node.id ${meta['node.id']}, but this broker is node.id ${config.nodeId}`);
      }
      const cid = meta['cluster.id'];
      if (cid) {
        if (clusterId && clusterId !== cid) throw new SamsaError('SAMSA_ERR_CONFIG', `log dir ${dir} belongs to cluster ${cid}, not ${clusterId}`);
        clusterId = cid;
      }
    }
  }
  clusterId ??= randomKafkaUuid();
  let clean = true;
  let anyData = false;
  for (const { dir, meta } of metas) {
    if (!meta) {
      writeFileAtomicSync(path.join(dir, META_FILE), `#samsa\nversion=1\ncluster.id=${clusterId}\nnode.id=${config.nodeId}\n`);
    } else {
      anyData = true;
    }
    const marker = path.join(dir, CLEAN_SHUTDOWN_FILE);
    if (fs.existsSync(marker)) {
      fs.unlinkSync(marker);
      fsyncDir(dir);
    } else if (meta) {
      clean = false;
    }
  }
  return { clusterId, cleanShutdown: clean || !anyData };
}

export function writeCleanShutdownMarkers(config: ServerConfig): void {
  for (const dir of config.logDirs) writeFileAtomicSync(path.join(dir, CLEAN_SHUTDOWN_FILE), `${Date.now()}\n`);
}
