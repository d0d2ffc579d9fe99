// Topic names, the read-only catalog snapshot, and partition directory names.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { TopicCatalog, topicNameError, TOPIC_NAME_MAX, type TopicEntry } from '../../../../src/actors/controller/catalog';
import { partitionDirName, scanPartitionDirs } from '../../../../src/actors/controller/partition-dirs';
import { rmDir, tempDir } from '../helpers';

describe('actors/controller: catalog and partition dirs', () => {
  it("topicNameError follows Kafka's rules", () => {
    for (const ok of ['a', 'A-b_c.d', '0', 'x'.repeat(TOPIC_NAME_MAX), '__consumer_offsets']) expect(topicNameError(ok), ok).to.equal(null);
    for (const bad of ['', '.', '..', 'x'.repeat(TOPIC_NAME_MAX + 1), 'a b', 'a/b', 'a\\b', 'é', 'tab\t', null, 42]) {
      expect(topicNameError(bad), String(bad)).to.be.a('string');
    }
  });

  it('TopicCatalog finds topics by name and by id and snapshots them', () => {
    const topics: TopicEntry[] = [
      { name: 'a', topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', partitions: [{ partition: 0, logDir: '/d' }], configs: {}, internal: false },
      { name: 'b', topicId: 'AAAAAAAAAAAAAAAAAAAAAg', partitions: [], configs: { 'retention.ms': '1' }, internal: false },
    ];
    const c = new TopicCatalog({ version: 4, topics });
    expect(c.version).to.equal(4);
    expect(c.size).to.equal(2);
    expect(c.get('b')).to.equal(topics[1]);
    expect(c.getById('AAAAAAAAAAAAAAAAAAAAAQ')).to.equal(topics[0]);
    expect(c.has('z')).to.equal(false);
    expect(c.getById('nope')).to.equal(undefined);
    expect([...c.topics()].map((t) => t.name)).to.deep.equal(['a', 'b']);
    expect(c.snapshot()).to.deep.equal({ version: 4, topics });
  });

  it('partition dirs are <topic>-<partition>; the scan takes the first log dir that has one', () => {
    const a = tempDir('samsa-scan-');
    const b = tempDir('samsa-scan-');
    try {
      expect(partitionDirName('my-topic', 12)).to.equal('my-topic-12');
      for (const d of ['my-topic-12', 'x-0', 'x-1', '-3', 'x-', 'x-1a']) fs.mkdirSync(path.join(a, d));
      fs.mkdirSync(path.join(b, 'x-1'));
      fs.mkdirSync(path.join(b, 'y-0'));
      const found = scanPartitionDirs([a, b, path.join(a, 'missing')]);
      expect([...found.keys()].sort()).to.deep.equal(['my-topic', 'x', 'y']);
      expect([...found.get('x')!].sort()).to.deep.equal([[0, a], [1, a]]);
      expect([...found.get('y')!]).to.deep.equal([[0, b]]);
      expect([...found.get('my-topic')!]).to.deep.equal([[12, a]]);
    } finally {
      rmDir(a);
      rmDir(b);
    }
  });
});
