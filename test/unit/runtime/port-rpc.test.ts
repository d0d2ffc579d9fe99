// Control-plane request/reply over real MessagePorts: results, async handlers, errors as
// SamsaError codes, messages that are not ours, failAll.
import { expect } from 'chai';
import { MessageChannel, type MessagePort } from 'worker_threads';
import { PortRpc } from '../../../src/runtime/port-rpc';
import { SamsaError } from '../../../src/runtime/samsa-error';

describe('runtime/port-rpc', () => {
  let ports: MessagePort[] = [];
  function pair(): [PortRpc, PortRpc, MessagePort, MessagePort] {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    return [new PortRpc(port1), new PortRpc(port2), port1, port2];
  }
  afterEach(() => { for (const p of ports) p.close(); ports = []; });

  it('call resolves with the handler result, sync or async, each call its own', async () => {
    const [a, b] = pair();
    b.serve(async (op, args: any) => {
      if (op === 'slow') { await new Promise((r) => setTimeout(r, 5)); return { slow: args.n }; }
      return { [op]: args };
    });
    const res = await Promise.all([a.call('slow', { n: 1 }), a.call('fast', [1, 2]), a.call('none')]);
    expect(res).to.deep.equal([{ slow: 1 }, { fast: [1, 2] }, { none: undefined }]);
  });

  it('both sides can serve and call at once', async () => {
    const [a, b] = pair();
    a.serve((op) => `a:${op}`);
    b.serve((op) => `b:${op}`);
    expect(await Promise.all([a.call('x'), b.call('y')])).to.deep.equal(['b:x', 'a:y']);
  });

  it('errors come back as SamsaError with the code; plain errors as SAMSA_ERR_INTERNAL; no handler is an error', async () => {
    const [a, b] = pair();
    const [c] = pair(); // nobody serves c's peer
    b.serve(async (op) => {
      if (op === 'config') throw new SamsaError('SAMSA_ERR_CONFIG', 'bad key');
      throw new RangeError('oops');
    });
    const errs: unknown[] = [];
    for (const p of [a.call('config'), a.call('other'), c.call('anything')]) {
      try { await p; } catch (e) { errs.push(e); }
    }
    expect(errs.map((e) => (e as SamsaError).code)).to.deep.equal(['SAMSA_ERR_CONFIG', 'SAMSA_ERR_INTERNAL', 'SAMSA_ERR_INTERNAL']);
    expect(errs.every((e) => e instanceof SamsaError)).to.equal(true);
    expect((errs[0] as Error).message).to.contain('bad key');
    expect((errs[1] as Error).message).to.contain('oops');
    expect((errs[2] as Error).message).to.contain('no handler for anything');
  });

  it('messages without an rpc field go to onOther, in order', async () => {
    const [a, , p1, p2] = pair();
    const other: unknown[] = [];
    const done = new Promise<void>((resolve) => a.onOther((m) => { other.push(m); if (other.length === 3) resolve(); }));
    p2.postMessage({ type: 'catalog', v: 1 });
    p2.postMessage('text');
    p2.postMessage({ type: 'catalog', v: 2 });
    await done;
    expect(other).to.deep.equal([{ type: 'catalog', v: 1 }, 'text', { type: 'catalog', v: 2 }]);
    expect(p1).to.not.equal(undefined);
  });

  it('failAll rejects pending calls; a late response is ignored', async () => {
    const [a, b] = pair();
    let release!: () => void;
    b.serve((op) => (op === 'ping' ? 'pong' : new Promise((r) => { release = () => r('late'); })));
    const pending = a.call('wait').then(() => 'resolved', (e) => e);
    expect(await a.call('ping')).to.equal('pong'); // 'wait' has reached the server
    const err = new Error('peer exited');
    a.failAll(err);
    expect(await pending).to.equal(err);
    release();
    // the late response for the failed call arrives before this reply and is dropped
    expect(await a.call('ping')).to.equal('pong');
  });

});
