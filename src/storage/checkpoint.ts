// Per-partition checkpoint (`partition.checkpoint`): the recovery point (every offset below it
// is fsynced) and the log start offset. Small text format:
//   samsa-partition-checkpoint 1
//   recoveryPoint <int>
//   logStartOffset <int>
// Written atomically: temp file, fsync, rename, fsync of the directory.
import * as fs from 'fs';
import * as path from 'path';
import { storageError } from './index-file';
import { commitTempFile, writeTempFile } from './async-sync';

export const CHECKPOINT_FILE = 'partition.checkpoint';
const MAGIC_LINE = 'samsa-partition-checkpoint 1';

export interface PartitionCheckpoint { recoveryPoint: number; logStartOffset: number }

/** Writes data to file so that after a crash the file holds either the old or the new contents. */
export function atomicWriteFileSync(file: string, data: string | Buffer): void {
  const tmp = `${file}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w', 0o644);
    try {
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    fsyncDir(path.dirname(file));
  } catch (err) {
    throw storageError(`writing ${file}`, err);
  }
}

export function fsyncDir(dir: string): void {
  let fd = -1;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    // some filesystems refuse fsync on directories; the rename itself is still atomic
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL' && (err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}

function checkpointText(cp: PartitionCheckpoint): string {
  return `${MAGIC_LINE}\nrecoveryPoint ${cp.recoveryPoint}\nlogStartOffset ${cp.logStartOffset}\n`;
}

export function writeCheckpoint(dir: string, cp: PartitionCheckpoint): void {
  atomicWriteFileSync(path.join(dir, CHECKPOINT_FILE), checkpointText(cp));
}

/**
 * writeCheckpoint on the libuv thread pool (the shutdown path), in two steps: the temp file is
 * written and fsynced at once (it may overlap the fsyncs of the segments); the returned commit
 * renames it into place and fsyncs the directory, and must run only after everything the
 * checkpoint vouches for is durable.
 */
export async function stageCheckpointAsync(dir: string, cp: PartitionCheckpoint): Promise<() => Promise<void>> {
  const file = path.join(dir, CHECKPOINT_FILE);
  const tmp = await writeTempFile(file, checkpointText(cp));
  return () => commitTempFile(tmp, file);
}

export function sameCheckpoint(a: PartitionCheckpoint | null, b: PartitionCheckpoint | null): boolean {
  return a !== null && b !== null && a.recoveryPoint === b.recoveryPoint && a.logStartOffset === b.logStartOffset;
}

/** The checkpoint, or null when missing or unreadable (the caller then assumes nothing). */
export function readCheckpoint(dir: string): PartitionCheckpoint | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw storageError(`reading checkpoint in ${dir}`, err);
  }
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines[0] !== MAGIC_LINE) return null;
  const values = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const m = /^(\w+) (-?\d+)$/.exec(line);
    if (!m) return null;
    values.set(m[1], Number(m[2]));
  }
  const recoveryPoint = values.get('recoveryPoint');
  const logStartOffset = values.get('logStartOffset');
  if (recoveryPoint === undefined || logStartOffset === undefined) return null;
  if (!Number.isSafeInteger(recoveryPoint) || !Number.isSafeInteger(logStartOffset) || recoveryPoint < 0 || logStartOffset < 0) return null;
  return { recoveryPoint, logStartOffset };
}
