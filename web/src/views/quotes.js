// Quotes: speakers with their counts on the left, the quotes of the chosen
// speaker (or matching words, actor, kind) on the right.
import { api, page } from '../api.js';
import { esc, errorBox, hashFor, pick, docLink, fmtInt } from '../util.js';

const PAGE = 50;
const KINDS = ['direct', 'indirect', 'mixed', 'partial', 'transcript'];

function quoteItem(q) {
  const who = q.speaker_name || q.speaker_text || 'unknown speaker';
  return `<li class="quote-item" data-testid="quote-item" data-kind="${esc(q.kind)}">
    <div class="quote-meta"><span class="tag kind-${esc(q.kind)}">${esc(q.kind)}</span>
      <strong>${esc(who)}</strong>${q.speaker_code ? ` <code>${esc(q.speaker_code)}</code>` : ''}
      ${q.cue_text ? `<span class="muted">cue “${esc(q.cue_text)}”</span>` : ''}
      <span class="muted small">${esc(q.date || 'undated')}</span>
      ${q.about_name || q.about_text ? `<span class="muted small">about ${esc(q.about_name || q.about_text)}</span>` : ''}
    </div>
    <blockquote data-testid="quote-text">${esc(q.text || '')}</blockquote>
    <div class="small">in <a href="${docLink(q.doc_id, { quote: q.idx })}" data-testid="quote-doc">${esc(q.doc_title || 'the document')}</a> <span class="muted">${esc(q.source_file || '')}</span></div>
  </li>`;
}

export default {
  title: 'Quotes',
  async render(root, ctx) {
    const f = pick(ctx.params, ['speaker', 'actor', 'q', 'kind', 'since', 'until', 'who']);
    root.innerHTML = `
      <h1>Quotes</h1>
      <div class="quotes-layout">
        <aside class="panel speakers">
          <h2>Speakers</h2>
          <form data-testid="speaker-search"><input type="search" name="who" placeholder="Find a speaker" value="${esc(f.who || '')}" aria-label="Find a speaker"/></form>
          <div data-testid="speakers"><p class="loading">Loading…</p></div>
        </aside>
        <section class="quotes-main">
          <form class="panel filters" data-testid="quote-filters">
            <label>Speaker<input name="speaker" value="${esc(f.speaker || '')}"/></label>
            <label>Actor code<input name="actor" value="${esc(f.actor || '')}" placeholder="RUSGOV"/></label>
            <label>Words<input type="search" name="q" value="${esc(f.q || '')}"/></label>
            <label>Kind<select name="kind"><option value="">any</option>${KINDS.map((k) => `<option${k === f.kind ? ' selected' : ''}>${k}</option>`).join('')}</select></label>
            <label>Since<input type="date" name="since" value="${esc(f.since || '')}"/></label>
            <label>Until<input type="date" name="until" value="${esc(f.until || '')}"/></label>
            <div class="buttons"><button type="submit">Apply</button><a class="button secondary" href="#/quotes">Clear</a></div>
          </form>
          <section class="panel">
            <h2 data-testid="quotes-title">${f.speaker ? `Quotes of ${esc(f.speaker)}` : 'All quotes'}</h2>
            <div data-testid="quotes-status" class="muted small"></div>
            <ol class="quote-list" data-testid="quotes"></ol>
            <button type="button" data-testid="more-quotes" hidden>More quotes</button>
          </section>
        </section>
      </div>`;
    const filters = root.querySelector('[data-testid=quote-filters]');
    filters.addEventListener('submit', (e) => {
      e.preventDefault();
      location.hash = hashFor('quotes', { ...Object.fromEntries(new FormData(e.target).entries()), who: f.who });
    });
    root.querySelector('[data-testid=speaker-search]').addEventListener('submit', (e) => {
      e.preventDefault();
      location.hash = hashFor('quotes', { ...f, who: new FormData(e.target).get('who') });
    });

    const speakersEl = root.querySelector('[data-testid=speakers]');
    const loadSpeakers = api('speakers', { q: f.who, limit: 200 }, ctx)
      .then((body) => {
        if (!ctx.alive()) return;
        const { items } = page(body);
        speakersEl.innerHTML = items.length
          ? `<ul class="speaker-list">${items
              .map(
                (s) => `<li><a href="${hashFor('quotes', { speaker: s.speaker, who: f.who })}" data-testid="speaker" data-speaker="${esc(s.speaker)}" class="${s.speaker === f.speaker ? 'active' : ''}"><span>${esc(s.speaker)}${s.code ? ` <code>${esc(s.code)}</code>` : ''}</span><span class="count">${fmtInt(s.n_quotes)}</span></a></li>`,
              )
              .join('')}</ul>`
          : '<p class="empty">No speakers found.</p>';
      })
      .catch((e) => {
        if (ctx.alive()) speakersEl.innerHTML = errorBox(e, 'Speakers could not be loaded');
      });

    const list = root.querySelector('[data-testid=quotes]');
    const more = root.querySelector('[data-testid=more-quotes]');
    const status = root.querySelector('[data-testid=quotes-status]');
    let next = null;
    let shown = 0;
    const params = { speaker: f.speaker, actor: f.actor, q: f.q, kind: f.kind, since: f.since, until: f.until };
    async function load(cursor) {
      more.disabled = true;
      try {
        const res = page(await api('quotes', { ...params, limit: PAGE, cursor }, ctx));
        if (!ctx.alive()) return;
        list.insertAdjacentHTML('beforeend', res.items.map(quoteItem).join(''));
        shown += res.items.length;
        next = res.next;
        more.hidden = !next;
        more.disabled = false;
        status.textContent = shown ? `${fmtInt(shown)} quote${shown === 1 ? '' : 's'} shown${next ? ' (more below)' : ''}` : 'No quotes match.';
      } catch (e) {
        if (ctx.alive()) list.insertAdjacentHTML('afterend', errorBox(e, 'Quotes could not be loaded'));
      }
    }
    more.addEventListener('click', () => next && load(next));
    await Promise.all([load(null), loadSpeakers]);
  },
};
