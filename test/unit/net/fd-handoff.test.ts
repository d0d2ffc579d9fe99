import { expect } from 'chai';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { dupFd, detachSocket, fdHandoffSupported, closeFd } from '../../../src/net/fd-handoff';

const ECHO = path.join(__dirname, 'fixtures', 'echo-worker.js');
const openFds = (): number => fs.readdirSync('/proc/self/fd').length;

function echoOnce(port: number, payload: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const c = net.connect(port, '127.0.0.1', () => c.write(payload));
    c.on('data', (d) => {
      chunks.push(d);
      got += d.length;
      if (got >= payload.length) c.end();
    });
    c.on('close', () => resolve(Buffer.concat(chunks)));
    c.on('error', reject);
  });
}

describe('net/fd-handoff', () => {
  before(function () {
    if (!fdHandoffSupported() || !fs.existsSync('/proc/self/fd')) this.skip();
  });

  it('dups a descriptor with close-on-exec and rejects bad ones', () => {
    const fd = fs.openSync(__filename, 'r');
    const dup = dupFd(fd);
    expect(dup).to.not.equal(fd);
    const fdinfo = fs.readFileSync(`/proc/self/fdinfo/${dup}`, 'utf8');
    const flags = parseInt(/flags:\s+(\d+)/.exec(fdinfo)![1], 8);
    expect(flags & 0o2000000).to.not.equal(0); // O_CLOEXEC
    closeFd(dup);
    fs.closeSync(fd);
    expect(() => dupFd(-1)).to.throw(/bad file descriptor/);
    expect(() => dupFd(fd)).to.throw(/errno 9/); // EBADF: fd is closed now
  });

  it('hands 1000 accepted connections to 2 workers that echo each one, leaking no fds', async function () {
    this.timeout(60000);
    const fdsBefore = openFds();
    const workers = [new Worker(ECHO), new Worker(ECHO)];
    let closed = 0;
    for (const w of workers) w.on('message', (m: { closed?: number }) => { closed += m.closed ?? 0; });
    let next = 0;
    const server = net.createServer({ pauseOnConnect: true }, (socket) => {
      const fd = detachSocket(socket);
      workers[next++ % workers.length].postMessage({ fd });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;

    const N = 1000;
    const BATCH = 100;
    let mismatches = 0;
    for (let start = 0; start < N; start += BATCH) {
      await Promise.all(Array.from({ length: BATCH }, async (_, k) => {
        const i = start + k;
        const payload = Buffer.alloc(64 + (i % 17) * 100, `client-${i};`);
        const back = await echoOnce(port, payload);
        if (!back.equals(payload)) mismatches++;
      }));
    }
    expect(mismatches).to.equal(0);
    expect(next).to.equal(N);
    while (closed < N) await new Promise((r) => setTimeout(r, 10));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all(workers.map((w) => w.terminate()));
    expect(openFds()).to.be.at.most(fdsBefore + 4);
  });

  it('refuses a socket that is already reading', async () => {
    const server = net.createServer((socket) => {
      try { detachSocket(socket); } catch (err) { socket.destroy(); server.emit('refused', err); }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const refused = new Promise<unknown>((resolve) => server.once('refused', resolve));
    const c = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    c.on('error', () => undefined);
    expect(String(await refused)).to.match(/pauseOnConnect/);
    c.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
