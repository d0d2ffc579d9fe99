// File handling shared by the offset and time indexes: a lazily opened fd, positional writes,
// whole-file rewrites (rebuilds), fsync, delete. Sync I/O: the log is owned by one actor.
import * as fs from 'fs';
import { SamsaError } from '../runtime/samsa-error';

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
    try {
      if (this.fd < 0) this.fd = fs.openSync(this.path, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
      fs.fsyncSync(this.fd);
      this.dirty = false;
    } catch (err) {
      throw storageError(`fsync ${this.path}`, err);
    }
  }

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
