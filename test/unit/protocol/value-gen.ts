// Deterministic, schema-driven test values: every field present in a version gets a
// non-default value (variant 0), or null where the field is nullable (variant 1).
import { FieldDef, MessageDef, defaultValue, elementType, inVersions, isArrayType, nullable, present } from '../../../src/protocol/schema';

export type Variant = 0 | 1;

class Seq {
  n = 0;
  next(): number { return ++this.n; }
}

function differs(v: unknown, f: FieldDef, bump: (x: number) => number): unknown {
  return f.d !== undefined && v === f.d && typeof v === 'number' ? bump(v) : v;
}

function prim(t: string, s: Seq, f: FieldDef): unknown {
  const k = s.next();
  switch (t) {
    case 'bool': return f.d === true ? false : true;
    case 'int8': return differs((k % 120) + 1, f, (x) => x + 1);
    case 'int16': return differs(k % 2 ? 1000 + k : -(1000 + k), f, (x) => x + 1);
    case 'uint16': return 40000 + (k % 1000);
    case 'int32': return differs(k % 2 ? 100000 + k : -(100000 + k), f, (x) => x + 1);
    case 'uint32': return 3000000000 + k;
    case 'int64': return k % 2 ? 2 ** 40 + k : -(2 ** 35 + k);
    case 'float64': return k + 0.25;
    case 'string': return `s${k}-é`;
    case 'uuid': {
      const b = Buffer.alloc(16);
      for (let i = 0; i < 16; i++) b[i] = (k * 31 + i * 7) & 0xff;
      return b.toString('base64url');
    }
    case 'bytes': return Buffer.from([k & 0xff, 1, 2, 3]);
    case 'records': return Buffer.from([9, 8, 7, k & 0xff, 5]);
    default: throw new Error(`unknown type ${t}`);
  }
}

export function makeStruct(fields: readonly FieldDef[], version: number, variant: Variant, s: Seq = new Seq()): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const f of fields) {
    if (!present(f, version)) continue;
    if (variant === 1 && nullable(f, version)) { o[f.n] = null; continue; }
    if (isArrayType(f.t)) {
      const count = variant === 0 ? 2 : 1;
      const et = elementType(f.t);
      const a: unknown[] = [];
      for (let i = 0; i < count; i++) a.push(et === 'struct' ? makeStruct(f.f ?? [], version, variant, s) : prim(et, s, f));
      o[f.n] = a;
    } else if (f.t === 'struct') {
      o[f.n] = makeStruct(f.f ?? [], version, variant, s);
    } else {
      o[f.n] = prim(f.t, s, f);
    }
  }
  return o;
}

export function makeValue(def: MessageDef, version: number, variant: Variant): Record<string, unknown> {
  return makeStruct(def.f, version, variant);
}

/** Keeps only the fields present in this version (recursively), as the input was built. */
export function project(value: unknown, fields: readonly FieldDef[], version: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  const o: Record<string, unknown> = {};
  for (const f of fields) {
    if (!present(f, version)) continue;
    const x = v[f.n];
    if (f.t === '[]struct' && Array.isArray(x)) o[f.n] = x.map((e) => project(e, f.f ?? [], version));
    else if (f.t === 'struct') o[f.n] = project(x, f.f ?? [], version);
    else o[f.n] = x;
  }
  return o;
}

/** Lists [path, actual, expected] for fields absent from the version whose decoded value is not the default. */
export function absentMismatches(value: unknown, fields: readonly FieldDef[], version: number, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  const out: string[] = [];
  for (const f of fields) {
    const x = v[f.n];
    if (!present(f, version)) {
      if (JSON.stringify(x) !== JSON.stringify(defaultValue(f))) out.push(`${path}${f.n}`);
      continue;
    }
    if (f.t === '[]struct' && Array.isArray(x)) x.forEach((e, i) => out.push(...absentMismatches(e, f.f ?? [], version, `${path}${f.n}[${i}].`)));
    else if (f.t === 'struct') out.push(...absentMismatches(x, f.f ?? [], version, `${path}${f.n}.`));
  }
  return out;
}

export function versionsOf(def: MessageDef): number[] {
  const out: number[] = [];
  for (let v = 0; v <= 200; v++) if (inVersions(def.vv, v)) out.push(v);
  return out;
}
