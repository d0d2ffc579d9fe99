import { expect } from 'chai';
import { defaultServerConfig } from '../../../src/config/server-config';
import {
  validateTopicConfig, effectiveTopicConfig, toLogConfig, describeBrokerConfigs, describeTopicConfigs, TOPIC_KEYS,
} from '../../../src/config/topic-config';
import { ConfigSource } from '../../../src/config/config-def';

describe('config/topic-config', () => {
  it('accepts valid values', () => {
    expect(validateTopicConfig('cleanup.policy', 'compact,delete')).to.equal(null);
    expect(validateTopicConfig('retention.ms', '-1')).to.equal(null);
    expect(validateTopicConfig('segment.bytes', '1048576')).to.equal(null);
    expect(validateTopicConfig('compression.type', 'zstd')).to.equal(null);
    expect(validateTopicConfig('min.cleanable.dirty.ratio', '0.1')).to.equal(null);
    expect(validateTopicConfig('message.timestamp.type', 'LogAppendTime')).to.equal(null);
  });

  it('rejects bad values with a message naming key and value', () => {
    const cases: [string, string][] = [
      ['cleanup.policy', 'shred'], ['retention.ms', 'forever'], ['retention.ms', '-2'], ['segment.bytes', '10'],
      ['compression.type', 'brotli'], ['min.cleanable.dirty.ratio', '1.5'], ['message.timestamp.type', 'Now'],
      ['max.message.bytes', '-1'], ['flush.messages', '0'], ['min.insync.replicas', '0'], ['preallocate', 'maybe'],
    ];
    for (const [k, v] of cases) {
      const err = validateTopicConfig(k, v);
      expect(err, `${k}=${v}`).to.be.a('string');
      expect(err).to.include(k).and.include(v);
    }
  });

  it('an unknown key is an error', () => {
    expect(validateTopicConfig('retention.forever', '1')).to.match(/Unknown topic config.*retention\.forever/);
  });

  it('effective config: topic override > static broker > default', () => {
    const server = defaultServerConfig({ 'log.retention.hours': '1', 'log.segment.bytes': '2048' });
    const e = effectiveTopicConfig({ 'segment.bytes': '4096' }, server);
    expect(e['segment.bytes']).to.deep.equal({ value: '4096', source: 'topic' });
    expect(e['retention.ms']).to.deep.equal({ value: '3600000', source: 'static-broker', brokerKey: 'log.retention.hours' });
    expect(e['cleanup.policy']).to.deep.equal({ value: 'delete', source: 'default', brokerKey: 'log.cleanup.policy' });
    expect(e['flush.messages'].value).to.equal('9223372036854775807');
    expect(Object.keys(e)).to.have.length(TOPIC_KEYS.length);
  });

  it('toLogConfig merges overrides over broker settings', () => {
    const server = defaultServerConfig({ 'log.segment.bytes': '2048', 'samsa.log.fsync.on.append': 'true', 'log.roll.ms': '1000' });
    const lc = toLogConfig({ 'retention.bytes': '100000', 'message.timestamp.type': 'LogAppendTime' }, server);
    expect(lc).to.deep.equal({
      segmentBytes: 2048, segmentMs: 1000, retentionMs: 604800000, retentionBytes: 100000, indexIntervalBytes: 4096,
      segmentIndexBytes: 10485760, flushMessages: Number.MAX_SAFE_INTEGER, flushMs: Number.MAX_SAFE_INTEGER,
      maxMessageBytes: 1048588, messageTimestampType: 'LogAppendTime', fsyncOnAppend: true,
      cleanupPolicy: ['delete'], deleteRetentionMs: 86400000, minCleanableDirtyRatio: 0.5, minCompactionLagMs: 0, maxCompactionLagMs: Number.MAX_SAFE_INTEGER,
    });
  });

  it('describeBrokerConfigs marks given keys as static and others as default', () => {
    const server = defaultServerConfig({ 'num.partitions': '3' });
    const entries = describeBrokerConfigs(server);
    const np = entries.find((e) => e.name === 'num.partitions')!;
    expect(np).to.include({ value: '3', readOnly: true, isDefault: false, source: ConfigSource.STATIC_BROKER_CONFIG, sensitive: false });
    const seg = entries.find((e) => e.name === 'log.segment.bytes')!;
    expect(seg).to.include({ value: '1073741824', isDefault: true, source: ConfigSource.DEFAULT_CONFIG });
    expect(entries.find((e) => e.name === 'log.dirs')!.value).to.equal('/tmp/samsa-logs');
  });

  it('describeTopicConfigs reports sources and synonyms', () => {
    const server = defaultServerConfig({ 'log.retention.ms': '1000' });
    const entries = describeTopicConfigs({ 'cleanup.policy': 'compact' }, server);
    const cp = entries.find((e) => e.name === 'cleanup.policy')!;
    expect(cp).to.include({ value: 'compact', isDefault: false, source: ConfigSource.TOPIC_CONFIG, readOnly: false });
    expect(cp.synonyms.map((s) => s.source)).to.deep.equal([ConfigSource.TOPIC_CONFIG, ConfigSource.DEFAULT_CONFIG]);
    const rm = entries.find((e) => e.name === 'retention.ms')!;
    expect(rm).to.include({ value: '1000', source: ConfigSource.STATIC_BROKER_CONFIG });
    expect(rm.synonyms[0]).to.deep.equal({ name: 'log.retention.ms', value: '1000', source: ConfigSource.STATIC_BROKER_CONFIG });
  });
});
