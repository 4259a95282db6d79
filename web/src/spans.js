// Offsets and overlapping highlights.
//
// The API gives every span twice: `span` in UTF-8 bytes and `chars` in
// Unicode code points. JavaScript strings index UTF-16 code units, so both
// are converted through maps built once per text.

/** Maps from code-point and byte offsets of `text` to UTF-16 offsets. */
export function offsetMaps(text) {
  const cp = [0];
  const byte = [0];
  let u16 = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    const units = ch.length;
    const nbytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    // Byte offsets inside a character map to nothing.
    for (let i = 1; i < nbytes; i++) byte.push(-1);
    u16 += units;
    cp.push(u16);
    byte.push(u16);
  }
  return {
    /** UTF-16 offset of code-point offset `i`, or -1. */
    fromChars(i) {
      return Number.isInteger(i) && i >= 0 && i < cp.length ? cp[i] : -1;
    },
    /** UTF-16 offset of byte offset `i`, or -1 when not on a character boundary. */
    fromBytes(i) {
      return Number.isInteger(i) && i >= 0 && i < byte.length ? byte[i] : -1;
    },
  };
}

/**
 * The UTF-16 `[start, end]` of a located thing (`{span, chars}`), or null.
 * `chars` is used first; `span` (bytes) when `chars` is missing or off the text.
 */
export function toUtf16(maps, located) {
  if (!located) return null;
  const c = located.chars;
  if (Array.isArray(c) && c.length === 2) {
    const s = maps.fromChars(c[0]);
    const e = maps.fromChars(c[1]);
    if (s >= 0 && e >= s) return [s, e];
  }
  const b = located.span;
  if (Array.isArray(b) && b.length === 2) {
    const s = maps.fromBytes(b[0]);
    const e = maps.fromBytes(b[1]);
    if (s >= 0 && e >= s) return [s, e];
  }
  return null;
}

/**
 * Splits `[0, length)` at every start and end of `marks` (`{start, end, ...}`
 * in UTF-16 units) and returns the pieces `{start, end, marks}` in order, each
 * with the marks covering it. Overlapping and nested marks are fine.
 */
export function pieces(length, marks) {
  const valid = marks.filter((m) => m.end > m.start && m.start >= 0 && m.end <= length);
  const cuts = new Set([0, length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starting = new Map();
  for (const m of valid) {
    if (!starting.has(m.start)) starting.set(m.start, []);
    starting.get(m.start).push(m);
  }
  const active = new Set();
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    for (const m of active) if (m.end <= a) active.delete(m);
    for (const m of starting.get(a) || []) active.add(m);
    out.push({ start: a, end: b, marks: [...active] });
  }
  return out;
}
