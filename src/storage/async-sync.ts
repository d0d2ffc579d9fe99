// Asynchronous fsync helpers for the shutdown path: the same durability steps as the sync code
// (fdatasync/fsync of files, atomic replace by temp file + fsync + rename + directory fsync), run
// on the libuv thread pool so that the fsyncs of many partitions overlap instead of queuing one
// after another on the owning thread.
import * as fs from 'fs';
import * as path from 'path';
import { storageError } from './index-file';

// fs is looked up at call time (not bound once), so tests can count the calls
function cb<T>(run: (done: (err: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value as T))));
}
const openP = (file: string, flags: string | number, mode?: number) => cb<number>((d) => fs.open(file, flags, mode, d));
const closeP = (fd: number) => cb<void>((d) => fs.close(fd, d));
const writeP = (fd: number, buf: Buffer, off: number, len: number, pos: number) => cb<number>((d) => fs.write(fd, buf, off, len, pos, d));
const fsyncP = (fd: number) => cb<void>((d) => fs.fsync(fd, d));
const fdatasyncP = (fd: number) => cb<void>((d) => fs.fdatasync(fd, d));
const renameP = (from: string, to: string) => cb<void>((d) => fs.rename(from, to, d));

export function fsyncFd(fd: number, what: string): Promise<void> {
  return fsyncP(fd).catch((err: unknown) => { throw storageError(`fsync ${what}`, err); });
}

export function fdatasyncFd(fd: number, what: string): Promise<void> {
  return fdatasyncP(fd).catch((err: unknown) => { throw storageError(`fsync ${what}`, err); });
}

/** Opens `file` (which must exist or is created empty), fsyncs it and closes it. */
export async function fsyncPath(file: string): Promise<void> {
  let fd = -1;
  try {
    fd = await openP(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
    await fsyncP(fd);
  } catch (err) {
    throw storageError(`fsync ${file}`, err);
  } finally {
    if (fd >= 0) await closeP(fd).catch(() => undefined);
  }
}

/** fsync of a directory (makes creates, renames and unlinks in it durable); tolerated where refused. */
export async function fsyncDirAsync(dir: string): Promise<void> {
  let fd = -1;
  try {
    fd = await openP(dir, 'r');
    await fsyncP(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR') throw storageError(`fsync ${dir}`, err);
  } finally {
    if (fd >= 0) await closeP(fd).catch(() => undefined);
  }
}

/**
 * The first half of an atomic replace: `<file>.tmp` written and fsynced. It can run while other
 * files are being fsynced; commitTempFile() then renames it over `file` and fsyncs the directory.
 */
export async function writeTempFile(file: string, data: string | Buffer): Promise<string> {
  const tmp = `${file}.tmp`;
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    const fd = await openP(tmp, 'w', 0o644);
    try {
      for (let written = 0; written < buf.length;) written += await writeP(fd, buf, written, buf.length - written, written);
      await fsyncP(fd);
    } finally {
      await closeP(fd);
    }
  } catch (err) {
    throw storageError(`writing ${tmp}`, err);
  }
  return tmp;
}

/** The second half: rename the fsynced temp file over `file`, then fsync the directory. */
export async function commitTempFile(tmp: string, file: string): Promise<void> {
  try { await renameP(tmp, file); } catch (err) { throw storageError(`writing ${file}`, err); }
  await fsyncDirAsync(path.dirname(file));
}

/** Runs `fn` over items with at most `limit` running at once; resolves to the errors (in item order, undefined for successes). */
export async function forEachBounded<T>(items: Iterable<T>, limit: number, fn: (item: T) => Promise<void>): Promise<(unknown | undefined)[]> {
  const list = [...items];
  const errors: (unknown | undefined)[] = new Array(list.length).fill(undefined);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < list.length) {
      const i = next++;
      try { await fn(list[i]); } catch (err) { errors[i] = err === undefined ? new Error('failed') : err; }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, list.length)) }, lane));
  return errors;
}
