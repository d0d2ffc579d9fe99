import { expect } from 'chai';
import { parseProperties, parsePropertyEntries } from '../../../src/config/server-properties';

describe('config/server-properties', () => {
  it('parses key=value, key: value and key value forms', () => {
    const p = parseProperties('a=1\nb: 2\nc 3\n  d  =  4\ne\n');
    expect(p).to.deep.equal({ a: '1', b: '2', c: '3', d: '4', e: '' });
  });

  it('skips # and ! comments and blank lines', () => {
    const p = parseProperties('# comment\n! also comment\n\n   \n  # indented comment\nx=y\n');
    expect(p).to.deep.equal({ x: 'y' });
  });

  it('keeps trailing whitespace and later separators in the value', () => {
    const p = parseProperties('k = a=b:c  \n');
    expect(p.k).to.equal('a=b:c  ');
  });

  it('joins continuation lines and drops their leading whitespace', () => {
    const p = parseProperties('listeners=PLAINTEXT://:9092,\\\n    CONTROLLER://:9093\nnext=1');
    expect(p.listeners).to.equal('PLAINTEXT://:9092,CONTROLLER://:9093');
    expect(p.next).to.equal('1');
  });

  it('an even number of trailing backslashes is not a continuation', () => {
    const p = parseProperties('a=x\\\\\nb=y');
    expect(p.a).to.equal('x\\');
    expect(p.b).to.equal('y');
  });

  it('handles escapes in keys and values', () => {
    const p = parseProperties('my\\ key\\=x = tab\\there\\nnl \\u0041\\u00e9 \\q\n');
    expect(p['my key=x']).to.equal('tab\there\nnl Aé q');
  });

  it('handles CRLF and CR line endings', () => {
    expect(parseProperties('a=1\r\nb=2\rc=3')).to.deep.equal({ a: '1', b: '2', c: '3' });
  });

  it('a comment line ending in a backslash does not continue', () => {
    expect(parseProperties('# comment \\\na=1')).to.deep.equal({ a: '1' });
  });

  it('last duplicate wins; entries keep line numbers', () => {
    expect(parseProperties('a=1\na=2').a).to.equal('2');
    const e = parsePropertyEntries('\n# c\nx=1\ny=2\\\n 3');
    expect(e).to.deep.equal([{ key: 'x', value: '1', line: 3 }, { key: 'y', value: '23', line: 4 }]);
  });

  it('rejects a malformed \\u escape', () => {
    expect(() => parseProperties('a=\\u12G4')).to.throw(/malformed/);
  });
});
