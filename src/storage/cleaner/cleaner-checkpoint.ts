// Per-partition cleaner checkpoint (`cleaner.checkpoint`), written atomically after a pass is
// swapped in:
//   samsa-cleaner-checkpoint 1
//   firstDirtyOffset <int>     records below it were deduplicated by an earlier pass
//   deleteHorizonMs <int>      earliest delete horizon of a kept tombstone, -1 if none
// A missing or unreadable file means "nothing cleaned yet" (the next pass starts at the log start).
import * as fs from 'fs';
import * as path from 'path';
import { atomicWriteFileSync } from '../checkpoint';

export const CLEANER_CHECKPOINT_FILE = 'cleaner.checkpoint';
const MAGIC_LINE = 'samsa-cleaner-checkpoint 1';

export interface CleanerCheckpoint { firstDirtyOffset: number; deleteHorizonMs: number }

export const NO_CLEANER_CHECKPOINT: CleanerCheckpoint = Object.freeze({ firstDirtyOffset: 0, deleteHorizonMs: -1 });

export function readCleanerCheckpoint(dir: string): CleanerCheckpoint {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, CLEANER_CHECKPOINT_FILE), 'utf8');
  } catch {
    return NO_CLEANER_CHECKPOINT;
  }
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines[0] !== MAGIC_LINE) return NO_CLEANER_CHECKPOINT;
  const values = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const m = /^(\w+) (-?\d+)$/.exec(line);
    if (!m) return NO_CLEANER_CHECKPOINT;
    values.set(m[1], Number(m[2]));
  }
  const firstDirtyOffset = values.get('firstDirtyOffset');
  const deleteHorizonMs = values.get('deleteHorizonMs') ?? -1;
  if (firstDirtyOffset === undefined || !Number.isSafeInteger(firstDirtyOffset) || firstDirtyOffset < 0) return NO_CLEANER_CHECKPOINT;
  if (!Number.isSafeInteger(deleteHorizonMs)) return { firstDirtyOffset, deleteHorizonMs: -1 };
  return { firstDirtyOffset, deleteHorizonMs };
}

export function writeCleanerCheckpoint(dir: string, cp: CleanerCheckpoint): void {
  atomicWriteFileSync(path.join(dir, CLEANER_CHECKPOINT_FILE),
    `${MAGIC_LINE}\nfirstDirtyOffset ${cp.firstDirtyOffset}\ndeleteHorizonMs ${cp.deleteHorizonMs}\n`);
}
