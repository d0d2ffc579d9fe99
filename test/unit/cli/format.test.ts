import { expect } from 'chai';
import { buildProducerSettings, parseLine } from '../../../src/cli/console-producer';
import { buildConsumerPlan, buildFormatter, formatRecord } from '../../../src/cli/console-consumer';
import { UsageError, unescapeSeparator } from '../../../src/cli/options';

const rec = { topic: 't', partition: 2, offset: 17, timestamp: 1700000000000, key: Buffer.from('k'), value: Buffer.from('v'), headers: [] };

describe('cli/console formats', () => {
  it('producer: splits key and value on key.separator', () => {
    const f = { parseKey: true, keySeparator: ':', ignoreError: false, nullMarker: null };
    expect(parseLine('a:b:c', 1, f)).to.deep.equal({ key: 'a', value: 'b:c' });
    expect(parseLine(':v', 1, f)).to.deep.equal({ key: '', value: 'v' });
    expect(() => parseLine('nokey', 7, f)).to.throw(UsageError, /line number 7/);
    expect(parseLine('nokey', 7, { ...f, ignoreError: true })).to.deep.equal({ key: null, value: 'nokey' });
    expect(parseLine('a:b', 1, { ...f, parseKey: false })).to.deep.equal({ key: null, value: 'a:b' });
    expect(parseLine('NULL:x', 1, { ...f, nullMarker: 'NULL' })).to.deep.equal({ key: null, value: 'x' });
  });

  it('producer: maps flags and producer properties', () => {
    const warnings: string[] = [];
    const { producer, format } = buildProducerSettings({
      bootstrapServer: 'h:1', topic: 't', compressionCodec: true, requestRequiredAcks: 'all',
      property: ['parse.key=true', 'key.separator=\\t'], producerProperty: ['linger.ms=7', 'client.id=me', 'enable.idempotence=true'],
    }, (w) => warnings.push(w));
    expect(producer).to.include({ acks: -1, compression: 'gzip', lingerMs: 7, clientId: 'me', bootstrap: 'h:1' });
    expect(format).to.include({ parseKey: true, keySeparator: '\t' });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('enable.idempotence');
    const plain = buildProducerSettings({ bootstrapServer: 'h:1', topic: 't' }, () => {});
    expect(plain.producer).to.include({ acks: -1, compression: 'none' });
    expect(plain.format.parseKey).to.equal(false);
    expect(() => buildProducerSettings({ bootstrapServer: 'h:1', topic: 't', producerProperty: ['batch.size=x'] }, () => {})).to.throw(UsageError, /batch\.size/);
  });

  it('consumer: prints like the default message formatter', () => {
    expect(formatRecord(rec, buildFormatter([], () => {}))).to.equal('v\n');
    const all = buildFormatter(['print.key=true', 'print.offset=true', 'print.partition=true', 'print.timestamp=true', 'key.separator=|'], () => {});
    expect(formatRecord(rec, all)).to.equal('CreateTime:1700000000000|Partition:2|Offset:17|k|v\n');
    const keyOnly = buildFormatter(['print.key=true', 'print.value=false'], () => {});
    expect(formatRecord({ ...rec, key: null }, keyOnly)).to.equal('null\n');
    const headers = buildFormatter(['print.headers=true'], () => {});
    expect(formatRecord({ ...rec, headers: [{ key: 'a', value: Buffer.from('1') }, { key: 'b', value: null }] }, headers)).to.equal('a:1,b:null\tv\n');
    expect(formatRecord(rec, headers)).to.equal('NO_HEADERS\tv\n');
  });

  it('consumer: start position and limits', () => {
    const warn = () => {};
    expect(buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't' }, warn).start).to.equal('latest');
    expect(buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't', fromBeginning: true }, warn).start).to.equal('earliest');
    const p = buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't', partition: '1', offset: '42', maxMessages: '5', timeoutMs: '200' }, warn);
    expect(p).to.include({ partition: 1, start: 42, maxMessages: 5, timeoutMs: 200 });
    expect(p.consumer.maxWaitMs).to.equal(200);
    expect(buildConsumerPlan({ bootstrapServer: 'h:1', topic: 't', partition: '0', offset: 'earliest' }, warn).start).to.equal('earliest');
  });

  it('unescapes separators given on a command line', () => {
    expect(unescapeSeparator('\\t')).to.equal('\t');
    expect(unescapeSeparator('a\\nb')).to.equal('a\nb');
    expect(unescapeSeparator(',')).to.equal(',');
  });
});
