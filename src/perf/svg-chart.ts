// Line charts as inline SVG markup (no scripts, no external resources): axes with rounded
// ticks, optional filled area under the first series, a legend. Long series are decimated
// to at most maxPoints, keeping each bucket's minimum and maximum so peaks stay visible.
export interface ChartSeries {
  name: string;
  color: string;
  points: [number, number][];
  area?: boolean;
  dashed?: boolean;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
  /** Fixed x ticks (value, label), e.g. for a percentile axis. */
  xTicks?: [number, string][];
  /** Lower end of the x axis (default: the smallest x). */
  xMin?: number;
  maxPoints?: number;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' } as Record<string, string>)[c]);
}

/** A "nice" tick step (1, 2 or 5 × 10^k) giving about `count` ticks over `range`. */
export function niceStep(range: number, count = 5): number {
  if (!(range > 0)) return 1;
  const raw = range / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

export function ticks(min: number, max: number, count = 5): number[] {
  const step = niceStep(max - min, count);
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

/** Keeps at most ~maxPoints points: per bucket the minimum and the maximum, in x order. */
export function decimate(points: [number, number][], maxPoints: number): [number, number][] {
  if (points.length <= maxPoints) return points;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = points.length / buckets;
  const out: [number, number][] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(points.length, Math.floor((b + 1) * size));
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if (points[i][1] < points[lo][1]) lo = i;
      if (points[i][1] > points[hi][1]) hi = i;
    }
    if (lo === hi) out.push(points[lo]);
    else if (lo < hi) out.push(points[lo], points[hi]);
    else out.push(points[hi], points[lo]);
  }
  return out;
}

const num = (v: number) => (Math.round(v * 10) / 10).toString();

export function lineChart(series: ChartSeries[], o: ChartOptions): string {
  const W = o.width ?? 880;
  const H = o.height ?? 280;
  const m = { left: 72, right: 16, top: 34, bottom: 46 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const fx = o.formatX ?? ((v: number) => `${v}`);
  const fy = o.formatY ?? ((v: number) => `${v}`);
  const data = series.map((s) => ({ ...s, points: decimate(s.points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])), o.maxPoints ?? 800) }));
  const all = data.flatMap((s) => s.points);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(o.title)}">`);
  parts.push(`<text x="${m.left}" y="20" class="chart-title">${escapeXml(o.title)}</text>`);
  if (all.length === 0) {
    parts.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle" class="chart-empty">no data</text></svg>`);
    return parts.join('');
  }
  let x0 = Math.min(...all.map((p) => p[0]));
  let x1 = Math.max(...all.map((p) => p[0]));
  if (o.xMin !== undefined) x0 = Math.min(x0, o.xMin);
  if (o.xTicks?.length) { x0 = Math.min(x0, o.xTicks[0][0]); x1 = Math.max(x1, o.xTicks[o.xTicks.length - 1][0]); }
  if (x1 <= x0) x1 = x0 + 1;
  const yTicks = ticks(0, Math.max(...all.map((p) => p[1]), 1e-9));
  const y1 = Math.max(yTicks[yTicks.length - 1], Math.max(...all.map((p) => p[1])));
  const X = (v: number) => m.left + ((v - x0) / (x1 - x0)) * pw;
  const Y = (v: number) => m.top + ph - (v / (y1 || 1)) * ph;
  // grid and axes
  for (const t of yTicks) {
    parts.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${num(Y(t))}" y2="${num(Y(t))}" class="grid"/>`);
    parts.push(`<text x="${m.left - 6}" y="${num(Y(t) + 4)}" text-anchor="end" class="tick">${escapeXml(fy(t))}</text>`);
  }
  const xt: [number, string][] = o.xTicks ?? ticks(x0, x1, 8).map((t) => [t, fx(t)]);
  for (const [t, label] of xt) {
    if (t < x0 - 1e-9 || t > x1 + 1e-9) continue;
    parts.push(`<line x1="${num(X(t))}" x2="${num(X(t))}" y1="${m.top + ph}" y2="${m.top + ph + 4}" class="axis"/>`);
    parts.push(`<text x="${num(X(t))}" y="${m.top + ph + 17}" text-anchor="middle" class="tick">${escapeXml(label)}</text>`);
  }
  parts.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${m.top + ph}" y2="${m.top + ph}" class="axis"/>`);
  parts.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + ph}" class="axis"/>`);
  parts.push(`<text x="${m.left + pw / 2}" y="${H - 6}" text-anchor="middle" class="axis-label">${escapeXml(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${escapeXml(o.yLabel)}</text>`);
  // series
  for (const s of data) {
    if (s.points.length === 0) continue;
    const d = s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(X(p[0]))},${num(Y(p[1]))}`).join('');
    if (s.area) {
      const first = s.points[0];
      const last = s.points[s.points.length - 1];
      parts.push(`<path d="${d}L${num(X(last[0]))},${num(Y(0))}L${num(X(first[0]))},${num(Y(0))}Z" fill="${s.color}" fill-opacity="0.15" stroke="none"/>`);
    }
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="5 3"' : ''} class="series" data-series="${escapeXml(s.name)}"/>`);
    if (s.points.length === 1) parts.push(`<circle cx="${num(X(s.points[0][0]))}" cy="${num(Y(s.points[0][1]))}" r="3" fill="${s.color}"/>`);
  }
  // legend
  let lx = W - m.right;
  for (let i = data.length - 1; i >= 0; i--) {
    const label = escapeXml(data[i].name);
    lx -= 22 + data[i].name.length * 6.5;
    parts.push(`<line x1="${num(lx)}" x2="${num(lx + 14)}" y1="16" y2="16" stroke="${data[i].color}" stroke-width="3"/><text x="${num(lx + 18)}" y="20" class="legend">${label}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
