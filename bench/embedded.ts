// Start-to-ready time of the embedded broker: runs bench/embedded-start.js in its own process
// and turns its table into Markdown.
import { execFile } from 'child_process';
import * as path from 'path';
import { REPO } from './targets';

export interface EmbeddedResult { header: string; rows: { name: string; median: number; min: number; max: number }[]; command: string; error?: string }

export function runEmbedded(runs: number): Promise<EmbeddedResult> {
  const script = path.join(__dirname, 'embedded-start.js');
  const command = `node ${path.relative(REPO, script)} --runs ${runs}`;
  return new Promise((resolve) => {
    execFile(process.execPath, [script, '--runs', String(runs)], { cwd: REPO, timeout: 300_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const lines = String(stdout).split('\n').filter(Boolean);
      const rows = lines.flatMap((l) => {
        const m = /^(.*?)\s+([\d.]+) ms\s+\(min ([\d.]+), max ([\d.]+)\)/.exec(l);
        return m ? [{ name: m[1].trim(), median: Number(m[2]), min: Number(m[3]), max: Number(m[4]) }] : [];
      });
      resolve({ header: lines[0] ?? '', rows, command, error: err ? `${err.message} ${String(stderr).slice(-500)}` : undefined });
    });
  });
}

export function embeddedMarkdown(r: EmbeddedResult): string {
  return [
    `${r.header}. Ready = \`startBroker()\` resolved (the broker accepts connections).`,
    '',
    '| startBroker() | median | min | max |',
    '|---|---:|---:|---:|',
    ...r.rows.map((x) => `| ${x.name} | ${x.median.toFixed(1)} ms | ${x.min.toFixed(1)} ms | ${x.max.toFixed(1)} ms |`),
    ...(r.error ? ['', `**FAILED:** ${r.error}`] : []),
    '',
    '```sh',
    r.command,
    '```',
  ].join('\n');
}
