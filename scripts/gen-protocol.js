'use strict';
// Derives samsa's own protocol tables from the Kafka protocol reference data
// (../shared/kafka-protocol: messages/*.json and error-codes.tsv) and writes them to
// src/protocol/generated/. Only protocol facts are kept (names, types, versions, tags,
// defaults); comments and descriptions are dropped.
//
//   node scripts/gen-protocol.js [path/to/kafka-protocol]
//
// generate(dir) returns { relativePath: content } without writing (used by the
// "generated files are current" test).
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DEFAULT_SRC = path.join(ROOT, '..', 'shared', 'kafka-protocol');
const OUT_DIR = 'src/protocol/generated';
const HEADER = '// generated — do not edit (scripts/gen-protocol.js from the Kafka protocol definitions)\n';
const PRIMITIVES = new Set(['bool', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'float64',
  'string', 'bytes', 'records', 'uuid']);

/** Removes `//` comments that are outside JSON string literals. */
function stripComments(text) {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') { out += text[++i]; } else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

function camel(name) { return name.charAt(0).toLowerCase() + name.slice(1); }

function parseDefault(type, raw, fileName, fieldName) {
  if (raw === undefined) return undefined;
  const s = String(raw);
  if (s === 'null') return null;
  if (type === 'bool') {
    if (s !== 'true' && s !== 'false') throw new Error(`${fileName}: bad bool default for ${fieldName}`);
    return s === 'true';
  }
  if (/^(u?int(8|16|32|64)|float64)$/.test(type)) {
    const n = /^-?0x/i.test(s) ? (s.startsWith('-') ? -parseInt(s.slice(3), 16) : parseInt(s.slice(2), 16)) : Number(s);
    if (!Number.isFinite(n)) throw new Error(`${fileName}: bad numeric default for ${fieldName}: ${s}`);
    return n;
  }
  if (type === 'string') return s;
  throw new Error(`${fileName}: unsupported default ${s} for ${fieldName} (${type})`);
}

function convertFields(fields, structs, fileName) {
  return (fields || []).map((f) => {
    let type = f.type;
    const isArray = type.startsWith('[]');
    const elem = isArray ? type.slice(2) : type;
    const out = { n: camel(f.name) };
    let nested;
    if (PRIMITIVES.has(elem)) {
      out.t = type;
    } else {
      out.t = isArray ? '[]struct' : 'struct';
      out.s = elem;
      const src = f.fields ? f.fields : structs.get(elem);
      if (!src) throw new Error(`${fileName}: unknown struct type ${elem} for field ${f.name}`);
      nested = convertFields(src, structs, fileName);
    }
    out.v = f.versions;
    if (f.nullableVersions) out.nv = f.nullableVersions;
    if (f.taggedVersions !== undefined) { out.tv = f.taggedVersions; out.tag = f.tag; }
    if (f.flexibleVersions !== undefined) out.fv = f.flexibleVersions;
    const d = parseDefault(isArray ? 'array' : out.t === 'struct' ? 'struct' : elem, f.default, fileName, f.name);
    if (d !== undefined) out.d = d;
    if (nested) out.f = nested;
    return out;
  });
}

function loadMessages(srcDir) {
  const dir = path.join(srcDir, 'messages');
  const msgs = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const j = JSON.parse(stripComments(fs.readFileSync(path.join(dir, file), 'utf8')));
    const structs = new Map();
    for (const cs of j.commonStructs || []) structs.set(cs.name, cs.fields);
    msgs.push({
      name: j.name, type: j.type, apiKey: j.apiKey, vv: j.validVersions, fv: j.flexibleVersions,
      f: convertFields(j.fields, structs, file),
    });
  }
  return msgs;
}

// ---- emitting ----

function lit(v) {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return String(v);
}

function emitFields(fields, indent) {
  if (fields.length === 0) return '[]';
  const pad = ' '.repeat(indent);
  const lines = fields.map((f) => {
    const parts = [`n: ${lit(f.n)}`, `t: ${lit(f.t)}`];
    if (f.s !== undefined) parts.push(`s: ${lit(f.s)}`);
    parts.push(`v: ${lit(f.v)}`);
    if (f.nv !== undefined) parts.push(`nv: ${lit(f.nv)}`);
    if (f.tv !== undefined) parts.push(`tv: ${lit(f.tv)}`, `tag: ${f.tag}`);
    if (f.fv !== undefined) parts.push(`fv: ${lit(f.fv)}`);
    if (f.d !== undefined) parts.push(`d: ${f.d === null ? 'null' : lit(f.d)}`);
    if (f.f) parts.push(`f: ${emitFields(f.f, indent + 2)}`);
    return `${pad}{ ${parts.join(', ')} }`;
  });
  return `[\n${lines.join(',\n')},\n${' '.repeat(indent - 2)}]`;
}

function emitMessage(m, indent) {
  const pad = ' '.repeat(indent);
  const key = m.apiKey === undefined ? '' : `apiKey: ${m.apiKey}, `;
  return `${pad}{ name: ${lit(m.name)}, ${key}vv: ${lit(m.vv)}, fv: ${lit(m.fv)}, f: ${emitFields(m.f, indent + 2)} }`;
}

function genMessages(msgs) {
  const byKey = (type) => {
    const arr = [];
    for (const m of msgs) if (m.type === type) arr[m.apiKey] = m;
    for (let k = 0; k < arr.length; k++) if (!arr[k]) throw new Error(`missing ${type} for api key ${k}`);
    return arr;
  };
  const reqs = byKey('request');
  const resps = byKey('response');
  let s = HEADER;
  s += "import type { MessageDef } from '../schema';\n\n";
  s += '/** Request schemas indexed by API key. */\n';
  s += `export const REQUESTS: readonly MessageDef[] = [\n${reqs.map((m) => emitMessage(m, 2)).join(',\n')},\n];\n\n`;
  s += '/** Response schemas indexed by API key. */\n';
  s += `export const RESPONSES: readonly MessageDef[] = [\n${resps.map((m) => emitMessage(m, 2)).join(',\n')},\n];\n\n`;
  const headers = msgs.filter((m) => m.type === 'header');
  s += '/** Request and response header schemas. */\n';
  s += `export const HEADERS: { readonly [name: string]: MessageDef } = {\n${headers.map((m) => `  ${m.name}:\n${emitMessage(m, 4)}`).join(',\n')},\n};\n\n`;
  const data = msgs.filter((m) => m.type === 'data');
  s += '/** Standalone data schemas (consumer protocol, KRaft records, ...). */\n';
  s += `export const DATA: { readonly [name: string]: MessageDef } = {\n${data.map((m) => `  ${m.name}:\n${emitMessage(m, 4)}`).join(',\n')},\n};\n`;
  return { s, reqs, resps };
}

function range(spec) {
  const m = /^(\d+)(?:-(\d+)|(\+))?$/.exec(spec);
  if (!m) throw new Error(`bad version range ${spec}`);
  return [Number(m[1]), m[3] ? 32767 : m[2] !== undefined ? Number(m[2]) : Number(m[1])];
}

function genApiKeys(reqs, resps) {
  let s = HEADER;
  s += '/** Kafka API keys by name. */\nexport const ApiKey = {\n';
  const names = reqs.map((m) => m.name.replace(/Request$/, ''));
  names.forEach((n, k) => { s += `  ${n}: ${k},\n`; });
  s += '} as const;\n\nexport type ApiKeyName = keyof typeof ApiKey;\n\n';
  s += '/** Per API key: [name, min version, max version, first flexible version or -1]. */\n';
  s += 'export const API_TABLE: readonly (readonly [string, number, number, number])[] = [\n';
  reqs.forEach((m, k) => {
    const r = resps[k];
    if (r.vv !== m.vv || r.fv !== m.fv) throw new Error(`request/response version mismatch for api key ${k}`);
    const [min, max] = range(m.vv);
    const flex = m.fv === 'none' ? -1 : range(m.fv)[0];
    s += `  [${lit(names[k])}, ${min}, ${max}, ${flex}],\n`;
  });
  s += '];\n';
  return s;
}

function genErrorCodes(srcDir) {
  const rows = fs.readFileSync(path.join(srcDir, 'error-codes.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  let s = HEADER;
  s += 'export const ErrorCode = {\n  NONE: 0,\n';
  for (const [code, name] of rows) if (code !== '0') s += `  ${name}: ${code},\n`;
  s += '} as const;\n\nexport const RETRIABLE: ReadonlySet<number> = new Set([' +
    rows.filter((r) => r[2] === 'true').map((r) => r[0]).join(', ') + ']);\n';
  return s;
}

function generate(srcDir = DEFAULT_SRC) {
  const msgs = loadMessages(srcDir);
  const { s, reqs, resps } = genMessages(msgs);
  return {
    [`${OUT_DIR}/messages.ts`]: s,
    [`${OUT_DIR}/api-keys.ts`]: genApiKeys(reqs, resps),
    [`${OUT_DIR}/error-codes.ts`]: genErrorCodes(srcDir),
  };
}

module.exports = { generate, stripComments, DEFAULT_SRC };

if (require.main === module) {
  const files = generate(process.argv[2] || DEFAULT_SRC);
  for (const [rel, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(ROOT, rel), content);
    console.log(`wrote ${rel} (${content.length} bytes)`);
  }
}
