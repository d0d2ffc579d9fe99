// The in-process link pair: ordered, asynchronous, both directions, payloads joined, closing.
import { expect } from 'chai';
import { createLocalLinkPair } from '../../../src/runtime/link';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('runtime/link: local link pair', () => {
  it('delivers envelopes in send order, after the sender returns', async () => {
    const [a, b] = createLocalLinkPair();
    const got: number[] = [];
    b.onMessage((env) => got.push(env.n));
    for (let n = 0; n < 100; n++) a.send({ n });
    expect(got).to.deep.equal([]);
    await tick();
    expect(got).to.deep.equal(Array.from({ length: 100 }, (_, n) => n));
    a.close();
  });

  it('keeps order across flushes and while the receiver sends back', async () => {
    const [a, b] = createLocalLinkPair();
    const atB: number[] = [];
    const atA: number[] = [];
    b.onMessage((env) => { atB.push(env.n); b.send({ n: env.n * 10 }); if (env.n === 1) a.send({ n: 3 }); });
    a.onMessage((env) => atA.push(env.n));
    a.send({ n: 1 });
    a.send({ n: 2 });
    await tick();
    await tick();
    await tick();
    expect(atB).to.deep.equal([1, 2, 3]);
    expect(atA).to.deep.equal([10, 20, 30]);
    expect(a.backlogBytes).to.equal(0);
    a.close();
  });

  it('passes a payload through; a list of buffers arrives as one buffer; no payload is null', async () => {
    const [a, b] = createLocalLinkPair();
    const got: (Buffer | null)[] = [];
    b.onMessage((_env, payload) => got.push(payload));
    const one = Buffer.from('one');
    a.send({}, one);
    a.send({}, [Buffer.from('ab'), Buffer.from('cd')]);
    a.send({}, [Buffer.from('solo')]);
    a.send({});
    await tick();
    expect(got[0]).to.equal(one);
    expect(got.slice(1).map((p) => p && p.toString())).to.deep.equal(['abcd', 'solo', null]);
    a.close();
  });

  it('after close neither end can send, and queued messages are dropped', async () => {
    const [a, b] = createLocalLinkPair();
    const got: unknown[] = [];
    b.onMessage((env) => got.push(env));
    a.send({ n: 1 });
    b.close();
    expect(() => a.send({ n: 2 })).to.throw(/closed/);
    expect(() => b.send({ n: 3 })).to.throw(/closed/);
    await tick();
    expect(got).to.deep.equal([]);
  });
});
