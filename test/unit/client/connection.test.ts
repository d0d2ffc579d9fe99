import { expect } from 'chai';
import * as net from 'net';
import { Connection } from '../../../src/client/connection';
import { ConnectionError, RequestTimeoutError, UnsupportedVersionError } from '../../../src/client/errors';
import { apiVersionRange } from '../../../src/protocol/apis';
import { FakeBroker } from './fake-broker';

const METADATA = 3;

describe('client/connection', () => {
  let broker: FakeBroker;
  beforeEach(async () => { broker = new FakeBroker(); await broker.start(); broker.withTopics({ t: 2 }); });
  afterEach(async () => { await broker.stop(); });

  it('negotiates the highest version both sides support', async () => {
    broker.maxVersions.set(METADATA, 7);
    const c = new Connection({ host: '127.0.0.1', port: broker.port });
    await c.connect();
    expect(c.versionFor(METADATA)).to.equal(7);
    expect(c.versionFor(0)).to.equal(Math.min(apiVersionRange(0)!.max, 12));
    const res = await c.request(METADATA, { topics: null, allowAutoTopicCreation: false });
    expect(res.topics.map((t: any) => t.name)).to.deep.equal(['t']);
    expect(broker.requests.find((r) => r.header.apiKey === METADATA)!.header.apiVersion).to.equal(7);
    expect(broker.requests[0].header.clientId).to.equal('samsa-client');
    expect(broker.requests[0].body.clientSoftwareName).to.equal('samsa');
    expect(() => c.versionFor(9999)).to.throw(UnsupportedVersionError);
    await c.close();
  });

  it('pipelines requests and matches responses by correlation id, in any order', async () => {
    let n = 0;
    const delays = [60, 10, 30, 0, 20];
    broker.handlers.set(METADATA, (body) => new Promise((r) => setTimeout(() => r({
      throttleTimeMs: 0, brokers: [], clusterId: body.topics[0].name, controllerId: 1, topics: [],
    }), delays[n++ % delays.length])));
    const c = new Connection({ host: '127.0.0.1', port: broker.port });
    const names = ['a', 'b', 'c', 'd', 'e'];
    const results = await Promise.all(names.map((name) =>
      c.request(METADATA, { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name }], allowAutoTopicCreation: false })));
    expect(results.map((r: any) => r.clusterId)).to.deep.equal(names);
    // all five were sent before the first answer came back
    expect(broker.requestsFor(METADATA)).to.have.length(5);
    await c.close();
  });

  it('times out a request that gets no answer, and stays usable', async () => {
    broker.handlers.set(METADATA, (body) => (body.topics?.[0]?.name === 'silent' ? undefined
      : { throttleTimeMs: 0, brokers: [], clusterId: 'ok', controllerId: 1, topics: [] }));
    const c = new Connection({ host: '127.0.0.1', port: broker.port, requestTimeoutMs: 150 });
    const t0 = Date.now();
    let err: unknown;
    try { await c.request(METADATA, { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'silent' }] }); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(RequestTimeoutError);
    expect(Date.now() - t0).to.be.lessThan(1000);
    const ok = await c.request(METADATA, { topics: null });
    expect(ok.clusterId).to.equal('ok');
    await c.close();
  });

  it('fails in-flight requests with ConnectionError when the broker drops the connection', async () => {
    broker.handlers.set(METADATA, () => undefined);
    const c = new Connection({ host: '127.0.0.1', port: broker.port });
    await c.connect();
    const p = c.request(METADATA, { topics: null });
    setTimeout(() => broker.dropConnections(), 30);
    let err: unknown;
    try { await p; } catch (e) { err = e; }
    expect(err).to.be.instanceOf(ConnectionError);
    expect((err as Error).message).to.include(`127.0.0.1:${broker.port}`);
    expect(c.isConnected).to.equal(false);
    // reconnects on the next request
    broker.withTopics({ t: 1 });
    const res = await c.request(METADATA, { topics: null });
    expect(res.topics).to.have.length(1);
    await c.close();
  });

  it('reports a refused connection clearly', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const c = new Connection({ host: '127.0.0.1', port });
    let err: unknown;
    try { await c.connect(); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(ConnectionError);
    expect((err as Error).message).to.match(/127\.0\.0\.1:\d+.*ECONNREFUSED/);
  });

  it('a request with expectResponse=false resolves once written', async () => {
    broker.handlers.set(0, () => undefined);
    const c = new Connection({ host: '127.0.0.1', port: broker.port });
    const res = await c.request(0, { transactionalId: null, acks: 0, timeoutMs: 1000, topicData: [] }, { expectResponse: false });
    expect(res).to.equal(null);
    expect(c.inFlightCount).to.equal(0);
    await c.close();
  });
});
