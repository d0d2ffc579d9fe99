'use strict';
// Reads ../shared/kafka-protocol/error-codes.tsv and writes src/protocol/generated/error-codes.ts.
const fs = require('fs');
const path = require('path');
const src = process.argv[2] || path.join(__dirname, '..', '..', 'shared', 'kafka-protocol', 'error-codes.tsv');
const out = path.join(__dirname, '..', 'src', 'protocol', 'generated', 'error-codes.ts');
const rows = fs.readFileSync(src, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
let s = '// generated — do not edit (scripts/gen-error-codes.js from the Kafka protocol error table)\n';
s += 'export const ErrorCode = {\n  NONE: 0,\n';
for (const [code, name] of rows) if (code !== '0') s += `  ${name}: ${code},\n`;
s += '} as const;\n\nexport const RETRIABLE: ReadonlySet<number> = new Set([' + rows.filter((r) => r[2] === 'true').map((r) => r[0]).join(', ') + ']);\n';
fs.writeFileSync(out, s);
