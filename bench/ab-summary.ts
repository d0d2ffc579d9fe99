// Medians over interleaved runs of two builds with the kcat bench (bench/run.js of the bench
// suite as of commit f67efc5), for before/after figures taken in one session on a shared box.
// Input: the bench's stdout of several rounds, each preceded by a line "##### <build> round <n> ...".
//   node dist/bench/ab-summary.js ab.log
// Prints, per build: produce records/s (median of all runs), × the same build-round's null
// sink median, broker CPU µs/record; consume records/s and broker CPU µs/record.
import * as fs from 'fs';

interface Run { build: string; round: string; kind: 'produce' | 'consume'; target: string; size: string; seconds: number; rate: number; cpu: number; other: number }

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function parse(text: string): Run[] {
  const runs: Run[] = [];
  let build = '';
  let round = '';
  // e.g. "  produce samsa workers 1×1 100 B: 1.13 s, 887,908 rec/s, 88.8 MB/s, broker CPU 0.40 s, kcat CPU 1.53 s, other 0.28 s"
  const re = /^ {2}(produce|consume) (.+?) (100|1024) B: ([\d.]+) s, ([\d,]+) rec\/s, [\d.]+ MB\/s, broker CPU ([\d.]+) s, kcat CPU [\d.]+ s, other ([\d.]+) s/;
  for (const line of text.split('\n')) {
    const h = /^##### (\S+) round (\S+)/.exec(line);
    if (h) { build = h[1]; round = h[2]; continue; }
    const m = re.exec(line);
    if (!m || !build) continue;
    const rate = Number(m[5].replace(/,/g, ''));
    const seconds = Number(m[4]);
    runs.push({ build, round, kind: m[1] as Run['kind'], target: m[2], size: m[3], seconds, rate, cpu: Number(m[6]), other: Number(m[7]) / seconds });
  }
  return runs;
}

export function summarize(runs: Run[]): string {
  const builds = [...new Set(runs.map((r) => r.build))];
  const targets = [...new Set(runs.filter((r) => r.target !== 'null sink').map((r) => r.target))];
  const lines: string[] = [];
  for (const size of ['100', '1024']) {
    const label = size === '100' ? '100 B' : '1 KiB';
    lines.push('', `Produce, ${label} (median of every run; × null sink: each run over the median null-sink rate of its own round):`, '',
      `| target | ${builds.map((b) => `${b} records/s | ${b} × null sink | ${b} broker CPU µs/rec`).join(' | ')} |`,
      `|---|${builds.map(() => '---:|---:|---:').join('|')}|`);
    for (const t of ['null sink', ...targets]) {
      const cells = builds.map((b) => {
        const mine = runs.filter((r) => r.build === b && r.kind === 'produce' && r.size === size && r.target === t);
        if (mine.length === 0) return '— | — | —';
        const rounds = [...new Set(mine.map((r) => r.round))];
        const ratios = rounds.flatMap((rd) => {
          const sink = median(runs.filter((r) => r.build === b && r.round === rd && r.kind === 'produce' && r.size === size && r.target === 'null sink').map((r) => r.rate));
          return mine.filter((r) => r.round === rd).map((r) => r.rate / sink);
        });
        const records = size === '100' ? 1_000_000 : 300_000;
        return `${Math.round(median(mine.map((r) => r.rate))).toLocaleString('en-US')} | ${median(ratios).toFixed(2)} | ${median(mine.map((r) => r.cpu / records * 1e6)).toFixed(2)}`;
      });
      lines.push(`| ${t} | ${cells.join(' | ')} |`);
    }
    lines.push('', `Consume (kcat -C -e from the beginning), ${label}:`, '',
      `| target | ${builds.map((b) => `${b} records/s | ${b} broker CPU µs/rec`).join(' | ')} |`,
      `|---|${builds.map(() => '---:|---:').join('|')}|`);
    for (const t of targets) {
      const cells = builds.map((b) => {
        const mine = runs.filter((r) => r.build === b && r.kind === 'consume' && r.size === size && r.target === t);
        if (mine.length === 0) return '— | —';
        const records = size === '100' ? 1_000_000 : 300_000;
        return `${Math.round(median(mine.map((r) => r.rate))).toLocaleString('en-US')} | ${median(mine.map((r) => r.cpu / records * 1e6)).toFixed(2)}`;
      });
      lines.push(`| ${t} | ${cells.join(' | ')} |`);
    }
  }
  const other = builds.map((b) => `${b} ${median(runs.filter((r) => r.build === b).map((r) => r.other)).toFixed(2)}`).join(', ');
  lines.push('', `Other load on the box during the runs (median, cores): ${other}.`);
  return lines.join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) { process.stderr.write('usage: node dist/bench/ab-summary.js <log>\n'); process.exit(2); }
  process.stdout.write(`${summarize(parse(fs.readFileSync(file, 'utf8')))}\n`);
}
