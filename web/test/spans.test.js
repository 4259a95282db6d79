// Unit tests of the offset conversion and highlight splitting: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetMaps, toUtf16, pieces } from '../src/spans.js';

test('code points, bytes and UTF-16 agree on text outside the BMP', () => {
  const text = 'Café 🎉 talks “resume” in Zürich.';
  const maps = offsetMaps(text);
  const word = 'Zürich';
  const u = text.indexOf(word);
  const cpStart = Array.from(text.slice(0, u)).length;
  const byteStart = new TextEncoder().encode(text.slice(0, u)).length;
  const located = {
    chars: [cpStart, cpStart + Array.from(word).length],
    span: [byteStart, byteStart + new TextEncoder().encode(word).length],
  };
  const [s, e] = toUtf16(maps, located);
  assert.equal(text.slice(s, e), word);
  const [s2, e2] = toUtf16(maps, { span: located.span });
  assert.equal(text.slice(s2, e2), word);
  assert.equal(maps.fromBytes(byteStart + 1 + 1), -1, 'inside ü');
});

test('overlapping marks split the text into covered pieces', () => {
  const text = 'He said "we will meet in Geneva" today.';
  const quote = { start: 9, end: 31, cls: 'quote' };
  const trig = { start: 17, end: 21, cls: 'trigger' };
  const ent = { start: 25, end: 35, cls: 'ent' };
  const ps = pieces(text.length, [quote, trig, ent]);
  assert.equal(ps.map((p) => text.slice(p.start, p.end)).join(''), text);
  const meet = ps.find((p) => text.slice(p.start, p.end) === 'meet');
  assert.deepEqual(meet.marks.map((m) => m.cls).sort(), ['quote', 'trigger']);
  const gen = ps.find((p) => text.slice(p.start, p.end) === 'Geneva');
  assert.deepEqual(gen.marks.map((m) => m.cls).sort(), ['ent', 'quote']);
  const after = ps.find((p) => text.slice(p.start, p.end) === '" to');
  assert.deepEqual(after.marks.map((m) => m.cls), ['ent']);
});
