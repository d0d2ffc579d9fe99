import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadServerConfig, buildServerConfig, ConfigError, defaultServerConfig } from '../../../src/config/server-config';

function expectConfigError(overrides: string[], key: string, value: string): void {
  try { loadServerConfig(undefined, overrides); } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    expect((e as Error).message).to.include(key).and.include(value);
    return;
  }
  expect.fail(`no ConfigError for ${overrides.join(' ')}`);
}

function tmpProps(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'samsa-cfg-'));
  const f = join(dir, 'server.properties');
  writeFileSync(f, text);
  return f;
}

describe('config/server-config', () => {
  it('has Kafka defaults when nothing is given', () => {
    const { config, warnings } = loadServerConfig(undefined, []);
    expect(warnings).to.deep.equal([]);
    expect(config.listeners).to.deep.equal([{ name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: '', port: 9092 }]);
    expect(config.advertisedListeners).to.deep.equal(config.listeners);
    expect(config.logDirs).to.deep.equal(['/tmp/samsa-logs']);
    expect(config.numPartitions).to.equal(1);
    expect(config.autoCreateTopicsEnable).to.equal(true);
    expect(config.logSegmentBytes).to.equal(1073741824);
    expect(config.logRetentionMs).to.equal(168 * 3600000);
    expect(config.logRetentionBytes).to.equal(-1);
    expect(config.logRollMs).to.equal(168 * 3600000);
    expect(config.messageMaxBytes).to.equal(1048588);
    expect(config.logMessageTimestampType).to.equal('CreateTime');
    expect(config.offsetsTopicNumPartitions).to.equal(50);
    expect(config.groupInitialRebalanceDelayMs).to.equal(3000);
    expect(config.logFlushIntervalMessages).to.equal(Number.MAX_SAFE_INTEGER);
    expect(config.samsaLogFsyncOnAppend).to.equal(false);
    expect(config.samsaThreading).to.equal('workers');
    expect(config.clusterId).to.equal(null);
    expect(config.raw).to.deep.equal({});
  });

  it('reads a file and overrides win over it', () => {
    const f = tmpProps('num.partitions=3\nlog.dirs=/a,/b\nlisteners=PLAINTEXT://127.0.0.1:0\n');
    const { config } = loadServerConfig(f, ['num.partitions=7', 'samsa.threading=single']);
    expect(config.numPartitions).to.equal(7);
    expect(config.logDirs).to.deep.equal(['/a', '/b']);
    expect(config.listeners[0]).to.include({ host: '127.0.0.1', port: 0 });
    expect(config.samsaThreading).to.equal('single');
    expect(config.raw['num.partitions']).to.equal('7');
  });

  it('an invalid value throws ConfigError naming key and value', () => {
    expect(() => loadServerConfig(undefined, ['num.partitions=zero'])).to.throw(ConfigError, /num\.partitions/)
      .with.property('message').that.includes('zero');
    expect(() => loadServerConfig(undefined, ['num.partitions=0'])).to.throw(ConfigError, /Invalid value 0 for configuration num\.partitions: Value must be at least 1/);
    expectConfigError(['auto.create.topics.enable=yes'], 'auto.create.topics.enable', 'yes');
    expectConfigError(['log.message.timestamp.type=Now'], 'log.message.timestamp.type', 'Now');
    expectConfigError(['message.max.bytes=99999999999'], 'message.max.bytes', '99999999999');
    expectConfigError(['samsa.threading=many'], 'samsa.threading', 'many');
    expectConfigError(['log.retention.bytes=1e9'], 'log.retention.bytes', '1e9');
    expectConfigError(['log.cleaner.min.cleanable.ratio=2'], 'log.cleaner.min.cleanable.ratio', '2');
    try { loadServerConfig(undefined, ['log.segment.bytes=abc']); expect.fail('no throw'); } catch (e) {
      expect(e).to.be.instanceOf(ConfigError);
      expect((e as ConfigError).key).to.equal('log.segment.bytes');
      expect((e as ConfigError).value).to.equal('abc');
    }
  });

  it('bad listeners are errors naming the key', () => {
    expectConfigError(['listeners=localhost:9092'], 'listeners', 'localhost:9092');
    expect(() => loadServerConfig(undefined, ['listeners=PLAINTEXT://:70000'])).to.throw(ConfigError, /listeners/);
    expect(() => loadServerConfig(undefined, ['listeners=FOO://:9092'])).to.throw(ConfigError, /FOO/);
    expect(() => loadServerConfig(undefined, ['listeners=SSL://:9093'])).to.throw(ConfigError, /PLAINTEXT only/);
    expect(() => loadServerConfig(undefined, ['advertised.listeners=OTHER://h:1'])).to.throw(ConfigError, /advertised\.listeners/);
  });

  it('parses several listeners, IPv6 and a listener protocol map; drops controller listeners', () => {
    const { config, warnings } = loadServerConfig(undefined, [
      'listeners=PLAINTEXT://[::1]:9092,INTERNAL://0.0.0.0:9094,CONTROLLER://:9093',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'controller.listener.names=CONTROLLER',
      'advertised.listeners=PLAINTEXT://broker.example:19092',
    ]);
    expect(config.listeners.map((l) => [l.name, l.host, l.port])).to.deep.equal([['PLAINTEXT', '::1', 9092], ['INTERNAL', '0.0.0.0', 9094]]);
    expect(config.advertisedListeners.map((l) => [l.name, l.host, l.port])).to.deep.equal([['PLAINTEXT', 'broker.example', 19092], ['INTERNAL', '0.0.0.0', 9094]]);
    expect(warnings.some((w) => /CONTROLLER/.test(w))).to.equal(true);
  });

  it('an unknown key is a warning, not an error; known Kafka-only keys are silent', () => {
    const { warnings, config } = loadServerConfig(undefined, ['no.such.key=1', 'process.roles=broker,controller']);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('no.such.key');
    expect(config.raw['no.such.key']).to.equal('1');
  });

  it('retention precedence: ms > minutes > hours; negative ms = unlimited', () => {
    expect(buildServerConfig({ 'log.retention.hours': '2' }).config.logRetentionMs).to.equal(7200000);
    expect(buildServerConfig({ 'log.retention.hours': '2', 'log.retention.minutes': '3' }).config.logRetentionMs).to.equal(180000);
    expect(buildServerConfig({ 'log.retention.hours': '2', 'log.retention.minutes': '3', 'log.retention.ms': '5000' }).config.logRetentionMs).to.equal(5000);
    expect(buildServerConfig({ 'log.retention.ms': '-1' }).config.logRetentionMs).to.equal(-1);
    expect(buildServerConfig({ 'log.retention.ms': '-5' }).config.logRetentionMs).to.equal(-1);
  });

  it('roll: log.roll.ms wins over log.roll.hours; flush.ms falls back to the scheduler interval', () => {
    expect(buildServerConfig({ 'log.roll.hours': '1' }).config.logRollMs).to.equal(3600000);
    expect(buildServerConfig({ 'log.roll.hours': '1', 'log.roll.ms': '10' }).config.logRollMs).to.equal(10);
    expect(buildServerConfig({ 'log.flush.scheduler.interval.ms': '2000' }).config.logFlushIntervalMs).to.equal(2000);
    expect(buildServerConfig({ 'log.flush.scheduler.interval.ms': '2000', 'log.flush.interval.ms': '5' }).config.logFlushIntervalMs).to.equal(5);
  });

  it('node.id and its alias broker.id', () => {
    expect(defaultServerConfig({ 'broker.id': '4' }).nodeId).to.equal(4);
    expect(defaultServerConfig({ 'node.id': '5' }).nodeId).to.equal(5);
    expect(defaultServerConfig({ 'node.id': '5', 'broker.id': '5' }).nodeId).to.equal(5);
    expect(() => defaultServerConfig({ 'node.id': '5', 'broker.id': '6' })).to.throw(ConfigError, /broker\.id/);
  });

  it('log.dirs wins over log.dir', () => {
    expect(defaultServerConfig({ 'log.dir': '/x' }).logDirs).to.deep.equal(['/x']);
    expect(defaultServerConfig({ 'log.dir': '/x', 'log.dirs': '/y, /z' }).logDirs).to.deep.equal(['/y', '/z']);
  });

  it('booleans are case-insensitive and trimmed', () => {
    expect(defaultServerConfig({ 'samsa.log.fsync.on.append': ' TRUE ' }).samsaLogFsyncOnAppend).to.equal(true);
  });

  it('a malformed override or a missing file is a ConfigError', () => {
    expect(() => loadServerConfig(undefined, ['novalue'])).to.throw(ConfigError, /novalue/);
    expect(() => loadServerConfig('/nonexistent/server.properties', [])).to.throw(ConfigError, /nonexistent/);
  });

  it('reads the sample config/server.properties without warnings', () => {
    const { config, warnings } = loadServerConfig(join(__dirname, '../../../../config/server.properties'), []);
    expect(warnings).to.deep.equal([]);
    expect(config.listeners[0]).to.include({ host: '127.0.0.1', port: 9092 });
    expect(config.logDirs).to.deep.equal(['./data/samsa-logs']);
  });
});
