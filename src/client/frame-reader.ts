// Splits a byte stream into int32-size-prefixed frames without copying when a frame lies
// within one chunk.
export class FrameReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private need = -1;

  constructor(private readonly maxFrameBytes = 0x7fffffff) {}

  reset(): void { this.chunks = []; this.length = 0; this.need = -1; }

  /** Returns the complete frames (without size prefix) now available. */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    if (chunk.length) { this.chunks.push(chunk); this.length += chunk.length; }
    for (;;) {
      if (this.need < 0) {
        if (this.length < 4) break;
        const size = this.peekInt32();
        if (size < 0 || size > this.maxFrameBytes) throw new Error(`invalid frame size ${size}`);
        this.need = size;
        this.take(4);
      }
      if (this.length < this.need) break;
      out.push(this.take(this.need));
      this.need = -1;
    }
    return out;
  }

  private peekInt32(): number {
    const first = this.chunks[0];
    if (first.length >= 4) return first.readInt32BE(0);
    const head = Buffer.concat(this.chunks, Math.min(this.length, 4 + 4));
    return head.readInt32BE(0);
  }

  /** Removes and returns n bytes from the front. */
  private take(n: number): Buffer {
    this.length -= n;
    const first = this.chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first.length === n) { this.chunks.shift(); return first; }
    if (first.length > n) { this.chunks[0] = first.subarray(n); return first.subarray(0, n); }
    const out = Buffer.allocUnsafe(n);
    let pos = 0;
    while (pos < n) {
      const c = this.chunks[0];
      const k = Math.min(c.length, n - pos);
      c.copy(out, pos, 0, k);
      pos += k;
      if (k === c.length) this.chunks.shift(); else this.chunks[0] = c.subarray(k);
    }
    return out;
  }
}
