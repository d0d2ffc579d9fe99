// Shape of the generated protocol tables (src/protocol/generated/messages.ts) and the
// helpers that interpret them at compile time (never per message).

/** Thrown for malformed or truncated protocol input and for values that cannot be encoded. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export type PrimitiveType =
  | 'bool' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'float64'
  | 'string' | 'bytes' | 'records' | 'uuid';

/** One field of a message or struct, as generated from the Kafka schema. */
export interface FieldDef {
  /** lowerCamelCase field name. */
  readonly n: string;
  /** Type: a primitive, `[]<primitive>`, `struct` or `[]struct`. */
  readonly t: string;
  /** Struct type name (struct and []struct only). */
  readonly s?: string;
  /** Versions in which the field is present ('0+', '3-5', '7', 'none'). */
  readonly v: string;
  /** Versions in which the field may be null. */
  readonly nv?: string;
  /** Versions in which the field is tagged, and its tag. */
  readonly tv?: string;
  readonly tag?: number;
  /** Field-level override of the message's flexible versions (request header ClientId). */
  readonly fv?: string;
  /** Schema default (already typed); absent = the type's natural default. */
  readonly d?: number | boolean | string | null;
  /** Nested fields (struct and []struct). */
  readonly f?: readonly FieldDef[];
}

/** A request, response, header or data schema. */
export interface MessageDef {
  readonly name: string;
  readonly apiKey?: number;
  /** validVersions */
  readonly vv: string;
  /** flexibleVersions */
  readonly fv: string;
  readonly f: readonly FieldDef[];
}

export const MAX_VERSION = 0x7fff;
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** Parses a Kafka version range ('0+', '1-3', '5', 'none') into [min, max]; empty range is [1, 0]. */
export function parseVersions(spec: string): [number, number] {
  if (spec === 'none') return [1, 0];
  const m = /^(\d+)(?:-(\d+)|(\+))?$/.exec(spec);
  if (!m) throw new Error(`bad version range '${spec}'`);
  const min = Number(m[1]);
  return [min, m[3] ? MAX_VERSION : m[2] !== undefined ? Number(m[2]) : min];
}

export function inVersions(spec: string | undefined, version: number): boolean {
  if (spec === undefined) return false;
  const [min, max] = parseVersions(spec);
  return version >= min && version <= max;
}

/** Is the field present on the wire (tagged or not) in this version? */
export function present(f: FieldDef, version: number): boolean { return inVersions(f.v, version); }
export function nullable(f: FieldDef, version: number): boolean { return inVersions(f.nv, version); }
export function tagged(f: FieldDef, version: number): boolean { return f.tag !== undefined && inVersions(f.tv, version); }
/** Does the field use compact (flexible) encodings in this version of a message that is or is not flexible? */
export function compact(f: FieldDef, version: number, messageFlexible: boolean): boolean {
  return messageFlexible && (f.fv === undefined || inVersions(f.fv, version));
}

export function isArrayType(t: string): boolean { return t.startsWith('[]'); }
export function elementType(t: string): string { return t.startsWith('[]') ? t.slice(2) : t; }

/**
 * The default value of a field as a plain JS value, as Kafka fills it in for fields that are
 * absent from a version: the schema default, else 0 / false / '' / zero uuid / empty bytes /
 * null records / [] / a struct of defaults. Returns a fresh object for mutable values.
 */
export function defaultValue(f: FieldDef): unknown {
  if (f.d !== undefined) return f.d;
  if (isArrayType(f.t)) return [];
  switch (f.t) {
    case 'bool': return false;
    case 'string': return '';
    case 'uuid': return ZERO_UUID;
    case 'bytes': return Buffer.alloc(0);
    case 'records': return null;
    case 'struct': return defaultStruct(f.f ?? []);
    default: return 0;
  }
}

export function defaultStruct(fields: readonly FieldDef[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const f of fields) o[f.n] = defaultValue(f);
  return o;
}
