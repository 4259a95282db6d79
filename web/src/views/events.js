// Events table: filters in the hash, server-side pages with the cursor,
// CSV and JSON export of the same filters.
import { api, page, query } from '../api.js';
import { esc, errorBox, hashFor, pick, docLink, quadColor, quadLabel, clip, fmtInt } from '../util.js';

export const FILTERS = ['actor', 'dyad', 'code', 'quad', 'plover', 'modality', 'since', 'until', 'place', 'q', 'source', 'target', 'doc'];
const PAGE = 50;

const PLOVER = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
];
const MODALITIES = ['asserted', 'negated', 'future', 'conditional', 'demanded'];

function input(name, label, value, extra = '') {
  return `<label>${label}<input name="${name}" value="${esc(value || '')}" data-testid="filter-${name}" ${extra}/></label>`;
}

function select(name, label, value, options) {
  return `<label>${label}<select name="${name}" data-testid="filter-${name}"><option value="">any</option>${options
    .map(([v, l]) => `<option value="${esc(v)}"${String(v) === String(value || '') ? ' selected' : ''}>${esc(l)}</option>`)
    .join('')}</select></label>`;
}

function actor(code, text) {
  if (!code && !text) return '<span class="muted">–</span>';
  return `${code ? `<code>${esc(code)}</code> ` : ''}<span class="small">${esc(clip(text || '', 40))}</span>`;
}

function row(e) {
  return `<tr data-testid="event-row" data-doc="${esc(e.doc_id)}" data-idx="${esc(e.idx)}" data-code="${esc(e.code)}" tabindex="0" title="${esc(e.sentence || '')}">
    <td class="nowrap">${esc(e.date || '–')}</td>
    <td>${actor(e.source_code, e.source_text)}</td>
    <td><span class="quaddot" style="background:${quadColor(e.quad)}" title="${esc(quadLabel(e.quad))}"></span><code>${esc(e.code)}</code> <span class="small">${esc(e.label || '')}</span>${e.plover ? ` <span class="tag">${esc(e.plover)}</span>` : ''}</td>
    <td>${actor(e.target_code, e.target_text)}</td>
    <td class="small">${esc(e.place || '')}${e.place_country ? ` <span class="muted">${esc(e.place_country)}</span>` : ''}</td>
    <td><mark class="trig">${esc(e.trigger_text || '')}</mark></td>
    <td class="small">${esc(e.modality || '')}</td>
  </tr>`;
}

export default {
  title: 'Events',
  async render(root, ctx) {
    const f = pick(ctx.params, FILTERS);
    const exportQs = (format) => `/api/events/export${query({ format, ...f })}`;
    root.innerHTML = `
      <h1>Events</h1>
      <form class="panel filters" data-testid="event-filters">
        ${input('actor', 'Actor', f.actor, 'placeholder="RUSGOV" list="actor-codes" autocomplete="off"')}
        ${input('dyad', 'Dyad', f.dyad, 'placeholder="USA-RUS"')}
        ${input('code', 'CAMEO code', f.code, 'placeholder="04 or 042"')}
        ${select('quad', 'Quad class', f.quad, [1, 2, 3, 4].map((q) => [q, `${q} ${quadLabel(q)}`]))}
        ${select('plover', 'PLOVER', f.plover, PLOVER.map((p) => [p, p]))}
        ${select('modality', 'Modality', f.modality, MODALITIES.map((m) => [m, m]))}
        ${input('since', 'Since', f.since, 'type="date"')}
        ${input('until', 'Until', f.until, 'type="date"')}
        ${input('place', 'Place', f.place, 'placeholder="Geneva" list="place-names" autocomplete="off"')}
        ${input('q', 'Text', f.q, 'type="search" placeholder="words"')}
        <datalist id="actor-codes"></datalist><datalist id="place-names"></datalist>
        ${['source', 'target', 'doc'].filter((k) => f[k]).map((k) => `<input type="hidden" name="${k}" value="${esc(f[k])}"/>`).join('')}
        <div class="buttons">
          <button type="submit" data-testid="filter-apply">Apply</button>
          <a class="button secondary" href="#/events" data-testid="filter-clear">Clear</a>
          <span class="spacer"></span>
          <a class="button secondary" href="${esc(exportQs('csv'))}" download data-testid="export-csv">Export CSV</a>
          <a class="button secondary" href="${esc(exportQs('json'))}" download data-testid="export-json">Export JSON</a>
        </div>
      </form>
      ${['source', 'target', 'doc'].some((k) => f[k]) ? `<p class="muted small" data-testid="extra-filters">Also filtered by ${['source', 'target', 'doc']
        .filter((k) => f[k])
        .map((k) => `${k === 'doc' ? 'document' : k} <code>${esc(f[k])}</code>`)
        .join(', ')} · <a href="${hashFor('events', Object.fromEntries(Object.entries(f).filter(([k]) => !['source', 'target', 'doc'].includes(k))))}">remove</a></p>` : ''}
      <section class="panel">
        <div class="tablebar"><span data-testid="events-status" class="muted">Loading…</span>
          <span class="spacer"></span>
          <button type="button" class="secondary" data-testid="first-page" disabled>First page</button>
          <button type="button" data-testid="next-page" disabled>Next page</button>
        </div>
        <div data-testid="events-body"></div>
      </section>`;

    root.querySelector('form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const data = Object.fromEntries(new FormData(ev.target).entries());
      const next = hashFor('events', data);
      if (next === location.hash) ctx.rerender?.();
      location.hash = next;
    });

    // Suggestions for the actor and place inputs; the table works without them.
    const suggest = (path, id, value) =>
      api(path, { limit: 300 }, ctx)
        .then((b) => {
          if (ctx.alive()) root.querySelector(`#${id}`).innerHTML = page(b).items.map((it) => `<option value="${esc(value(it))}"></option>`).join('');
        })
        .catch(() => {});
    suggest('actors', 'actor-codes', (a) => a.code);
    suggest('places', 'place-names', (p) => p.name);

    const body = root.querySelector('[data-testid=events-body]');
    const status = root.querySelector('[data-testid=events-status]');
    const nextBtn = root.querySelector('[data-testid=next-page]');
    const firstBtn = root.querySelector('[data-testid=first-page]');
    let pageNo = 1;
    let next = null;

    body.addEventListener('click', (ev) => {
      const tr = ev.target.closest('tr[data-testid=event-row]');
      if (tr) location.hash = docLink(tr.dataset.doc, { event: tr.dataset.idx });
    });
    body.addEventListener('keydown', (ev) => {
      const tr = ev.target.closest('tr[data-testid=event-row]');
      if (tr && ev.key === 'Enter') location.hash = docLink(tr.dataset.doc, { event: tr.dataset.idx });
    });

    async function load(cursor) {
      nextBtn.disabled = true;
      firstBtn.disabled = true;
      status.textContent = 'Loading…';
      try {
        const res = page(await api('events', { ...f, limit: PAGE, cursor }, ctx));
        if (!ctx.alive()) return;
        next = res.next;
        if (!res.items.length) {
          body.innerHTML = `<p class="empty" data-testid="events-empty">${pageNo === 1 ? 'No events match these filters.' : 'No more events.'}</p>`;
        } else {
          body.innerHTML = `<table class="grid events" data-testid="events-table"><thead><tr><th>Date</th><th>Source</th><th>Event</th><th>Target</th><th>Place</th><th>Trigger</th><th>Modality</th></tr></thead><tbody>${res.items.map(row).join('')}</tbody></table>`;
        }
        const from = (pageNo - 1) * PAGE + 1;
        status.textContent = res.items.length
          ? `Page ${pageNo}: events ${fmtInt(from)}–${fmtInt(from + res.items.length - 1)}${next ? '' : ' (last page)'}`
          : `Page ${pageNo}`;
        nextBtn.disabled = !next;
        firstBtn.disabled = pageNo === 1;
      } catch (e) {
        if (!ctx.alive()) return;
        status.textContent = '';
        body.innerHTML = errorBox(e, 'Events could not be loaded');
        firstBtn.disabled = pageNo === 1;
      }
    }
    nextBtn.addEventListener('click', () => {
      if (!next) return;
      pageNo += 1;
      load(next);
      root.querySelector('.tablebar').scrollIntoView({ block: 'start' });
    });
    firstBtn.addEventListener('click', () => {
      pageNo = 1;
      load(null);
    });
    ctx.rerender = () => {
      pageNo = 1;
      load(null);
    };
    await load(null);
  },
};
