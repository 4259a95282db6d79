// Dashboard: counts, latest documents, busiest dyads.
import { api, page } from '../api.js';
import { esc, errorBox, fmtInt, fmtNum, docLink, eventsLink, hashFor, quadColor, quadLabel, quadLegend, clip } from '../util.js';

function quadBar(quad) {
  const total = quad.reduce((a, b) => a + b, 0) || 1;
  return `<span class="quadbar" title="${quad.map((n, i) => `${quadLabel(i + 1)}: ${n}`).join('\n')}">${quad
    .map((n, i) => (n ? `<span style="width:${((100 * n) / total).toFixed(2)}%;background:${quadColor(i + 1)}"></span>` : ''))
    .join('')}</span>`;
}

async function stats(el, ctx) {
  try {
    const s = await api('stats', {}, ctx);
    const range = s.date_range ? `${esc(s.date_range[0])} – ${esc(s.date_range[1])}` : '–';
    const cards = [
      ['documents', 'Documents', fmtInt(s.n_documents), '#/'],
      ['events', 'Events', fmtInt(s.n_events), '#/events'],
      ['quotes', 'Quotes', fmtInt(s.n_quotes), '#/quotes'],
      ['actors', 'Actors', fmtInt(s.n_actors), '#/network'],
      ['places', 'Places', fmtInt(s.n_places), '#/map'],
      ['speakers', 'Speakers', fmtInt(s.n_speakers), '#/quotes'],
      ['sentences', 'Sentences', fmtInt(s.n_sentences), null],
    ];
    el.innerHTML = `<div class="cards">${cards
      .map(
        ([id, label, value, href]) =>
          `<${href ? `a href="${href}"` : 'div'} class="card" data-testid="count-${id}"><span class="value">${value}</span><span class="label">${label}</span></${href ? 'a' : 'div'}>`,
      )
      .join('')}<div class="card wide" data-testid="count-range"><span class="value small">${range}</span><span class="label">Date range</span></div></div>`;
  } catch (e) {
    if (ctx.alive()) el.innerHTML = errorBox(e, 'Counts could not be loaded');
  }
}

async function latest(el, ctx) {
  try {
    const { items } = page(await api('documents', { limit: 12 }, ctx));
    if (!items.length) {
      el.innerHTML = '<p class="empty">No documents yet: add some with <code>dyad ingest</code>.</p>';
      return;
    }
    el.innerHTML = `<table class="grid" data-testid="latest-documents"><thead><tr><th>Title</th><th>Date</th><th class="num">Events</th><th class="num">Quotes</th></tr></thead><tbody>${items
      .map(
        (d) => `<tr data-testid="latest-document"><td><a href="${docLink(d.id)}">${esc(clip(d.title || d.source || d.id, 70))}</a><div class="muted small">${esc(clip(d.source || '', 60))}${d.format ? ` · ${esc(d.format)}` : ''}</div></td><td class="nowrap">${esc(d.date || '–')}</td><td class="num">${fmtInt(d.n_events)}</td><td class="num">${fmtInt(d.n_quotes)}</td></tr>`,
      )
      .join('')}</tbody></table>`;
  } catch (e) {
    if (ctx.alive()) el.innerHTML = errorBox(e, 'Latest documents could not be loaded');
  }
}

async function dyads(el, ctx) {
  try {
    const { items } = page(await api('dyads', { limit: 12 }, ctx));
    if (!items.length) {
      el.innerHTML = '<p class="empty">No events between two actors yet.</p>';
      return;
    }
    el.innerHTML = `<table class="grid" data-testid="busiest-dyads"><thead><tr><th>Dyad</th><th class="num">Events</th><th>Quad classes</th><th class="num">Goldstein</th><th>Seen</th><th></th></tr></thead><tbody>${items
      .map((d) => {
        const dyad = `${d.a}-${d.b}`;
        return `<tr data-testid="dyad-row" data-dyad="${esc(dyad)}"><td><strong>${esc(d.a)} – ${esc(d.b)}</strong></td><td class="num">${fmtInt(d.n_events)}</td><td>${quadBar(d.quad || [0, 0, 0, 0])}</td><td class="num">${fmtNum(d.goldstein_mean)}</td><td class="nowrap small">${esc(d.first_seen || '')}${d.last_seen && d.last_seen !== d.first_seen ? ` – ${esc(d.last_seen)}` : ''}</td><td class="nowrap"><a href="${hashFor('timeline', { dyad })}" data-testid="dyad-timeline">timeline</a> · <a href="${eventsLink({ dyad })}" data-testid="dyad-events">events</a></td></tr>`;
      })
      .join('')}</tbody></table>${quadLegend('dyad-legend')}`;
  } catch (e) {
    if (ctx.alive()) el.innerHTML = errorBox(e, 'Busiest dyads could not be loaded');
  }
}

export default {
  title: 'Dashboard',
  async render(root, ctx) {
    root.innerHTML = `
      <h1>Dashboard</h1>
      <section class="panel" data-testid="stats"><p class="loading">Loading counts…</p></section>
      <div class="two-col">
        <section class="panel"><h2>Latest documents</h2><div data-testid="latest"><p class="loading">Loading…</p></div></section>
        <section class="panel"><h2>Busiest dyads</h2><div data-testid="dyads"><p class="loading">Loading…</p></div></section>
      </div>`;
    await Promise.all([
      stats(root.querySelector('[data-testid=stats]'), ctx),
      latest(root.querySelector('[data-testid=latest]'), ctx),
      dyads(root.querySelector('[data-testid=dyads]'), ctx),
    ]);
  },
};
