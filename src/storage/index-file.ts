// File handling shared by the offset and time indexes: a lazily opened fd, positional writes,
// whole-file rewrites (rebuilds), fsync, delete. Sync I/O: the log is owned by one actor.
// The fd is opened only for positional writes (the active segment's appends); a rewrite or an
// fsync of a file that is not open opens it only for that call, so loading, rebuilding and
// flushing indexes leaves no fd behind (one fd per partition after start-up, crash or not).
import * as fs from 'fs';
import { SamsaError } from '../runtime/samsa-error';
import { fsyncFd, fsyncPath } from './async-sync';

export function storageError(what: string, err: unknown): SamsaError {
  return new SamsaError('SAMSA_ERR_STORAGE', `${what}: ${(err as Error).message}`, { cause: err });
}

export class IndexFile {
  private fd = -1;
  private dirty = false;

  constructor(readonly path: string) {}

  /** Contents of the file, or null when it does not exist. */
  readAll(): Buffer | null {
    try {
      return fs.readFileSync(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw storageError(`reading ${this.path}`, err);
    }
  }

  exists(): boolean { return fs.existsSync(this.path); }

  writeAt(buf: Buffer, length: number, position: number): void {
    try {
      if (this.fd < 0) this.fd = fs.openSync(this.path, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
      fs.writeSync(this.fd, buf, 0, length, position);
      this.dirty = true;
    } catch (err) {
      throw storageError(`writing ${this.path}`, err);
    }
  }

  /** Replaces the whole file with buf. */
  rewrite(buf: Buffer): void {
    this.close();
    try {
      fs.writeFileSync(this.path, buf);
      this.dirty = true;
    } catch (err) {
      throw storageError(`writing ${this.path}`, err);
    }
  }

  /**
   * Replaces the whole file with buf unless it already holds exactly these bytes, or those of
   * `alternative` (a rebuild after a crash usually finds the index it would write: nothing is
   * written). Either way the file counts as dirty: bytes written before a crash may be in the
   * page cache only, so the next flush fsyncs them. Returns what the file now holds.
   */
  rewriteIfChanged(buf: Buffer, alternative?: Buffer): 'written' | 'same' | 'alternative' {
    const old = this.readAll();
    if (old !== null && (old.equals(buf) || (alternative !== undefined && old.equals(alternative)))) {
      this.dirty = true;
      return old.equals(buf) ? 'same' : 'alternative';
    }
    this.rewrite(buf);
    return 'written';
  }

  truncate(length: number): void {
    try {
      if (this.fd < 0) this.fd = fs.openSync(this.path, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
      fs.ftruncateSync(this.fd, length);
      this.dirty = true;
    } catch (err) {
      throw storageError(`truncating ${this.path}`, err);
    }
  }

  flush(): void {
    if (!this.dirty) return;
    if (this.fd >= 0) {
      try { fs.fsyncSync(this.fd); } catch (err) { throw storageError(`fsync ${this.path}`, err); }
      this.dirty = false;
      return;
    }
    // not open (rewritten by a rebuild): open just for the fsync
    let fd = -1;
    try {
      fd = fs.openSync(this.path, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
      fs.fsyncSync(fd);
      this.dirty = false;
    } catch (err) {
      throw storageError(`fsync ${this.path}`, err);
    } finally {
      if (fd >= 0) try { fs.closeSync(fd); } catch { /* fsync result already known */ }
    }
  }

  /** Async flush() for the shutdown path (the fd, if open, stays open; the owner closes it after). */
  async flushAsync(): Promise<void> {
    if (!this.dirty) return;
    if (this.fd >= 0) await fsyncFd(this.fd, this.path);
    else await fsyncPath(this.path);
    this.dirty = false;
  }

  /** Written since the last fsync. */
  get isDirty(): boolean { return this.dirty; }

  close(): void {
    if (this.fd >= 0) {
      try { fs.closeSync(this.fd); } catch { /* already gone */ }
      this.fd = -1;
    }
  }

  delete(): void {
    this.close();
    try { fs.unlinkSync(this.path); } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw storageError(`deleting ${this.path}`, err);
    }
  }
}
