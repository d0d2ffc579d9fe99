// Compiles each (schema, version) into specialised JavaScript (one decode and one encode
// function per struct, via `new Function`) the first time it is used, and caches it.
// No schema is interpreted per message.
//
// Values: structs are plain objects keyed by the lowerCamelCase schema field names.
// int8/16/32, uint16/32, float64 → number; int64 → number (exact within ±2^53, larger
// magnitudes lose precision; encode also accepts a bigint); bool; string (nullable → null);
// uuid → 22-char base64url string; bytes → Buffer (a copy, so it never pins the input);
// records → zero-copy slice of the input Buffer, or null (encode also accepts Buffer[],
// written back to back, each ≥ 1 KiB kept as its own chunk); arrays → arrays.
// Decode fills fields absent from the version with their defaults; encode uses defaults
// for missing properties and ignores fields the version does not have. Tagged fields are
// read/written by name; unknown tags are kept as `_unknownTags: { tag, data }[]` on their
// struct and written back (in tag order) on encode. Known tagged fields are written only
// when their encoding differs from the default's, as Kafka does.
import { DATA, REQUESTS, RESPONSES } from './generated/messages';
import { Reader } from './reader';
import {
  FieldDef, MessageDef, ProtocolError, ZERO_UUID, compact, defaultValue, elementType, inVersions,
  isArrayType, nullable, parseVersions, present, tagged,
} from './schema';
import { Writer } from './writer';

export { ProtocolError };
export type Direction = 'request' | 'response';

export interface Codec<T = any> {
  /** Encodes the body only (no size prefix, no header). */
  encode(value: T): Buffer;
  /** Appends the body to a Writer. */
  write(w: Writer, value: T): void;
  /** Decodes a body; throws ProtocolError on malformed or truncated input. */
  decode(buf: Buffer, offset?: number, end?: number): T;
  /** Decodes a body at the reader's position, advancing it. */
  read(r: Reader): T;
}

export interface UnknownTag { tag: number; data: Buffer }

const EMPTY_ARRAY: readonly unknown[] = Object.freeze([]);
const EMPTY_OBJECT: Readonly<Record<string, unknown>> = Object.freeze({});
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Runtime helpers the generated code closes over. */
const helpers = {
  W: Writer,
  EA: EMPTY_ARRAY,
  EO: EMPTY_OBJECT,
  EB: Buffer.alloc(0),
  NN(name: string): ProtocolError { return new ProtocolError(`non-nullable field '${name}' is null`); },
  TF(count: number): ProtocolError { return new ProtocolError(`tagged field count ${count} exceeds the input`); },
  /** Encodes a tagged field value with fn; returns its bytes, or null when they equal the default's. */
  TV(fn: (w: Writer, x: unknown) => void, x: unknown, dflt: unknown, cache: (Buffer | undefined)[], i: number): Buffer | null {
    const tw = new Writer(64);
    fn(tw, x);
    const b = tw.toBuffer();
    let d = cache[i];
    if (d === undefined) {
      const dw = new Writer(16);
      fn(dw, dflt);
      d = cache[i] = dw.toBuffer();
    }
    return b.equals(d) ? null : b;
  },
  /** Writes a tagged-field section: known fields (already in tag order) merged with unknown ones. */
  TAGS(w: Writer, known: UnknownTag[] | null, unknown: UnknownTag[] | undefined): void {
    let all: UnknownTag[] = known ?? [];
    if (unknown !== undefined && unknown !== null && unknown.length > 0) {
      all = all.concat(unknown).sort((a, b) => a.tag - b.tag);
    }
    w.uvarint(all.length);
    for (const t of all) {
      w.uvarint(t.tag);
      w.uvarint(t.data.length);
      w.raw(t.data);
    }
  },
};

const FIXED: Record<string, number> = {
  bool: 1, int8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, float64: 8, uuid: 16,
};

class Gen {
  readonly fns: string[] = [];
  private next = 0;
  readonly tagDefaults: unknown[] = [];

  constructor(readonly version: number, readonly flexible: boolean) {}

  /** Minimum encoded size of a struct in this version (used to bound array counts). */
  minSize(fields: readonly FieldDef[]): number {
    let n = this.flexible ? 1 : 0;
    for (const f of fields) {
      if (!present(f, this.version) || tagged(f, this.version)) continue;
      n += this.minFieldSize(f, f.t);
    }
    return n;
  }

  private minFieldSize(f: FieldDef, t: string): number {
    const c = compact(f, this.version, this.flexible);
    if (FIXED[t] !== undefined) return FIXED[t];
    if (isArrayType(t) || t === 'bytes' || t === 'records') return c ? 1 : 4;
    if (t === 'string') return c ? 1 : 2;
    if (nullable(f, this.version)) return 1;
    return this.minSize(f.f ?? []);
  }

  private readonly structIds = new Map<readonly FieldDef[], number>();

  /** Emits d<id>(r) and e<id>(w, v) for a struct (once per field list); returns the id. */
  struct(fields: readonly FieldDef[]): number {
    const known = this.structIds.get(fields);
    if (known !== undefined) return known;
    const id = this.next++;
    this.structIds.set(fields, id);
    const v = this.version;
    const dec: string[] = [];
    const enc: string[] = ['let x;'];
    const props: string[] = [];
    const tags: FieldDef[] = [];
    for (const f of fields) {
      if (!IDENT.test(f.n)) throw new Error(`bad field name ${f.n}`);
      const p = JSON.stringify(f.n);
      if (!present(f, v)) { props.push(`${p}: ${this.absent(f)}`); continue; }
      if (tagged(f, v)) {
        if (!this.flexible) throw new Error(`tagged field ${f.n} in a non-flexible version`);
        tags.push(f);
        dec.push(`let f_${f.n} = ${this.absent(f)};`);
        props.push(`${p}: f_${f.n}`);
        continue;
      }
      dec.push(...this.readStmts(f, `f_${f.n}`, false));
      props.push(`${p}: f_${f.n}`);
      enc.push(`x = v.${f.n}; if (x === undefined) x = ${this.missing(f)};`, ...this.writeStmts(f, 'x', false));
    }
    if (this.flexible) {
      tags.sort((a, b) => (a.tag as number) - (b.tag as number));
      dec.push('let u;', '{', 'let n = r.uvarint(); if (n > r.end - r.pos) throw h.TF(n);',
        'for (; n > 0; n--) {',
        'const tag = r.uvarint(); const sz = r.uvarint(); r.need(sz); const e = r.pos + sz; const oe = r.end; r.end = e;',
        'switch (tag) {');
      for (const f of tags) dec.push(`case ${f.tag}: {`, ...this.readStmts(f, `f_${f.n}`, true), 'break; }');
      dec.push('default: (u || (u = [])).push({ tag, data: r.copy(sz) });', '}', 'r.end = oe; r.pos = e;', '}', '}');
      if (tags.length === 0) {
        enc.push('x = v._unknownTags; if (x === undefined || x === null || x.length === 0) w.uvarint(0); else h.TAGS(w, null, x);');
      } else {
        enc.push('let tl = null, b;');
        for (const f of tags) {
          const ti = this.tagDefaults.length;
          const fid = this.next++;
          this.fns.push(`function t${fid}(w, x) {\n${this.writeStmts(f, 'x', true).join('\n')}\n}`);
          this.tagDefaults.push(this.missingValue(f));
          enc.push(`x = v.${f.n}; if (x !== undefined && (b = h.TV(t${fid}, x, TD[${ti}], TC, ${ti})) !== null) (tl || (tl = [])).push({ tag: ${f.tag}, data: b });`);
        }
        enc.push('h.TAGS(w, tl, v._unknownTags);');
      }
      dec.push(`const o = { ${props.join(', ')} };`, 'if (u !== undefined) o._unknownTags = u;', 'return o;');
    } else {
      dec.push(`return { ${props.join(', ')} };`);
    }
    this.fns.push(`function d${id}(r) {\n${dec.join('\n')}\n}`);
    this.fns.push(`function e${id}(w, v) {\n${enc.join('\n')}\n}`);
    return id;
  }

  /** Expression for the value of a field absent from this version (decode side). */
  private absent(f: FieldDef): string {
    if (f.d !== undefined) return JSON.stringify(f.d);
    if (isArrayType(f.t)) return '[]';
    switch (f.t) {
      case 'bool': return 'false';
      case 'string': return "''";
      case 'uuid': return `'${ZERO_UUID}'`;
      case 'records': return 'null';
      case 'bytes': return 'Buffer.alloc(0)';
      case 'struct': return `z${this.zero(f.f ?? [])}()`;
      default: return '0';
    }
  }

  private readonly zeroIds = new Map<readonly FieldDef[], number>();

  /** Emits z<id>() returning a fresh struct of defaults (all versions' fields); returns the id. */
  private zero(fields: readonly FieldDef[]): number {
    const known = this.zeroIds.get(fields);
    if (known !== undefined) return known;
    const id = this.next++;
    this.zeroIds.set(fields, id);
    const props = fields.map((f) => `${JSON.stringify(f.n)}: ${this.absent(f)}`);
    this.fns.push(`function z${id}() { return { ${props.join(', ')} }; }`);
    return id;
  }

  /** Expression used on encode for a property that is undefined. */
  private missing(f: FieldDef): string {
    if (f.d !== undefined) return JSON.stringify(f.d);
    if (isArrayType(f.t)) return 'h.EA';
    switch (f.t) {
      case 'bool': return 'false';
      case 'string': return "''";
      case 'uuid': return `'${ZERO_UUID}'`;
      case 'records': return 'null';
      case 'bytes': return 'h.EB';
      case 'struct': return 'h.EO';
      default: return '0';
    }
  }

  private missingValue(f: FieldDef): unknown {
    if (f.d !== undefined) return f.d;
    if (f.t === 'struct') return EMPTY_OBJECT;
    return defaultValue(f);
  }

  private primRead(t: string, c: boolean, n: boolean): string {
    switch (t) {
      case 'string': return c ? (n ? 'r.compactNullableString()' : 'r.compactString()') : (n ? 'r.nullableString()' : 'r.string()');
      case 'bytes': return c ? (n ? 'r.compactNullableBytes()' : 'r.compactBytes()') : (n ? 'r.nullableBytes()' : 'r.bytes()');
      case 'records': return c ? 'r.compactRecords()' : 'r.records()';
      default:
        if (FIXED[t] === undefined) throw new Error(`unsupported type ${t}`);
        return `r.${t}()`;
    }
  }

  private primWrite(t: string, c: boolean, n: boolean, x: string): string {
    switch (t) {
      case 'string': return c ? (n ? `w.compactNullableString(${x})` : `w.compactString(${x})`) : (n ? `w.nullableString(${x})` : `w.string(${x})`);
      case 'bytes': case 'records':
        return c ? (n ? `w.compactNullableBytes(${x})` : `w.compactBytes(${x})`) : (n ? `w.nullableBytes(${x})` : `w.bytes(${x})`);
      default:
        if (FIXED[t] === undefined) throw new Error(`unsupported type ${t}`);
        return `w.${t}(${x})`;
    }
  }

  /** Statements that read field f into variable `out` (declared unless inTag). */
  private readStmts(f: FieldDef, out: string, inTag: boolean): string[] {
    const v = this.version;
    const c = compact(f, v, this.flexible);
    const n = nullable(f, v);
    const decl = inTag ? '' : 'let ';
    const nn = `throw h.NN(${JSON.stringify(f.n)});`;
    if (isArrayType(f.t)) {
      const et = elementType(f.t);
      let elem: string;
      let min: number;
      if (et === 'struct') {
        const sid = this.struct(f.f ?? []);
        elem = `d${sid}(r)`;
        min = this.minSize(f.f ?? []);
      } else {
        elem = this.primRead(et, c, false);
        min = this.minFieldSize(f, et);
      }
      return [inTag ? '' : `let ${out};`, '{', `const n = r.arrayLength(${c}, ${min});`,
        `if (n < 0) { ${n ? `${out} = null;` : nn} } else { const a = []; for (let i = 0; i < n; i++) a.push(${elem}); ${out} = a; }`, '}'];
    }
    if (f.t === 'struct') {
      const sid = this.struct(f.f ?? []);
      if (!n) return [`${decl}${out} = d${sid}(r);`];
      return [`${decl}${out} = ${inTag ? 'r.uvarint() === 0' : 'r.int8() < 0'} ? null : d${sid}(r);`];
    }
    const stmts = [`${decl}${out} = ${this.primRead(f.t, c, n)};`];
    if (f.t === 'records' && !n) stmts.push(`if (${out} === null) ${nn}`);
    return stmts;
  }

  /** Statements that write value expression x (already defaulted) of field f. */
  private writeStmts(f: FieldDef, x: string, inTag: boolean): string[] {
    const v = this.version;
    const c = compact(f, v, this.flexible);
    const n = nullable(f, v);
    const nn = `throw h.NN(${JSON.stringify(f.n)});`;
    if (isArrayType(f.t)) {
      const et = elementType(f.t);
      const elem = et === 'struct' ? `e${this.struct(f.f ?? [])}(w, ${x}[i])` : this.primWrite(et, c, false, `${x}[i]`);
      return [`if (${x} === null) { ${n ? `w.arrayLength(null, ${c});` : nn} } else {`,
        `if (!Array.isArray(${x})) throw new h.PE(${JSON.stringify(`field '${f.n}' must be an array`)});`,
        `w.arrayLength(${x}.length, ${c}); for (let i = 0; i < ${x}.length; i++) ${elem};`, '}'];
    }
    if (f.t === 'struct') {
      const sid = this.struct(f.f ?? []);
      if (!n) return [`if (${x} === null) ${nn}`, `e${sid}(w, ${x});`];
      return inTag
        ? [`if (${x} === null) w.uvarint(0); else { w.uvarint(1); e${sid}(w, ${x}); }`]
        : [`if (${x} === null) w.int8(-1); else { w.int8(1); e${sid}(w, ${x}); }`];
    }
    const pre = !n && (f.t === 'string' || f.t === 'bytes' || f.t === 'records') ? [`if (${x} === null) ${nn}`] : [];
    return [...pre, `${this.primWrite(f.t, c, n, x)};`];
  }
}

interface Compiled { read(r: Reader): any; write(w: Writer, v: any): void }

function compile(def: MessageDef, version: number): Compiled {
  const g = new Gen(version, inVersions(def.fv, version));
  const top = g.struct(def.f);
  const src = `'use strict';\nconst TD = h.TD, TC = [];\n${g.fns.join('\n')}\nreturn { read: d${top}, write: e${top} };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('h', src) as (h: unknown) => Compiled;
  return factory({ ...helpers, PE: ProtocolError, TD: g.tagDefaults });
}

function isEncodeError(e: unknown): e is Error & { code?: string } {
  return e instanceof RangeError || e instanceof TypeError;
}

class CompiledCodec implements Codec {
  private compiled: Compiled;
  constructor(readonly def: MessageDef, readonly version: number) {
    this.compiled = compile(def, version);
  }
  encode(value: unknown): Buffer {
    const w = new Writer();
    this.write(w, value);
    return w.toBuffer();
  }
  write(w: Writer, value: unknown): void {
    try {
      this.compiled.write(w, value ?? EMPTY_OBJECT);
    } catch (e) {
      if (isEncodeError(e)) throw new ProtocolError(`cannot encode ${this.def.name} v${this.version}: ${e.message}`);
      throw e;
    }
  }
  decode(buf: Buffer, offset = 0, end: number = buf.length): any {
    return this.compiled.read(new Reader(buf, offset, end));
  }
  read(r: Reader): any { return this.compiled.read(r); }
}

const schemaCache = new WeakMap<MessageDef, (Codec | undefined)[]>();

/** Codec for any schema (headers, data schemas) at a version within its validVersions. */
export function getSchemaCodec(def: MessageDef, version: number): Codec {
  let byVersion = schemaCache.get(def);
  if (byVersion === undefined) { byVersion = []; schemaCache.set(def, byVersion); }
  let c = byVersion[version];
  if (c === undefined) {
    const [min, max] = parseVersions(def.vv);
    if (!Number.isInteger(version) || version < min || version > max) {
      throw new ProtocolError(`unsupported version ${version} of ${def.name} (valid ${def.vv})`);
    }
    c = byVersion[version] = new CompiledCodec(def, version);
  }
  return c;
}

/** Codec for a standalone data schema (e.g. 'ConsumerProtocolSubscription'). */
export function getDataCodec(name: string, version: number): Codec {
  const def = Object.prototype.hasOwnProperty.call(DATA, name) ? DATA[name] : undefined;
  if (def === undefined) throw new ProtocolError(`unknown data schema ${name}`);
  return getSchemaCodec(def, version);
}

const requestCodecs: Codec[][] = REQUESTS.map(() => []);
const responseCodecs: Codec[][] = RESPONSES.map(() => []);

/** Codec for a request or response body; throws ProtocolError for an unknown key or version. */
export function getCodec(apiKey: number, version: number, dir: Direction): Codec {
  const byKey = dir === 'request' ? requestCodecs : responseCodecs;
  const byVersion = byKey[apiKey];
  if (byVersion === undefined || !Number.isInteger(apiKey)) throw new ProtocolError(`unknown api key ${apiKey}`);
  const hit = byVersion[version];
  if (hit !== undefined) return hit;
  const def = (dir === 'request' ? REQUESTS : RESPONSES)[apiKey];
  return (byVersion[version] = getSchemaCodec(def, version));
}
