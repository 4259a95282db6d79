// Document view: the text with entities, quotes and event triggers
// highlighted, the events beside it and an explanation of the chosen event.
import { api } from '../api.js';
import { offsetMaps, toUtf16, pieces } from '../spans.js';
import { esc, errorBox, fmtNum, quadColor, quadLabel, eventsLink, docLink } from '../util.js';

const ENTITY_KINDS = [
  ['PER', 'Person'],
  ['ORG', 'Organisation'],
  ['LOC', 'Place'],
  ['NORP', 'Group word'],
];

function legend() {
  return `<ul class="legend doc-legend" data-testid="doc-legend">
    ${ENTITY_KINDS.map(([k, l]) => `<li><span class="hl ent ent-${k}">${l}</span></li>`).join('')}
    <li><span class="hl quote">Quote</span></li>
    <li><span class="hl trigger">Event trigger</span></li>
    <li><span class="hl trigger sel">Chosen event</span></li>
    <li><span class="hl role-source">its source</span></li>
    <li><span class="hl role-target">its target</span></li>
  </ul>`;
}

function actorLine(a) {
  if (!a) return '<span class="muted">none</span>';
  return `<strong>${esc(a.text || '')}</strong>${a.code ? ` <a href="${eventsLink({ actor: a.code })}"><code>${esc(a.code)}</code></a>` : ' <span class="muted">(no code)</span>'}${a.reason ? `<div class="reason">${esc(a.reason)}</div>` : ''}`;
}

function explanation(doc, i) {
  const ev = doc.events[i];
  const place = Number.isInteger(ev.place) ? (doc.places || [])[ev.place] : null;
  const sentence = (doc.sentences || [])[ev.sentence];
  const rows = [
    ['Event', `<code data-testid="explain-code">${esc(ev.code)}</code> ${esc(ev.label || '')} <span class="muted">(root ${esc(ev.root || '')})</span>`],
    ['Trigger', `<mark class="trig">${esc(ev.trigger_text || '')}</mark>`],
    ['Source', actorLine(ev.source)],
    ['Target', actorLine(ev.target)],
    ['Quad class', `<span class="quaddot" style="background:${quadColor(ev.quad)}"></span>${esc(ev.quad)} ${esc(quadLabel(ev.quad))}`],
    ['Goldstein', esc(fmtNum(ev.goldstein))],
    ['PLOVER', ev.plover ? `${esc(ev.plover)}${ev.plover_mode ? ` <span class="muted">mode ${esc(ev.plover_mode)}</span>` : ''}` : '<span class="muted">none (plain statement)</span>'],
    ['Modality', esc(ev.modality || '')],
    ['Date', `${esc(ev.date || 'undated')}${ev.date_reason ? `<div class="reason">${esc(ev.date_reason)}</div>` : ''}`],
    [
      'Place',
      place
        ? `<strong>${esc(place.name)}</strong>${place.country ? ` <span class="muted">${esc(place.country)}</span>` : ''} <span class="muted small">${fmtNum(place.lat, 2)}, ${fmtNum(place.lon, 2)}</span>${ev.place_reason ? `<div class="reason">${esc(ev.place_reason)}</div>` : ''}`
        : `<span class="muted">none given</span>${ev.place_reason ? `<div class="reason">${esc(ev.place_reason)}</div>` : ''}`,
    ],
    ['Rule', `<code data-testid="explain-rule">${esc(ev.rule || '')}</code>`],
    ['Reason', `<span data-testid="explain-reason">${esc(ev.reason || '')}</span>`],
  ];
  if (sentence) rows.push(['Sentence', `<span class="small">${esc(sentence.text || '')}</span>`]);
  return `<h2>Event ${i + 1} of ${doc.events.length}</h2><dl class="explain">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

export default {
  title: 'Document',
  async render(root, ctx) {
    const id = ctx.parts[1] || '';
    root.innerHTML = '<p class="loading">Loading the document…</p>';
    let doc;
    try {
      doc = await api(`documents/${encodeURIComponent(id)}`, {}, ctx);
    } catch (e) {
      if (ctx.alive()) root.innerHTML = `<h1>Document</h1>${errorBox(e, 'The document could not be loaded')}`;
      return;
    }
    if (!ctx.alive()) return;
    const d = doc.document || {};
    const text = d.text || '';
    const events = doc.events || [];
    const quotes = doc.quotes || [];
    const maps = offsetMaps(text);
    document.title = `${d.title || 'Document'} · dyad`;

    // Fixed marks: entity mentions, quote contents, event triggers.
    const base = [];
    (doc.entities || []).forEach((ent, ei) => {
      for (const m of ent.mentions || []) {
        const r = toUtf16(maps, m);
        if (r) base.push({ start: r[0], end: r[1], type: 'ent', kind: ent.kind, entity: ei, title: `${ent.kind}: ${ent.name}` });
      }
    });
    quotes.forEach((q, qi) => {
      for (const c of q.content || []) {
        const r = toUtf16(maps, c);
        if (r) base.push({ start: r[0], end: r[1], type: 'quote', quote: qi, title: `${q.kind} quote${q.speaker ? ` by ${q.speaker.name || q.speaker.text}` : ''}` });
      }
    });
    events.forEach((ev, i) => {
      const r = toUtf16(maps, ev.trigger);
      if (r) base.push({ start: r[0], end: r[1], type: 'trigger', event: i, title: `${ev.code} ${ev.label}` });
    });

    const initial = Number.parseInt(ctx.params.get('event') ?? '', 10);
    let selected = Number.isInteger(initial) && initial >= 0 && initial < events.length ? initial : null;
    const quoteParam = Number.parseInt(ctx.params.get('quote') ?? '', 10);

    root.innerHTML = `
      <header class="doc-head panel" data-testid="doc-head">
        <h1 data-testid="doc-title">${esc(d.title || '(untitled)')}</h1>
        <div class="meta">
          <span>Source: <code data-testid="doc-source">${esc(d.source || '')}</code></span>
          ${d.url ? `<span><a href="${esc(d.url)}" rel="noopener noreferrer" target="_blank">original</a></span>` : ''}
          <span>Format: ${esc(d.format || '')}</span>
          <span>Date: <strong data-testid="doc-date">${esc(d.date || 'unknown')}</strong> <span class="muted">(${esc(d.date_source || '')})</span></span>
          <a href="${eventsLink({ doc: d.id })}">events of this document in the table</a>
        </div>
        ${d.date_reason ? `<div class="reason" data-testid="doc-date-reason">${esc(d.date_reason)}</div>` : ''}
      </header>
      <div class="doc-layout">
        <section class="panel doc-main">
          ${legend()}
          <div class="doc-text" data-testid="doc-text"></div>
          ${quotes.length ? `<h2>Quotes</h2><ol class="doc-quotes" data-testid="doc-quotes">${quotes
            .map(
              (q, qi) => `<li data-quote="${qi}" data-testid="doc-quote"><span class="tag">${esc(q.kind)}</span> <strong>${esc(q.speaker ? q.speaker.name || q.speaker.text : 'unknown speaker')}</strong>${q.speaker && q.speaker.code ? ` <code>${esc(q.speaker.code)}</code>` : ''}${q.cue_text ? ` <span class="muted">(${esc(q.cue_text)})</span>` : ''}${q.date ? ` <span class="muted small">${esc(q.date)}</span>` : ''}<blockquote>${esc(q.text || '')}</blockquote></li>`,
            )
            .join('')}</ol>` : ''}
        </section>
        <aside class="doc-side">
          <section class="panel" data-testid="explain-panel"></section>
          <section class="panel">
            <h2>Events (${events.length})</h2>
            ${events.length ? `<ol class="event-list" data-testid="doc-events">${events
              .map(
                (ev, i) => `<li data-testid="doc-event" data-idx="${i}" tabindex="0"><span class="quaddot" style="background:${quadColor(ev.quad)}"></span><code>${esc(ev.code)}</code> ${esc(ev.label || '')}<div class="small"><code>${esc(ev.source?.code || '–')}</code> → <code>${esc(ev.target?.code || '–')}</code> · “${esc(ev.trigger_text || '')}”${ev.modality && ev.modality !== 'asserted' ? ` · ${esc(ev.modality)}` : ''}</div></li>`,
              )
              .join('')}</ol>` : '<p class="empty">No events in this document.</p>'}
          </section>
        </aside>
      </div>`;

    const textEl = root.querySelector('[data-testid=doc-text]');
    const panel = root.querySelector('[data-testid=explain-panel]');

    function renderText() {
      const marks = base.slice();
      if (selected !== null) {
        const ev = events[selected];
        for (const [role, a] of [['source', ev.source], ['target', ev.target]]) {
          const r = a && toUtf16(maps, a);
          if (r) marks.push({ start: r[0], end: r[1], type: `role-${role}`, title: `${role} of the chosen event` });
        }
      }
      const html = [];
      for (const p of pieces(text.length, marks)) {
        const chunk = esc(text.slice(p.start, p.end));
        if (!p.marks.length) {
          html.push(chunk);
          continue;
        }
        const cls = new Set(['hl']);
        const evs = [];
        const qs = [];
        for (const m of p.marks) {
          if (m.type === 'ent') cls.add('ent').add(`ent-${m.kind}`);
          else if (m.type === 'quote') {
            cls.add('quote');
            qs.push(m.quote);
          } else if (m.type === 'trigger') {
            cls.add('trigger');
            evs.push(m.event);
            if (m.event === selected) cls.add('sel');
          } else cls.add(m.type);
        }
        const title = p.marks.map((m) => m.title).filter(Boolean).join(' · ');
        html.push(
          `<span class="${[...cls].join(' ')}"${evs.length ? ` data-events="${evs.join(' ')}" data-testid="trigger"` : ''}${qs.length ? ` data-quotes="${qs.join(' ')}"` : ''} title="${esc(title)}">${chunk}</span>`,
        );
      }
      textEl.innerHTML = html.join('');
    }

    function renderPanel() {
      panel.innerHTML =
        selected === null
          ? `<h2>Explanation</h2><p class="muted" data-testid="explain-empty">${events.length ? 'Click an event trigger in the text, or an event in the list, to see how it was coded.' : 'This document has no events.'}</p>`
          : `<div data-testid="explain" data-idx="${selected}">${explanation(doc, selected)}</div>`;
      for (const li of root.querySelectorAll('[data-testid=doc-event]')) li.classList.toggle('active', Number(li.dataset.idx) === selected);
    }

    function select(i, scroll) {
      selected = i;
      renderText();
      renderPanel();
      history.replaceState(null, '', docLink(id, { event: i }));
      if (scroll) textEl.querySelector('.trigger.sel')?.scrollIntoView({ block: 'center' });
    }

    textEl.addEventListener('click', (e) => {
      const t = e.target.closest('[data-events]');
      if (!t) return;
      const list = t.dataset.events.split(' ').map(Number);
      // Several events on one trigger: each click moves to the next one.
      const at = list.indexOf(selected);
      select(at >= 0 ? list[(at + 1) % list.length] : list[0], false);
    });
    const list = root.querySelector('[data-testid=doc-events]');
    list?.addEventListener('click', (e) => {
      const li = e.target.closest('[data-testid=doc-event]');
      if (li) select(Number(li.dataset.idx), true);
    });
    list?.addEventListener('keydown', (e) => {
      const li = e.target.closest('[data-testid=doc-event]');
      if (li && e.key === 'Enter') select(Number(li.dataset.idx), true);
    });

    renderText();
    renderPanel();
    if (selected !== null) textEl.querySelector('.trigger.sel')?.scrollIntoView({ block: 'center' });
    else if (Number.isInteger(quoteParam) && quotes[quoteParam]) {
      const q = textEl.querySelector(`[data-quotes~="${quoteParam}"]`);
      if (q) {
        for (const el of textEl.querySelectorAll(`[data-quotes~="${quoteParam}"]`)) el.classList.add('flash');
        q.scrollIntoView({ block: 'center' });
      }
    }
  },
};
