import { expect } from 'chai';
import { PassThrough } from 'stream';
import { main } from '../../../src/cli/main';

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const input = new PassThrough();
  input.end(stdin);
  let o = '';
  let e = '';
  out.on('data', (d) => { o += d; });
  err.on('data', (d) => { e += d; });
  const code = await main(args, { stdin: input, stdout: out, stderr: err });
  return { code, out: o, err: e };
}

describe('cli/main', () => {
  it('prints usage and fails without arguments; --help succeeds', async () => {
    const none = await run([]);
    expect(none.code).to.equal(1);
    expect(none.err).to.include('Usage: samsa');
    const help = await run(['--help']);
    expect(help.code).to.equal(0);
    expect(help.out).to.include('console-producer');
    const topicsHelp = await run(['topics', '--help']);
    expect(topicsHelp.code).to.equal(0);
    expect(topicsHelp.out).to.include('--replication-factor');
  });

  it('rejects unknown commands and options', async () => {
    const cmd = await run(['frobnicate']);
    expect(cmd.code).to.equal(1);
    expect(cmd.err).to.include("unknown command 'frobnicate'");
    const opt = await run(['topics', '--list', '--bootstrap-server', 'h:1', '--frob']);
    expect(opt.code).to.equal(1);
    expect(opt.err).to.include("unknown option '--frob'");
    const missing = await run(['topics', '--list', '--bootstrap-server']);
    expect(missing.code).to.equal(1);
    expect(missing.err).to.include('argument missing');
  });

  it('topics: needs exactly one action, a bootstrap server and a topic where required', async () => {
    let r = await run(['topics', '--bootstrap-server', 'h:1']);
    expect(r.code).to.equal(1);
    expect(r.err).to.include('exactly one action');
    r = await run(['topics', '--list', '--describe', '--bootstrap-server', 'h:1']);
    expect(r.err).to.include('exactly one action');
    r = await run(['topics', '--list']);
    expect(r.err).to.include('bootstrap-server');
    r = await run(['topics', '--create', '--bootstrap-server', 'h:1']);
    expect(r.err).to.include('[topic]');
    r = await run(['topics', '--create', '--bootstrap-server', 'h:1', '--topic', 't', '--partitions', 'many']);
    expect(r.code).to.equal(1);
    expect(r.err).to.include("Invalid value 'many' for --partitions");
    r = await run(['topics', '--create', '--bootstrap-server', 'h:1', '--topic', 't', '--partitions', '0']);
    expect(r.err).to.include('at least 1');
    r = await run(['topics', '--create', '--bootstrap-server', 'h:1', '--topic', 't', '--config', 'novalue']);
    expect(r.err).to.include("Invalid --config 'novalue'");
    r = await run(['topics', '--list', '--bootstrap-server', 'h:1', '--partitions', '3']);
    expect(r.err).to.include('only be used with --create or --alter');
    r = await run(['topics', '--alter', '--bootstrap-server', 'h:1', '--topic', 't']);
    expect(r.err).to.include('--alter needs --partitions');
    r = await run(['topics', '--list', '--bootstrap-server', 'nohostport']);
    expect(r.code).to.equal(1);
    expect(r.err).to.include("invalid bootstrap server 'nohostport'");
  });

  it('console-producer: required flags and bad values', async () => {
    let r = await run(['console-producer', '--topic', 't']);
    expect(r.code).to.equal(1);
    expect(r.err).to.include('bootstrap-server');
    r = await run(['console-producer', '--bootstrap-server', 'h:1']);
    expect(r.err).to.include('[topic]');
    r = await run(['console-producer', '--bootstrap-server', 'h:1', '--topic', 't', '--request-required-acks', '2']);
    expect(r.err).to.include('--request-required-acks');
    r = await run(['console-producer', '--bootstrap-server', 'h:1', '--topic', 't', '--compression-codec', 'brotli']);
    expect(r.err).to.include("Invalid compression codec 'brotli'");
    r = await run(['console-producer', '--bootstrap-server', 'h:1', '--topic', 't', '--property', 'parse.key=maybe']);
    expect(r.err).to.include('parse.key');
  });

  it('console-consumer: flag combinations and bad values', async () => {
    let r = await run(['console-consumer', '--bootstrap-server', 'h:1', '--topic', 't', '--offset', '3']);
    expect(r.code).to.equal(1);
    expect(r.err).to.include('partition is required');
    r = await run(['console-consumer', '--bootstrap-server', 'h:1', '--topic', 't', '--partition', '0', '--offset', '3', '--from-beginning']);
    expect(r.err).to.include('from-beginning');
    r = await run(['console-consumer', '--bootstrap-server', 'h:1', '--topic', 't', '--partition', '0', '--offset', 'middle']);
    expect(r.err).to.include("Invalid value 'middle' for --offset");
    r = await run(['console-consumer', '--bootstrap-server', 'h:1', '--topic', 't', '--max-messages', '0']);
    expect(r.err).to.include('--max-messages');
    r = await run(['console-consumer', '--topic', 't']);
    expect(r.err).to.include('bootstrap-server');
  });

  it('server start: an invalid config value or file fails with the key named', async () => {
    let r = await run(['server', 'start', '--override', 'num.partitions=-1']);
    expect(r.code).to.equal(1);
    expect(r.err).to.include('num.partitions').and.include('-1');
    r = await run(['server', 'start', '--override', 'listeners']);
    expect(r.code).to.equal(1);
    expect(r.err).to.include("Invalid override 'listeners'");
    r = await run(['server', 'start', '/no/such/server.properties']);
    expect(r.code).to.equal(1);
    expect(r.err).to.include('/no/such/server.properties');
  });
});
