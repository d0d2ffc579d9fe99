// Request/reply over a link: ids, out-of-order replies, tell, one reply per request,
// errors crossing as SamsaError codes, failAll.
import { expect } from 'chai';
import { Channel } from '../../../src/runtime/channel';
import { createLocalLinkPair, type Link } from '../../../src/runtime/link';
import { RpcClient, serveRpc, type RpcHandler } from '../../../src/runtime/rpc';
import { SamsaError, SamsaErrors } from '../../../src/runtime/samsa-error';

describe('runtime/rpc', () => {
  let links: Link[] = [];
  function pair(handler: RpcHandler): RpcClient {
    const [client, server] = createLocalLinkPair();
    links.push(client);
    serveRpc(server, handler);
    return new RpcClient(client);
  }
  afterEach(() => { for (const l of links) l.close(); links = []; });

  it('numbers asks from 1 and each reply resolves its own ask, even out of order', async () => {
    const held: ((v: number) => void)[] = [];
    const seenIds: number[] = [];
    const rpc = pair((env, _p, reply) => { seenIds.push(env.id); held.push((v) => reply({ v })); });
    const asks = [rpc.ask({ q: 'a' }), rpc.ask({ q: 'b' }), rpc.ask({ q: 'c' })];
    expect(rpc.inFlight).to.equal(3);
    await new Promise((r) => setImmediate(r));
    expect(seenIds).to.deep.equal([1, 2, 3]);
    held[2](30);
    held[0](10);
    held[1](20);
    const res = await Promise.all(asks);
    expect(res.map((r) => [r.env.id, r.env.v])).to.deep.equal([[1, 10], [2, 20], [3, 30]]);
    expect(rpc.inFlight).to.equal(0);
  });

  it('carries payloads both ways', async () => {
    const rpc = pair((env, payload, reply) => reply({ n: payload!.length }, [payload!, Buffer.from('!')]));
    const { env, payload } = await rpc.ask({}, Buffer.from('hello'));
    expect(env.n).to.equal(5);
    expect(payload!.toString()).to.equal('hello!');
  });

  it('over a ring channel the handler gets a view of ring memory; the asker gets a copy it may keep', async () => {
    const sabs = Channel.create(64 * 1024);
    const client = new Channel(sabs, 'a');
    const server = new Channel(sabs, 'b');
    links.push(client);
    let shared: boolean | null = null;
    serveRpc(server, (_env, payload, reply) => {
      shared = payload!.buffer instanceof SharedArrayBuffer;
      reply({ n: payload!.length }, Buffer.from(payload!)); // a handler that replies with the bytes copies them
    });
    const rpc = new RpcClient(client);
    const { env, payload } = await rpc.ask({}, Buffer.from('in the ring'));
    expect([shared, env.n, payload!.toString(), payload!.buffer instanceof SharedArrayBuffer]).to.deep.equal([true, 11, 'in the ring', false]);
  });

  it('tell sends id 0 and gets no reply even if the handler replies', async () => {
    const seen: number[] = [];
    const rpc = pair((env, _p, reply) => { seen.push(env.id); reply({ echo: true }); });
    rpc.tell({ op: 'x' });
    const r = await rpc.ask({ op: 'y' });
    expect(seen).to.deep.equal([0, 1]);
    expect(r.env.id).to.equal(1);
    expect(rpc.inFlight).to.equal(0);
  });

  it('a second reply to the same ask is ignored', async () => {
    const rpc = pair((_env, _p, reply) => { reply({ v: 1 }); reply({ v: 2 }); });
    const first = await rpc.ask({});
    const second = await rpc.ask({});
    expect([first.env.v, second.env.v]).to.deep.equal([1, 1]);
  });

  it('a thrown SamsaError crosses with its code; anything else is SAMSA_ERR_INTERNAL', async () => {
    const rpc = pair((env) => {
      if (env.kind === 'samsa') throw new SamsaError('SAMSA_ERR_STORAGE', 'disk on fire');
      throw new TypeError('plain bug');
    });
    const errs: unknown[] = [];
    for (const kind of ['samsa', 'plain']) {
      try { await rpc.ask({ kind }); } catch (e) { errs.push(e); }
    }
    expect(errs.map((e) => (e as SamsaError).code)).to.deep.equal(['SAMSA_ERR_STORAGE', 'SAMSA_ERR_INTERNAL']);
    expect(errs.every((e) => e instanceof SamsaError)).to.equal(true);
    expect((errs[0] as SamsaError).kafkaError).to.equal(SamsaErrors.SAMSA_ERR_STORAGE.kafkaError);
    expect((errs[0] as Error).message).to.contain('disk on fire');
    expect((errs[1] as Error).message).to.contain('plain bug');
    expect(rpc.inFlight).to.equal(0);
  });

  it('failAll rejects everything in flight with the given error; late replies are dropped', async () => {
    const held: (() => void)[] = [];
    const rpc = pair((_env, _p, reply) => held.push(() => reply({ late: true })));
    const asks = [rpc.ask({}), rpc.ask({})].map((p) => p.then(() => 'resolved', (e) => e));
    await new Promise((r) => setImmediate(r));
    const gone = new SamsaError('SAMSA_ERR_WORKER_LOST', 'handler 0');
    rpc.failAll(gone);
    expect(await Promise.all(asks)).to.deep.equal([gone, gone]);
    for (const h of held) h();
    await new Promise((r) => setImmediate(r));
    expect(rpc.inFlight).to.equal(0);
  });

  it('an ask on a closed link rejects at once and leaves nothing in flight', async () => {
    const rpc = pair(() => undefined);
    links[0].close();
    let err: unknown;
    try { await rpc.ask({}); } catch (e) { err = e; }
    expect((err as Error).message).to.match(/closed/);
    expect(rpc.inFlight).to.equal(0);
  });
});
