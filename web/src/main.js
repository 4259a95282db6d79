// dyad web UI: a hash router over the views.
import './style.css';
import { parseHash, hashFor, errorBox } from './util.js';
import dashboard from './views/dashboard.js';
import events from './views/events.js';
import documentView from './views/document.js';
import timeline from './views/timeline.js';
import network from './views/network.js';
import quotes from './views/quotes.js';
import search from './views/search.js';

// The map brings the world atlas: loaded only when the map is opened.
const map = { title: 'Map', render: (...a) => import('./views/map.js').then((m) => m.default.render(...a)) };

const VIEWS = { '': dashboard, events, document: documentView, timeline, network, map, quotes, search };

const app = document.getElementById('app');
let current = null; // { controller, cleanups }

function isAbort(e) {
  return e && (e.name === 'AbortError' || (e.cause && e.cause.name === 'AbortError'));
}

async function route() {
  if (current) {
    current.controller.abort();
    for (const f of current.cleanups) {
      try {
        f();
      } catch {
        /* a view's cleanup must not stop navigation */
      }
    }
  }
  const { parts, params } = parseHash(location.hash);
  const name = parts[0] || '';
  const view = VIEWS[name];
  const ctx = { parts, params, controller: new AbortController(), cleanups: [] };
  ctx.signal = ctx.controller.signal;
  ctx.onCleanup = (f) => ctx.cleanups.push(f);
  ctx.alive = () => current === ctx && !ctx.signal.aborted;
  current = ctx;

  for (const a of document.querySelectorAll('nav a[data-view]')) {
    const active = (a.dataset.view === 'dashboard' && name === '') || a.dataset.view === name;
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  app.className = `view-${name || 'dashboard'}`;
  app.dataset.view = name || 'dashboard';
  app.innerHTML = '';
  if (name !== 'search') document.querySelector('[data-testid=search-input]').value = '';
  window.scrollTo(0, 0);

  if (!view) {
    app.innerHTML = `<section class="panel"><h1>Not found</h1><p>There is no view “${name}”. <a href="#/">Back to the dashboard</a>.</p></section>`;
    return;
  }
  document.title = view.title ? `${view.title} · dyad` : 'dyad';
  try {
    await view.render(app, ctx);
  } catch (e) {
    if (isAbort(e) || !ctx.alive()) return;
    app.insertAdjacentHTML('beforeend', errorBox(e, 'This view could not be shown'));
  }
}

// The search box in the top bar opens the search view.
document.querySelector('form.search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = new FormData(ev.target).get('q');
  if (String(q || '').trim()) location.hash = hashFor('search', { q: String(q).trim() });
});

window.addEventListener('hashchange', route);
route();
