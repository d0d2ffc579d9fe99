// Throughput over time for the terminal: the series resampled to a fixed number of columns,
// drawn as a bar chart of unicode block characters (eight levels per row).
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Resamples points (t, v) onto `columns` equal time buckets (mean of the points in each; gaps keep the previous value). */
export function resample(t: number[], v: number[], columns: number): number[] {
  if (t.length === 0 || columns <= 0) return [];
  const t0 = 0;
  const t1 = t[t.length - 1];
  if (t1 <= t0) return [v.reduce((a, b) => a + b, 0) / v.length];
  if (t.length < columns) {
    // fewer points than columns: each point gets the same number of columns
    const k = Math.max(1, Math.floor(columns / t.length));
    return v.flatMap((x) => new Array<number>(k).fill(x));
  }
  const cols = columns;
  const sum = new Array<number>(cols).fill(0);
  const cnt = new Array<number>(cols).fill(0);
  for (let i = 0; i < t.length; i++) {
    const c = Math.min(cols - 1, Math.floor(((t[i] - t0) / (t1 - t0)) * cols - 1e-9));
    sum[Math.max(0, c)] += v[i];
    cnt[Math.max(0, c)]++;
  }
  const out: number[] = [];
  let last = 0;
  for (let c = 0; c < cols; c++) {
    last = cnt[c] ? sum[c] / cnt[c] : last;
    out.push(last);
  }
  return out;
}

/** One line of block characters scaled to max (values ≤ 0 are a space). */
export function sparkline(values: number[], max = Math.max(0, ...values)): string {
  return values.map((v) => (v <= 0 || max <= 0 ? ' ' : BLOCKS[Math.min(7, Math.max(0, Math.ceil((v / max) * 8) - 1))])).join('');
}

/** A bar chart `rows` lines high (8 levels per line), top line first. */
export function barChart(values: number[], rows: number, max = Math.max(0, ...values)): string[] {
  const lines: string[] = [];
  for (let r = rows - 1; r >= 0; r--) {
    let line = '';
    for (const v of values) {
      const level = max > 0 ? (Math.max(0, v) / max) * rows * 8 : 0; // eighths of a row
      const inRow = level - r * 8;
      if (inRow >= 8) line += '█';
      else if (inRow > 0) line += BLOCKS[Math.ceil(inRow) - 1];
      else line += r === 0 && v > 0 ? '▁' : ' ';
    }
    lines.push(line);
  }
  return lines;
}
