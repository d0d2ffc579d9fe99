// Partition directories are named `<topic>-<partition>` under each log dir.
import * as fs from 'fs';
import * as path from 'path';

export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

const DIR = /^(.+)-(\d+)$/;

/** topic → (partition → log dir) for every partition directory found. */
export function scanPartitionDirs(logDirs: string[]): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  for (const root of logDirs) {
    if (!fs.existsSync(root)) continue;
    for (const ent of fs.readdirSync(root, { withFileTypes: true })) {
      if (!ent.isDirectory()) continue;
      const m = DIR.exec(ent.name);
      if (!m) continue;
      const topic = m[1];
      const p = Number(m[2]);
      let t = out.get(topic);
      if (!t) out.set(topic, (t = new Map()));
      if (!t.has(p)) t.set(p, root);
    }
  }
  return out;
}
