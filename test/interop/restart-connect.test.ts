// A client that reconnects while the broker restarts on the same port (as the Kafka clients in
// the kill -9 tests do) is served once the broker is up, and does not hold up its shutdown.
import { expect } from 'chai';
import * as net from 'net';
import { ChildBroker } from '../helpers/child-broker';
import { startInteropBroker } from './setup';

// ApiVersions v0: size, api key 18, version 0, correlation id 7, client id "x"
const API_VERSIONS_V0 = Buffer.from([0, 0, 0, 11, 0, 18, 0, 0, 0, 0, 0, 7, 0, 1, 0x78]);

function connectOnce(port: number): Promise<net.Socket | null> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => resolve(s));
    s.once('error', () => { s.destroy(); resolve(null); });
  });
}

describe('interop: connecting while the broker restarts', function () {
  this.timeout(60_000);
  let broker: ChildBroker | undefined;
  let socket: net.Socket | null = null;
  after(async () => {
    socket?.destroy();
    await broker?.cleanup();
  });

  it('a connection accepted during startup is answered, and SIGTERM still stops the broker', async () => {
    broker = await startInteropBroker();
    await broker.kill();
    let trying = true;
    const connecting = (async () => {
      while (trying && !socket) {
        socket = await connectOnce(broker!.port);
        if (!socket) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const restarted = broker.restart({ samePort: true });
    await Promise.race([connecting, restarted]);
    await restarted;
    trying = false;
    await connecting;
    expect(socket, 'connected').to.not.equal(null);
    const s = socket!;
    const answer = await new Promise<Buffer | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 10_000);
      s.once('data', (d: Buffer) => { clearTimeout(timer); resolve(d); });
      s.write(API_VERSIONS_V0);
    });
    expect(answer, 'ApiVersions answered').to.not.equal(null);
    expect(answer!.readInt32BE(4), 'correlation id').to.equal(7);
    s.destroy();
    socket = null;
    await broker.stop(10_000);
  });
});
