// Shared CLI option helpers.

/** Thrown for bad command-line usage; main() prints the message and exits with code 1. */
export class UsageError extends Error {
  constructor(message: string) { super(message); this.name = 'UsageError'; }
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] { return previous.concat([value]); }

/** Parses ["k=v", ...] into a record; `what` names the option in errors. */
export function parseKeyValues(list: string[] | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw new UsageError(`Invalid ${what} '${item}': expected key=value`);
    out[item.slice(0, i).trim()] = item.slice(i + 1);
  }
  return out;
}

/** Parses an integer option; throws UsageError naming the option. */
export function parseIntOption(value: string | undefined, name: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(value.trim())) throw new UsageError(`Invalid value '${value}' for ${name}: expected an integer`);
  const n = Number(value);
  if (n < min) throw new UsageError(`Invalid value '${value}' for ${name}: must be at least ${min}`);
  return n;
}

export function parseBool(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new UsageError(`Invalid value '${value}' for ${name}: expected true or false`);
}

/** Unescapes \t \n \r \\ in separator properties given on a shell command line. */
export function unescapeSeparator(s: string): string {
  return s.replace(/\\([tnr\\])/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', '\\': '\\' } as Record<string, string>)[c]);
}

/** Writes to a stream, waiting for drain when its buffer is full. */
export function writeOut(stream: NodeJS.WritableStream, s: string): Promise<void> | void {
  if (!stream.write(s)) return new Promise((r) => stream.once('drain', () => r()));
}
