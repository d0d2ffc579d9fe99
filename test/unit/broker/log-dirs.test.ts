// Log directories: meta.properties on first start, node.id and cluster.id checks, and the
// clean-shutdown marker.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { CLEAN_SHUTDOWN_FILE, META_FILE, openLogDirs, writeCleanShutdownMarkers } from '../../../src/broker/log-dirs';
import { defaultServerConfig } from '../../../src/config/server-config';
import { readPropertiesFile } from '../../../src/config/server-properties';
import { SamsaError } from '../../../src/runtime/samsa-error';
import { rmDir, tempDir } from '../actors/helpers';

describe('broker/log-dirs', () => {
  let root: string;
  beforeEach(() => { root = tempDir('samsa-logdirs-'); });
  afterEach(() => rmDir(root));

  const dirsOf = (...names: string[]) => names.map((n) => path.join(root, n));
  const cfg = (dirs: string[], over: Record<string, string> = {}) => defaultServerConfig({ 'log.dirs': dirs.join(','), ...over });
  function refused(fn: () => unknown, match: RegExp): void {
    let err: unknown;
    try { fn(); } catch (e) { err = e; }
    expect(err).to.be.instanceOf(SamsaError);
    expect((err as SamsaError).code).to.equal('SAMSA_ERR_CONFIG');
    expect((err as Error).message).to.match(match);
  }

  it('first start creates every dir with meta.properties (cluster id, node id) and counts as clean', () => {
    const dirs = dirsOf('a', 'nested/b');
    const state = openLogDirs(cfg(dirs, { 'node.id': '7' }));
    expect(state.cleanShutdown).to.equal(true);
    expect(state.clusterId).to.match(/^[A-Za-z0-9_-]{22}$/);
    for (const d of dirs) {
      const meta = readPropertiesFile(path.join(d, META_FILE));
      expect(meta).to.deep.include({ 'cluster.id': state.clusterId, 'node.id': '7', version: '1' });
      expect(fs.existsSync(path.join(d, CLEAN_SHUTDOWN_FILE))).to.equal(false);
    }
  });

  it('a configured cluster.id is used on first start', () => {
    const state = openLogDirs(cfg(dirsOf('a'), { 'cluster.id': 'MkU3OEVBNTcwNTJENDM2Qk' }));
    expect(state.clusterId).to.equal('MkU3OEVBNTcwNTJENDM2Qk');
  });

  it('keeps the cluster id across restarts; the marker makes a restart clean, once', () => {
    const dirs = dirsOf('a', 'b');
    const config = cfg(dirs);
    const first = openLogDirs(config);
    writeCleanShutdownMarkers(config);
    for (const d of dirs) expect(fs.existsSync(path.join(d, CLEAN_SHUTDOWN_FILE))).to.equal(true);
    const second = openLogDirs(config);
    expect(second).to.deep.equal({ clusterId: first.clusterId, cleanShutdown: true });
    for (const d of dirs) expect(fs.existsSync(path.join(d, CLEAN_SHUTDOWN_FILE)), 'marker consumed').to.equal(false);
    // no marker this time (a crash): not clean
    const third = openLogDirs(config);
    expect(third).to.deep.equal({ clusterId: first.clusterId, cleanShutdown: false });
  });

  it('a marker missing from one dir of several makes the start unclean', () => {
    const dirs = dirsOf('a', 'b');
    const config = cfg(dirs);
    openLogDirs(config);
    writeCleanShutdownMarkers(config);
    fs.unlinkSync(path.join(dirs[1], CLEAN_SHUTDOWN_FILE));
    expect(openLogDirs(config).cleanShutdown).to.equal(false);
    expect(fs.existsSync(path.join(dirs[0], CLEAN_SHUTDOWN_FILE))).to.equal(false);
  });

  it('a new empty dir added beside existing ones gets the existing cluster id', () => {
    const [a, b] = dirsOf('a', 'b');
    const first = openLogDirs(cfg([a]));
    writeCleanShutdownMarkers(cfg([a]));
    const state = openLogDirs(cfg([a, b]));
    expect(state).to.deep.equal({ clusterId: first.clusterId, cleanShutdown: true });
    expect(readPropertiesFile(path.join(b, META_FILE))['cluster.id']).to.equal(first.clusterId);
  });

  it('refuses a dir that belongs to another node.id', () => {
    const dirs = dirsOf('a');
    openLogDirs(cfg(dirs, { 'node.id': '1' }));
    refused(() => openLogDirs(cfg(dirs, { 'node.id': '2' })), /node\.id 1.*node\.id 2/);
  });

  it('refuses dirs of another cluster, configured or found in a sibling dir', () => {
    const [a, b] = dirsOf('a', 'b');
    const ca = openLogDirs(cfg([a])).clusterId;
    const cb = openLogDirs(cfg([b])).clusterId;
    expect(ca).to.not.equal(cb);
    refused(() => openLogDirs(cfg([a], { 'cluster.id': 'AAAAAAAAAAAAAAAAAAAAAQ' })), new RegExp(ca));
    refused(() => openLogDirs(cfg([a, b])), new RegExp(`${cb}|${ca}`));
  });

  it('a meta.properties written by Kafka (no node.id line) is accepted and its cluster id kept', () => {
    const [a] = dirsOf('a');
    fs.mkdirSync(a);
    fs.writeFileSync(path.join(a, META_FILE), 'version=1\ncluster.id=q1Sh-9_ISia_zwGINzRvyQ\n');
    fs.writeFileSync(path.join(a, CLEAN_SHUTDOWN_FILE), '1\n');
    expect(openLogDirs(cfg([a]))).to.deep.equal({ clusterId: 'q1Sh-9_ISia_zwGINzRvyQ', cleanShutdown: true });
  });
});
