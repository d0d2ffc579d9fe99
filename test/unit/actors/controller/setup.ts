// A controller on the test's thread: temp log dirs, a recording OwnerControl, captured catalog changes.
import type { CatalogSnapshot } from '../../../../src/actors/controller/catalog';
import { Controller, type CreateTopicRequest } from '../../../../src/actors/controller/controller';
import { defaultServerConfig, type ServerConfig } from '../../../../src/config/server-config';
import { RecordingOwners, rmDir, silentLogger, tempDir } from '../helpers';

export interface ControllerRig {
  config: ServerConfig;
  owners: RecordingOwners;
  changes: CatalogSnapshot[];
  controller: Controller;
  dirs: string[];
  /** A second controller over the same log dirs (a restart), loaded. */
  reopen(): Controller;
}

export class Rigs {
  private made: string[][] = [];
  make(over: Record<string, string> = {}, nDirs = 1): ControllerRig {
    const dirs = Array.from({ length: nDirs }, () => tempDir('samsa-controller-'));
    this.made.push(dirs);
    return this.over(dirs, over);
  }
  /** A rig over existing dirs (not removed by this rig's cleanup unless made by it). */
  over(dirs: string[], over: Record<string, string> = {}): ControllerRig {
    const config = defaultServerConfig({ 'log.dirs': dirs.join(','), 'num.partitions': '3', 'num.io.threads': '3', ...over });
    const owners = new RecordingOwners();
    const changes: CatalogSnapshot[] = [];
    const controller = new Controller(config, owners, silentLogger, (s) => changes.push(s));
    controller.load();
    return {
      config, owners, changes, controller, dirs,
      reopen() {
        const c = new Controller(config, new RecordingOwners(), silentLogger, () => undefined);
        c.load();
        return c;
      },
    };
  }
  cleanup(): void { for (const d of this.made.splice(0)) for (const x of d) rmDir(x); }
}

export function topic(name: string, numPartitions = -1, over: Partial<CreateTopicRequest> = {}): CreateTopicRequest {
  return { name, numPartitions, replicationFactor: -1, ...over };
}
