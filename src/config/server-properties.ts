// Java .properties parsing (java.util.Properties#load semantics):
// comment lines start with # or !, a key ends at the first unescaped '=', ':' or whitespace,
// a line ending in an odd number of backslashes continues on the next line (whose leading
// whitespace is dropped), escapes \t \n \r \f \uXXXX and \<any> → <any>. Last duplicate wins.
import { readFileSync } from 'fs';

export interface PropertyEntry { key: string; value: string; line: number }

function isWs(c: string): boolean { return c === ' ' || c === '\t' || c === '\f'; }

/** Splits text into logical lines (continuations joined), skipping blanks and comments. */
function logicalLines(text: string): { text: string; line: number }[] {
  const natural = text.split(/\r\n|\r|\n/);
  const out: { text: string; line: number }[] = [];
  let i = 0;
  while (i < natural.length) {
    const startLine = i + 1;
    let cur = natural[i++].replace(/^[ \t\f]+/, '');
    if (cur === '' || cur[0] === '#' || cur[0] === '!') continue;
    while (endsWithContinuation(cur)) {
      cur = cur.slice(0, -1);
      if (i >= natural.length) break;
      cur += natural[i++].replace(/^[ \t\f]+/, '');
    }
    out.push({ text: cur, line: startLine });
  }
  return out;
}

function endsWithContinuation(s: string): boolean {
  let n = 0;
  for (let j = s.length - 1; j >= 0 && s[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

function unescape(s: string, line: number): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') { out += c; continue; }
    const n = s[++i];
    if (n === undefined) break;
    switch (n) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        const hex = s.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Error(`malformed \\uxxxx encoding on line ${line}`);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        break;
      }
      default: out += n;
    }
  }
  return out;
}

function parseLine(s: string, line: number): PropertyEntry {
  let i = 0;
  let keyEnd = s.length;
  let sepFound = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '=' || c === ':') { keyEnd = i; sepFound = true; i++; break; }
    if (isWs(c)) { keyEnd = i; i++; break; }
  }
  // skip whitespace, then at most one separator if the key ended at whitespace
  while (i < s.length && isWs(s[i])) i++;
  if (!sepFound && i < s.length && (s[i] === '=' || s[i] === ':')) {
    i++;
    while (i < s.length && isWs(s[i])) i++;
  }
  return { key: unescape(s.slice(0, keyEnd), line), value: unescape(s.slice(Math.min(i, s.length)), line), line };
}

/** All entries in file order (duplicates kept). */
export function parsePropertyEntries(text: string): PropertyEntry[] {
  return logicalLines(text).map((l) => parseLine(l.text, l.line));
}

/** key → value; the last occurrence of a key wins, as in java.util.Properties. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of parsePropertyEntries(text)) out[e.key] = e.value;
  return out;
}

export function readPropertiesFile(file: string): Record<string, string> {
  return parseProperties(readFileSync(file, 'utf8'));
}
