// Full-text search over the sentences.
import { api } from '../api.js';
import { esc, errorBox, docLink, fmtInt } from '../util.js';

/** The text with the query's words marked, in any case. */
function marked(text, q) {
  const words = q
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length) return esc(text);
  const re = new RegExp(`(${words.join('|')})`, 'giu');
  return text
    .split(re)
    .map((part, i) => (i % 2 ? `<mark>${esc(part)}</mark>` : esc(part)))
    .join('');
}

export default {
  title: 'Search',
  async render(root, ctx) {
    const q = (ctx.params.get('q') || '').trim();
    root.innerHTML = `<h1>Search</h1><section class="panel"><div data-testid="search-results"><p class="loading">Searching…</p></div></section>`;
    const input = document.querySelector('[data-testid=search-input]');
    if (input) input.value = q;
    const el = root.querySelector('[data-testid=search-results]');
    if (!q) {
      el.innerHTML = '<p class="empty">Type words in the search box above.</p>';
      return;
    }
    try {
      const body = await api('search', { q, limit: 100 }, ctx);
      if (!ctx.alive()) return;
      const hits = Array.isArray(body) ? body : (body && body.items) || [];
      el.innerHTML = hits.length
        ? `<p class="muted">${fmtInt(hits.length)} sentence${hits.length === 1 ? '' : 's'} for “${esc(q)}”.</p><ol class="hits">${hits
            .map(
              (h) => `<li data-testid="search-hit"><a href="${docLink(h.doc_id)}">${esc(h.title || h.source || h.doc_id)}</a> <span class="muted small">${esc(h.date || '')}</span><div>${marked(h.text || '', q)}</div></li>`,
            )
            .join('')}</ol>`
        : `<p class="empty">Nothing found for “${esc(q)}”.</p>`;
    } catch (e) {
      if (ctx.alive()) el.innerHTML = errorBox(e, 'The search failed');
    }
  },
};
