// Swapping cleaned segments in, crash-safely (Kafka's .cleaned/.swap protocol):
//   1. the task wrote and fsynced `<base>.{index,timeindex,log}.cleaned`;
//   2. rename them to `.swap`, the .log last: once `<base>.log.swap` exists the swap is committed;
//   3. rename the replaced segments' files to `.deleted` (unlinking a large file can take tens of
//      ms on ext4; the unlinks run later on libuv's thread pool, off the actor's thread);
//   4. rename the `.swap` files to their final names, the .log last.
// On open, recoverCleanerFiles() finishes or rolls back an interrupted swap: `.cleaned` and
// `.deleted` files are deleted; for each `<base>.log.swap` every plain segment file with a base offset
// in [base, end of the swap log) is deleted and the swap files take their final names; `.swap`
// index files without a `.log.swap` are deleted (the index is rebuilt from the log).
import * as fs from 'fs';
import * as path from 'path';
import { BatchScanner } from '../batch-scanner';
import { fsyncDir } from '../checkpoint';
import { LogConfig } from '../config';
import { storageError } from '../index-file';
import type { LogLike } from '../recovery';
import { INDEX_SUFFIX, LOG_SUFFIX, LogSegment, TIME_INDEX_SUFFIX, segmentFileName } from '../segment';
import { cleanedFiles } from './cleaned-segment-writer';
import { CLEANED_SUFFIX, CleanedGroup, CleaningResult, DELETED_SUFFIX, SWAP_SUFFIX } from './types';

/** What applyCleaned did with a cleaning pass's output. */
export interface AppliedCleaning { swapped: number; discarded: number }

const SUFFIXES = [INDEX_SUFFIX, TIME_INDEX_SUFFIX, LOG_SUFFIX];

/** Deletes the `.cleaned` files of a pass that will not be swapped in. */
export function discardCleaned(result: CleaningResult): void {
  for (const g of result.groups) discardGroup(result.dir, g);
}

/** Deletes the `.cleaned` files of a group that will not be swapped in (best effort). */
export function discardGroup(dir: string, group: CleanedGroup): void {
  for (const f of cleanedFiles(dir, group.baseOffset)) { try { fs.unlinkSync(f); } catch { /* gone */ } }
}

/** Swaps in every group of a pass whose sources are unchanged; the others' files are deleted. */
export function swapInCleaned(
  dir: string, segments: LogSegment[], result: CleaningResult, planned: ReadonlyMap<number, LogSegment>, config: LogConfig,
): AppliedCleaning {
  let swapped = 0;
  let i = 0;
  try {
    for (; i < result.groups.length; i++) if (swapInGroup(dir, segments, result.groups[i], planned, config)) swapped++;
  } finally {
    for (let k = i + 1; k < result.groups.length; k++) discardGroup(dir, result.groups[k]);
  }
  return { swapped, discarded: result.groups.length - swapped };
}

/**
 * Replaces group.sources (still present, unchanged, consecutive and inactive in `segments`) with
 * the cleaned segment. Mutates `segments`. Returns false (files discarded) if the sources changed.
 */
export function swapInGroup(
  dir: string, segments: LogSegment[], group: CleanedGroup, planned: ReadonlyMap<number, LogSegment>, config: LogConfig,
): boolean {
  const olds: LogSegment[] = [];
  for (const s of group.sources) {
    const seg = planned.get(s.baseOffset);
    if (seg === undefined || seg.size !== s.size) { discardGroup(dir, group); return false; }
    olds.push(seg);
  }
  const at = segments.indexOf(olds[0]);
  if (at < 0 || at + olds.length >= segments.length || olds.some((s, k) => segments[at + k] !== s)) {
    discardGroup(dir, group);
    return false;
  }
  const name = (suffix: string, extra: string): string => path.join(dir, segmentFileName(group.baseOffset, suffix) + extra);
  try {
    for (const sfx of SUFFIXES) fs.renameSync(name(sfx, CLEANED_SUFFIX), name(sfx, SWAP_SUFFIX));
    fsyncDir(dir);
  } catch (err) {
    for (const sfx of SUFFIXES) { try { fs.unlinkSync(name(sfx, SWAP_SUFFIX)); } catch { /* gone */ } }
    discardGroup(dir, group);
    throw storageError(`committing cleaned segment ${group.baseOffset} in ${dir}`, err);
  }
  // committed: from here on a crash is completed by recoverCleanerFiles on the next open
  const doomed: string[] = [];
  try {
    for (const s of olds) {
      s.close();
      for (const f of [s.logPath, s.index.path, s.timeIndex.path]) {
        try { fs.renameSync(f, f + DELETED_SUFFIX); doomed.push(f + DELETED_SUFFIX); } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
      }
    }
    for (const sfx of SUFFIXES) fs.renameSync(name(sfx, SWAP_SUFFIX), name(sfx, ''));
    fsyncDir(dir);
  } catch (err) {
    throw storageError(`swapping in cleaned segment ${group.baseOffset} in ${dir} (completed when the log is reopened)`, err);
  }
  segments.splice(at, olds.length, LogSegment.open(dir, group.baseOffset, config));
  for (const f of doomed) fs.unlink(f, () => { /* gone, or removed with its directory */ });
  return true;
}

const SWAP_LOG = /^(\d{20})\.log\.swap$/;
const SEGMENT_FILE = /^(\d{20})(\.log|\.index|\.timeindex)$/;

/** Completes or rolls back interrupted swaps in `dir` (before its segments are opened). */
export function recoverCleanerFiles(dir: string, names: string[], logger: LogLike): string[] {
  let touched = false;
  const remove = (n: string): void => {
    try { fs.unlinkSync(path.join(dir, n)); } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw storageError(`deleting ${n} in ${dir}`, err);
    }
    touched = true;
  };
  for (const n of names) if (n.endsWith(CLEANED_SUFFIX) || n.endsWith(DELETED_SUFFIX)) remove(n);
  const swaps = names.map((n) => SWAP_LOG.exec(n)).filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1])).sort((a, b) => a - b);
  for (const base of swaps) {
    const end = swapEnd(path.join(dir, segmentFileName(base, LOG_SUFFIX) + SWAP_SUFFIX), base);
    for (const n of names) {
      const m = SEGMENT_FILE.exec(n);
      if (m && Number(m[1]) >= base && Number(m[1]) < end) remove(n);
    }
    for (const sfx of SUFFIXES) {
      const from = path.join(dir, segmentFileName(base, sfx) + SWAP_SUFFIX);
      if (!fs.existsSync(from)) continue;
      try { fs.renameSync(from, path.join(dir, segmentFileName(base, sfx))); } catch (err) { throw storageError(`completing swap of ${from}`, err); }
    }
    touched = true;
    logger.warn({ dir, segment: base, replacedUpTo: end }, 'completed an interrupted swap of a cleaned segment');
  }
  for (const n of swaps.length > 0 ? fs.readdirSync(dir) : names) if (n.endsWith(SWAP_SUFFIX)) remove(n);
  if (!touched) return names;
  try { fsyncDir(dir); } catch (err) { throw storageError(`fsync ${dir}`, err); }
  if (swaps.length === 0) logger.info({ dir }, 'removed leftover files of an unfinished cleaning pass');
  return fs.readdirSync(dir);
}

/** Offset after the last batch of a (complete, fsynced) swap log. */
function swapEnd(file: string, base: number): number {
  let fd = -1;
  try {
    fd = fs.openSync(file, 'r');
    const sc = new BatchScanner(fd, 0, fs.fstatSync(fd).size, base, Infinity, 1024 * 1024);
    let next = base;
    while (sc.next() === 'ok') next = sc.lastOffset + 1;
    return next;
  } catch (err) {
    throw storageError(`reading ${file}`, err);
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}
