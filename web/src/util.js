// Small helpers shared by the views.

/** Escapes text for HTML. */
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Quad classes: label and colour. */
export const QUADS = [
  { quad: 1, label: 'Verbal cooperation', color: '#7fbf7b' },
  { quad: 2, label: 'Material cooperation', color: '#1b7837' },
  { quad: 3, label: 'Verbal conflict', color: '#f1a340' },
  { quad: 4, label: 'Material conflict', color: '#c51b29' },
];

export function quadColor(q) {
  return (QUADS[q - 1] || { color: '#999' }).color;
}

export function quadLabel(q) {
  return (QUADS[q - 1] || { label: `quad ${q}` }).label;
}

/** A legend of the four quad classes. */
export function quadLegend(testid = 'quad-legend') {
  return `<ul class="legend" data-testid="${testid}">${QUADS.map(
    (q) => `<li><span class="swatch" style="background:${q.color}"></span>${q.quad} ${esc(q.label)}</li>`,
  ).join('')}</ul>`;
}

/** A polite error box. */
export function errorBox(e, what) {
  const msg = e && e.message ? e.message : String(e);
  const status = e && e.status ? ` (HTTP ${e.status})` : '';
  return `<div class="error" role="alert" data-testid="error"><strong>${esc(what || 'Something went wrong')}</strong>${esc(status)}: ${esc(msg)}</div>`;
}

export function fmtInt(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US');
}

export function fmtNum(n, digits = 1) {
  return n === null || n === undefined || Number.isNaN(n) ? '–' : Number(n).toFixed(digits);
}

/** Parses `#/view/rest?x=y` into `{parts, params}`. */
export function parseHash(hash) {
  const h = (hash || '').replace(/^#/, '');
  const qi = h.indexOf('?');
  const path = qi >= 0 ? h.slice(0, qi) : h;
  const params = new URLSearchParams(qi >= 0 ? h.slice(qi + 1) : '');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params };
}

/** `#/view?params` with empty values left out. */
export function hashFor(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return `#/${path}${s ? `?${s}` : ''}`;
}

/** An object of the non-empty entries of URLSearchParams among `keys`. */
export function pick(params, keys) {
  const out = {};
  for (const k of keys) {
    const v = params.get(k);
    if (v !== null && v !== '') out[k] = v;
  }
  return out;
}

/** A link to the events table filtered by `params`. */
export function eventsLink(params) {
  return hashFor('events', params);
}

export function docLink(id, params) {
  return hashFor(`document/${encodeURIComponent(id)}`, params);
}

/** Shortens long text with an ellipsis. */
export function clip(s, n = 80) {
  s = String(s ?? '');
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Measures an element's inner size, with fallbacks for hidden layouts. */
export function sizeOf(el, w = 900, h = 560) {
  const r = el.getBoundingClientRect();
  return { width: Math.max(320, Math.floor(r.width) || w), height: Math.max(240, Math.floor(r.height) || h) };
}
