// Handing an accepted TCP connection from the acceptor thread to a processor worker.
//
// A net.Socket cannot be posted to a worker, but a file descriptor number can. The acceptor
// dup()s the accepted fd (close-on-exec), closes its own handle, and posts the duplicate; the
// worker adopts it with `new net.Socket({ fd, readable: true, writable: true })`. Posting the
// original fd and closing the acceptor's handle later is a real hazard: the number can be
// reused and writes land in an unrelated file. dup goes through libc via koffi; where that is
// unavailable, fdHandoffSupported() is false and the processor role runs on the main thread.
import * as net from 'net';
import { SamsaError } from '../runtime/samsa-error';

type Fcntl = (fd: number, cmd: number, ...args: unknown[]) => number;
type Close = (fd: number) => number;

interface Libc { fcntl: Fcntl; close: Close; errno: () => number; dupfdCloexec: number }

/** fcntl command numbers for F_DUPFD_CLOEXEC by platform. */
const F_DUPFD_CLOEXEC: Partial<Record<NodeJS.Platform, { lib: string; cmd: number }>> = {
  linux: { lib: 'libc.so.6', cmd: 1030 },
  darwin: { lib: 'libSystem.B.dylib', cmd: 67 },
};

let libc: Libc | null | undefined;
let loadError: unknown;

function loadLibc(): Libc | null {
  if (libc !== undefined) return libc;
  try {
    const target = F_DUPFD_CLOEXEC[process.platform];
    if (target === undefined) throw new Error(`no F_DUPFD_CLOEXEC mapping for platform ${process.platform}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const koffi = require('koffi') as typeof import('koffi');
    const lib = koffi.load(target.lib);
    libc = {
      fcntl: lib.func('int fcntl(int fd, int cmd, ...)') as Fcntl,
      close: lib.func('int close(int fd)') as Close,
      errno: () => koffi.errno(),
      dupfdCloexec: target.cmd,
    };
  } catch (err) {
    loadError = err;
    libc = null;
  }
  return libc;
}

function requireLibc(): Libc {
  const l = loadLibc();
  if (l === null) {
    const detail = loadError instanceof Error ? loadError.message : String(loadError);
    throw new SamsaError('SAMSA_ERR_INTERNAL', `fd handoff unavailable (koffi/libc could not be loaded: ${detail})`, { cause: loadError });
  }
  return l;
}

/** True when dupFd/detachSocket work here (koffi loads and libc has fcntl). */
export function fdHandoffSupported(): boolean {
  return loadLibc() !== null;
}

/** Duplicates `fd` with close-on-exec set; returns the new descriptor. */
export function dupFd(fd: number): number {
  if (!Number.isInteger(fd) || fd < 0) throw new SamsaError('SAMSA_ERR_INTERNAL', `dupFd: bad file descriptor ${fd}`);
  const l = requireLibc();
  const r = l.fcntl(fd, l.dupfdCloexec, 'int', 0);
  if (r < 0) throw new SamsaError('SAMSA_ERR_INTERNAL', `fcntl(${fd}, F_DUPFD_CLOEXEC) failed, errno ${l.errno()}`);
  return r;
}

/** Closes a raw descriptor (one that was dup'ed but never adopted, e.g. its worker died). */
export function closeFd(fd: number): void {
  const l = requireLibc();
  if (l.close(fd) !== 0) throw new SamsaError('SAMSA_ERR_INTERNAL', `close(${fd}) failed, errno ${l.errno()}`);
}

/**
 * Takes an accepted socket (from a server created with `pauseOnConnect: true`, so nothing
 * has been read on this thread), duplicates its fd, destroys the acceptor's handle (closing
 * the original fd) and returns the duplicate, ready to post to a worker. If the dup fails
 * (EMFILE...) it throws and leaves the socket untouched: serve it here or destroy it. A
 * duplicate that is never adopted (the worker died) must be released with closeFd().
 */
export function detachSocket(socket: net.Socket): number {
  const handle = (socket as unknown as { _handle?: { fd?: number; reading?: boolean } | null })._handle;
  if (handle == null || typeof handle.fd !== 'number' || handle.fd < 0) {
    throw new SamsaError('SAMSA_ERR_INTERNAL', 'detachSocket: socket has no open file descriptor');
  }
  if (handle.reading === true) {
    throw new SamsaError('SAMSA_ERR_INTERNAL', 'detachSocket: socket is already reading (create the server with pauseOnConnect: true)');
  }
  const fd = dupFd(handle.fd);
  socket.destroy();
  return fd;
}

/** The worker side: wraps a posted descriptor in a net.Socket. */
export function adoptSocket(fd: number): net.Socket {
  return new net.Socket({ fd, readable: true, writable: true });
}
