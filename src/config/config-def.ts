// Typed configuration keys (Kafka's ConfigDef model): type, default, validator; parsing of the
// string forms. Shared by broker (server-config) and topic (topic-config) keys.
import { SamsaError } from '../runtime/samsa-error';

export type ConfigType = 'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password';
export type ConfigValue = boolean | string | number | string[] | null;

/** Kafka's DescribeConfigs `configType` codes. */
export const CONFIG_TYPE_CODE: Record<ConfigType, number> = {
  boolean: 1, string: 2, int: 3, short: 4, long: 5, double: 6, list: 7, class: 8, password: 9,
};

/** Kafka's DescribeConfigs `configSource` codes. */
export const ConfigSource = {
  UNKNOWN: 0,
  TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;

/** A validator returns a reason (e.g. "Value must be at least 1") or null. */
export type Validator = (v: ConfigValue) => string | null;

export interface ConfigKey {
  name: string;
  type: ConfigType;
  /** Kafka's default in string form; null = no default (unset). */
  default: string | null;
  validator?: Validator;
  doc?: string;
}

/** Thrown for an invalid configuration; the message names the key and the bad value. */
export class ConfigError extends SamsaError {
  readonly key: string | undefined;
  readonly value: string | undefined;
  constructor(detail: string, key?: string, value?: string) {
    super('SAMSA_ERR_CONFIG', detail);
    this.name = 'ConfigError';
    this.message = detail;
    this.key = key;
    this.value = value;
  }
}

export function invalidValueMessage(key: string, value: string, reason: string): string {
  return `Invalid value ${value} for configuration ${key}: ${reason}`;
}

export const INT_MAX = 2147483647;
export const INT_MIN = -2147483648;
/** Java's Long.MAX_VALUE in string form; parsed values above the safe range clamp to it. */
export const LONG_MAX_STRING = '9223372036854775807';
const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

/** Parses a value of the key's type; returns the value or a reason string in `error`. */
export function parseTyped(type: ConfigType, raw: string): { value: ConfigValue; error?: string } {
  const s = raw.trim();
  switch (type) {
    case 'boolean': {
      const l = s.toLowerCase();
      if (l === 'true') return { value: true };
      if (l === 'false') return { value: false };
      return { value: null, error: 'Expected value to be either true or false' };
    }
    case 'int':
    case 'short': {
      if (!/^[+-]?\d+$/.test(s)) return { value: null, error: `Not a number of type ${type.toUpperCase()}` };
      const n = Number(s);
      const [lo, hi] = type === 'short' ? [-32768, 32767] : [INT_MIN, INT_MAX];
      if (n < lo || n > hi) return { value: null, error: `Not a number of type ${type.toUpperCase()}` };
      return { value: n };
    }
    case 'long': {
      if (!/^[+-]?\d+$/.test(s)) return { value: null, error: 'Not a number of type LONG' };
      const b = BigInt(s);
      if (b > LONG_MAX || b < LONG_MIN) return { value: null, error: 'Not a number of type LONG' };
      if (b > BigInt(Number.MAX_SAFE_INTEGER)) return { value: Number.MAX_SAFE_INTEGER };
      if (b < BigInt(Number.MIN_SAFE_INTEGER)) return { value: Number.MIN_SAFE_INTEGER };
      return { value: Number(b) };
    }
    case 'double': {
      if (s === '' || !Number.isFinite(Number(s))) return { value: null, error: 'Not a number of type DOUBLE' };
      return { value: Number(s) };
    }
    case 'list':
      return { value: s === '' ? [] : s.split(',').map((x) => x.trim()).filter((x) => x !== '') };
    default:
      return { value: raw };
  }
}

/** Parses and validates; throws ConfigError naming key and value. */
export function parseKey(def: ConfigKey, raw: string, displayName = def.name): ConfigValue {
  const { value, error } = parseTyped(def.type, raw);
  if (error) throw new ConfigError(invalidValueMessage(displayName, raw, error), displayName, raw);
  const reason = def.validator ? def.validator(value) : null;
  if (reason) throw new ConfigError(invalidValueMessage(displayName, raw, reason), displayName, raw);
  return value;
}

/** Same as parseKey but returns an error message instead of throwing. */
export function checkKey(def: ConfigKey, raw: string): string | null {
  try { parseKey(def, raw); return null; } catch (e) { return (e as Error).message; }
}

// ---- validators -------------------------------------------------------------------------

export const atLeast = (min: number): Validator => (v) =>
  typeof v === 'number' && v < min ? `Value must be at least ${min}` : null;

export const between = (min: number, max: number): Validator => (v) =>
  typeof v === 'number' && (v < min || v > max) ? `Value must be no less than ${min} and no more than ${max}` : null;

export const inList = (...allowed: string[]): Validator => (v) =>
  v !== null && !allowed.includes(String(v)) ? `String must be one of: ${allowed.join(', ')}` : null;

/** Case-insensitive variant (Kafka's CaseInsensitiveValidString). */
export const inListIgnoreCase = (...allowed: string[]): Validator => (v) =>
  v !== null && !allowed.some((a) => a.toLowerCase() === String(v).toLowerCase())
    ? `String must be one of (case insensitive): ${allowed.join(', ')}` : null;

export const validList = (...allowed: string[]): Validator => (v) => {
  if (!Array.isArray(v)) return null;
  const bad = v.find((x) => !allowed.includes(x));
  return bad !== undefined ? `Invalid value ${bad} in list; must be one of: ${allowed.join(', ')}` : null;
};

export const nonEmptyList: Validator = (v) => (Array.isArray(v) && v.length === 0 ? 'Empty list' : null);

export const allOf = (...vs: Validator[]): Validator => (v) => {
  for (const f of vs) { const r = f(v); if (r) return r; }
  return null;
};

/** Default in string form for display ('' for none, like Kafka shows null). */
export function defaultString(def: ConfigKey): string | null { return def.default; }
