// The committed tables under src/protocol/generated/ must match what scripts/gen-protocol.js
// produces from the Kafka protocol reference data, when that data is present
// (../shared/kafka-protocol relative to the repository); otherwise the test is skipped.
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'scripts', 'gen-protocol.js'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

describe('generated protocol tables', () => {
  it('are current with the Kafka protocol definitions', function () {
    const root = repoRoot();
    const shared = path.join(root, '..', 'shared', 'kafka-protocol');
    if (!fs.existsSync(path.join(shared, 'messages'))) this.skip();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const gen = require(path.join(root, 'scripts', 'gen-protocol.js')) as { generate(dir: string): Record<string, string> };
    const files = gen.generate(shared);
    expect(Object.keys(files).sort()).to.deep.equal([
      'src/protocol/generated/api-keys.ts', 'src/protocol/generated/error-codes.ts', 'src/protocol/generated/messages.ts',
    ]);
    for (const [rel, content] of Object.entries(files)) {
      const committed = fs.readFileSync(path.join(root, rel), 'utf8');
      expect(committed === content, `${rel} is stale: run npm run gen:protocol`).to.equal(true);
    }
  });

  it('strips // comments outside strings only', function () {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const gen = require(path.join(repoRoot(), 'scripts', 'gen-protocol.js')) as { stripComments(s: string): string };
    const src = '{ "a": "http://x//y", // note\n "b": "q\\"//" }';
    expect(JSON.parse(gen.stripComments(src))).to.deep.equal({ a: 'http://x//y', b: 'q"//' });
  });
});
