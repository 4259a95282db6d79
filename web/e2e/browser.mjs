// Browser test of the dyad web UI: clicks through every view in headless
// Chromium (Debian's, through playwright-core) and checks what is shown
// against the API. Usage:
//
//   node web/e2e/browser.mjs http://127.0.0.1:PORT
//
// DYAD_E2E_TALKS=1: talks.txt was ingested; also check the RUS–USA timeline,
// the actors of the talks in the network and Geneva, Brussels and Vienna on
// the map. DYAD_E2E_SCREENSHOTS: where the PNGs go (default
// target/screenshots at the repository root). CHROMIUM: the browser binary
// (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const base = (process.argv[2] || process.env.DYAD_URL || '').replace(/\/$/, '');
if (!base) {
  console.error('usage: node web/e2e/browser.mjs http://127.0.0.1:PORT');
  process.exit(2);
}
const talks = process.env.DYAD_E2E_TALKS === '1';
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = process.env.DYAD_E2E_SCREENSHOTS || join(repo, 'target', 'screenshots');
mkdirSync(shots, { recursive: true });
for (const f of readdirSync(shots)) if (f.startsWith('FAILED-')) rmSync(join(shots, f));

let passed = 0;
let failed = 0;
const problems = [];

class Failure extends Error {}
function assert(cond, msg) {
  if (!cond) throw new Failure(msg);
}
function eq(actual, expected, msg) {
  if (actual !== expected) throw new Failure(`${msg}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function apiGet(path) {
  const res = await fetch(`${base}/api/${path}`);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Failure(`GET /api/${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}
const itemsOf = (b) => (Array.isArray(b) ? b : (b && b.items) || []);

// Console errors and warnings, and page errors, by view.
let view = 'start';
let allowResourceErrors = false;
const consoleProblems = [];

const userDataDir = mkdtempSync(join(tmpdir(), 'dyad-e2e-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 900 },
  acceptDownloads: false,
});
const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(15000);
page.on('console', (msg) => {
  const type = msg.type();
  if (type !== 'error' && type !== 'warning') return;
  const text = msg.text();
  if (allowResourceErrors && /^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
  consoleProblems.push(`[${view}] console ${type}: ${text}`);
});
page.on('pageerror', (err) => consoleProblems.push(`[${view}] page error: ${err.message}`));

async function step(name, fn) {
  view = name;
  const before = consoleProblems.length;
  try {
    await fn();
    // Let late callbacks report before the console is judged.
    await page.waitForTimeout(150);
    const fresh = consoleProblems.slice(before);
    if (fresh.length) throw new Failure(`console errors or warnings:\n    ${fresh.join('\n    ')}`);
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed += 1;
    const msg = e instanceof Failure ? e.message : e.stack || String(e);
    problems.push(`${name}: ${msg}`);
    console.log(`FAIL ${name}: ${msg}`);
    await page.screenshot({ path: join(shots, `FAILED-${name}.png`), fullPage: false }).catch(() => {});
  }
}

async function go(hash) {
  await page.goto(`${base}/${hash}`);
}

async function shot(name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

async function intText(selector) {
  const t = await page.locator(selector).first().innerText();
  return Number(t.replace(/[^0-9]/g, ''));
}

const stats = await apiGet('stats');
const state = {};

await step('server serves the UI', async () => {
  const res = await fetch(`${base}/`);
  const html = await res.text();
  assert(res.ok && html.includes('id="app"'), `GET / did not answer the UI's index.html (status ${res.status})`);
  const built = readFileSync(join(repo, 'web', 'dist', 'index.html'), 'utf8');
  assert(html === built, 'the server serves another UI than web/dist/index.html: rebuild the dyad binary after npm run build');
  const deep = await fetch(`${base}/some/unknown/path`);
  assert(deep.ok && (await deep.text()).includes('id="app"'), `an unknown path did not fall back to index.html (status ${deep.status})`);
});

await step('dashboard', async () => {
  await go('#/');
  await page.locator('[data-testid=count-documents] .value').waitFor();
  const docs = await intText('[data-testid=count-documents] .value');
  const events = await intText('[data-testid=count-events] .value');
  eq(docs, stats.n_documents, 'documents count on the dashboard');
  eq(events, stats.n_events, 'events count on the dashboard');
  assert(docs > 0 && events > 0, 'the dashboard shows no documents or no events');
  await page.locator('[data-testid=latest-document]').first().waitFor();
  assert((await page.locator('[data-testid=latest-document]').count()) > 0, 'no latest documents');
  await page.locator('[data-testid=dyad-row]').first().waitFor();
  const rows = await page.locator('[data-testid=dyad-row]').count();
  assert(rows > 0, 'no busiest dyads');
  state.topDyad = await page.locator('[data-testid=dyad-row]').first().getAttribute('data-dyad');
  const range = await page.locator('[data-testid=count-range]').innerText();
  if (stats.date_range) assert(range.includes(stats.date_range[0]), `date range ${range} lacks ${stats.date_range[0]}`);
  await shot('dashboard');
});

await step('events table', async () => {
  await page.locator('[data-testid=nav-events]').click();
  await page.locator('[data-testid=event-row]').first().waitFor();
  const n = await page.locator('[data-testid=event-row]').count();
  assert(n > 0, 'the events table is empty');
  const api = itemsOf(await apiGet('events?limit=50'));
  eq(n, Math.min(50, api.length), 'rows on the first page');
  const first = page.locator('[data-testid=event-row]').first();
  eq(await first.getAttribute('data-doc'), api[0].doc_id, 'first row document');
  eq(await first.getAttribute('data-code'), api[0].code, 'first row code');
  const csv = await page.locator('[data-testid=export-csv]').getAttribute('href');
  assert(csv.startsWith('/api/events/export?format=csv'), `CSV export link is ${csv}`);
  const res = await fetch(base + csv);
  assert(res.ok, `the CSV export answered ${res.status}`);
  const lines = (await res.text()).split('\n').filter((l) => l.trim());
  assert(/(^|,)(EventCode|code)(,|$)/.test(lines[0]), `the CSV export's first line has no event code column: ${lines[0]}`);
  assert(lines.length > 1, 'the CSV export has no rows');
  const json = await page.locator('[data-testid=export-json]').getAttribute('href');
  assert(json.startsWith('/api/events/export?format=json'), `JSON export link is ${json}`);
  await shot('events');

  // A dyad filter goes into the hash, the rows and the export links.
  if (state.topDyad) {
    await page.locator('[data-testid=filter-dyad]').fill(state.topDyad);
    await page.locator('[data-testid=filter-apply]').click();
    await page.waitForFunction((d) => location.hash.includes(`dyad=${d}`), state.topDyad);
    await page.locator('[data-testid=event-row]').first().waitFor();
    const expected = itemsOf(await apiGet(`events?dyad=${encodeURIComponent(state.topDyad)}&limit=50`));
    eq(await page.locator('[data-testid=event-row]').count(), expected.length, `rows for dyad ${state.topDyad}`);
    const href = await page.locator('[data-testid=export-csv]').getAttribute('href');
    assert(href.includes(`dyad=${state.topDyad}`), `export link ${href} lacks the dyad filter`);
  }
  // Paging with the cursor, when there is more than a page.
  if (stats.n_events > 50) {
    await go('#/events');
    await page.locator('[data-testid=event-row]').first().waitFor();
    const firstId = await page.locator('[data-testid=event-row]').first().getAttribute('data-idx');
    const firstDoc = await page.locator('[data-testid=event-row]').first().getAttribute('data-doc');
    await page.locator('[data-testid=next-page]').click();
    await page.waitForFunction(() => /Page 2/.test(document.querySelector('[data-testid=events-status]').textContent));
    const second = page.locator('[data-testid=event-row]').first();
    assert((await second.getAttribute('data-doc')) !== firstDoc || (await second.getAttribute('data-idx')) !== firstId, 'the next page shows the same first event');
  }
});

await step('event filters', async () => {
  // Each filter: the table shows what the API gives for the same query.
  const first = itemsOf(await apiGet('events?limit=1'))[0];
  const cases = [
    { quad: String(first.quad) },
    { code: first.root },
    { modality: first.modality },
    { q: first.trigger_text },
  ];
  const placed = itemsOf(await apiGet('events?limit=200')).find((e) => e.place);
  if (placed) cases.push({ place: placed.place });
  if (first.source_code) cases.push({ actor: first.source_code });
  for (const c of cases) {
    const qs = new URLSearchParams(c).toString();
    await go(`#/events?${qs}`);
    await page.locator('[data-testid=event-row], [data-testid=events-empty], [data-testid=error]').first().waitFor();
    const want = itemsOf(await apiGet(`events?${qs}&limit=50`));
    const rows = await page.locator('[data-testid=event-row]').count();
    eq(rows, want.length, `rows for ${qs}`);
    assert(rows > 0, `no rows for ${qs}`);
    const [name, value] = Object.entries(c)[0];
    const field = page.locator(`[data-testid=filter-${name}]`);
    eq(await field.inputValue(), value, `the ${name} filter shows its value`);
    const csv = await page.locator('[data-testid=export-csv]').getAttribute('href');
    assert(csv.includes(qs), `export link ${csv} lacks ${qs}`);
  }
});

await step('document from an event row', async () => {
  await go('#/events');
  await page.locator('[data-testid=event-row]').first().waitFor();
  // The first row that has a target, else the first.
  const rows = page.locator('[data-testid=event-row]');
  const row = rows.first();
  const doc = await row.getAttribute('data-doc');
  const idx = Number(await row.getAttribute('data-idx'));
  await row.click();
  await page.waitForFunction(() => location.hash.startsWith('#/document/'));
  await page.locator('[data-testid=explain]').waitFor();
  const analysis = await apiGet(`documents/${doc}`);
  const ev = analysis.events[idx];
  assert(ev, `document ${doc} has no event ${idx}`);
  eq(await page.locator('[data-testid=doc-title]').innerText(), analysis.document.title || '(untitled)', 'document title');
  eq(Number(await page.locator('[data-testid=explain]').getAttribute('data-idx')), idx, 'preselected event');
  const panel = await page.locator('[data-testid=explain]').innerText();
  assert(panel.includes(ev.code), `the explanation lacks the CAMEO code ${ev.code}`);
  eq(await page.locator('[data-testid=explain-reason]').innerText(), ev.reason, 'reason in the explanation');
  const sel = await page.locator('[data-testid=doc-text] .trigger.sel').allInnerTexts();
  eq(sel.join(''), ev.trigger_text, 'highlighted trigger of the preselected event');
  assert((await page.locator('[data-testid=doc-legend]').count()) === 1, 'no legend');
  assert((await page.locator('[data-testid=doc-text] .hl.ent').count()) > 0, 'no entity highlighted');
  state.doc = doc;
  state.analysis = analysis;
});

await step('explanation from a clicked trigger', async () => {
  const { analysis } = state;
  assert(analysis, 'no document was opened');
  // Click the trigger of another event than the preselected one, when there is one.
  const current = Number(await page.locator('[data-testid=explain]').getAttribute('data-idx'));
  const target = analysis.events.length > 1 ? (current + 1) % analysis.events.length : current;
  const trig = page.locator(`[data-testid=doc-text] [data-events~="${target}"]`).first();
  await trig.scrollIntoViewIfNeeded();
  await trig.click();
  // Several events on one trigger: clicks cycle through them.
  for (let i = 0; i < 5 && Number(await page.locator('[data-testid=explain]').getAttribute('data-idx')) !== target; i++) await trig.click();
  eq(Number(await page.locator('[data-testid=explain]').getAttribute('data-idx')), target, 'event shown after clicking its trigger');
  const ev = analysis.events[target];
  const panel = await page.locator('[data-testid=explain]').innerText();
  assert(panel.includes(ev.code), `the explanation lacks the CAMEO code ${ev.code}`);
  assert(panel.includes(ev.label), `the explanation lacks the label ${ev.label}`);
  eq(await page.locator('[data-testid=explain-reason]').innerText(), ev.reason, 'reason in the explanation');
  eq(await page.locator('[data-testid=explain-rule]').innerText(), ev.rule, 'rule in the explanation');
  if (ev.source) assert(panel.includes(ev.source.text), `the explanation lacks the source ${ev.source.text}`);
  if (ev.date_reason) assert(panel.includes(ev.date_reason), 'the explanation lacks the date reason');
  const sel = await page.locator('[data-testid=doc-text] .trigger.sel').allInnerTexts();
  eq(sel.join(''), ev.trigger_text, 'highlighted trigger of the clicked event');
  const fromApi = itemsOf(await apiGet(`events?doc=${state.doc}&limit=1000`)).find((e) => e.idx === target);
  if (fromApi) eq(sel.join(''), fromApi.trigger_text, "highlighted trigger against /api/events' trigger_text");
  assert(page.url().includes(`event=${target}`), 'the URL does not name the chosen event');
  await page.locator('[data-testid=doc-text] .trigger.sel').first().scrollIntoViewIfNeeded();
  await shot('document');
});

await step('every highlight of every document', async () => {
  // Offsets: every trigger, quote and entity mention shows exactly its text.
  const docs = itemsOf(await apiGet('documents?limit=1000'));
  assert(docs.length > 0, 'no documents listed');
  let checked = 0;
  for (const d of docs) {
    const a = await apiGet(`documents/${d.id}`);
    await go(`#/document/${d.id}`);
    await page.locator('[data-testid=doc-text]').waitFor();
    const got = await page.evaluate(() => {
      const text = document.querySelector('[data-testid=doc-text]');
      const triggers = {};
      for (const el of text.querySelectorAll('[data-events]')) for (const i of el.dataset.events.split(' ')) triggers[i] = (triggers[i] || '') + el.textContent;
      const quotes = {};
      for (const el of text.querySelectorAll('[data-quotes]')) for (const i of el.dataset.quotes.split(' ')) quotes[i] = (quotes[i] || '') + el.textContent;
      return { full: text.textContent, triggers, quotes };
    });
    eq(got.full, a.document.text, `text of ${d.id}`);
    a.events.forEach((ev, i) => {
      eq(got.triggers[i], ev.trigger_text, `trigger of event ${i} in ${d.id}`);
      checked += 1;
    });
    a.quotes.forEach((q, i) => {
      const cps = Array.from(a.document.text);
      const want = q.content.map((c) => cps.slice(c.chars[0], c.chars[1]).join('')).join('');
      eq(got.quotes[i], want, `quote ${i} in ${d.id}`);
    });
  }
  assert(checked > 0, 'no event triggers checked');
});

await step('timeline', async () => {
  await page.locator('[data-testid=nav-timeline]').click();
  await page.locator('[data-testid=timeline-svg]').waitFor();
  assert((await page.locator('[data-testid=timeline-bar]').count()) > 0, 'no bars on the timeline of all events');
  await page.waitForFunction(() => document.querySelector('[data-testid=dyad-picker]').dataset.loaded === 'true');
  const options = await page.locator('[data-testid=dyad-picker] option').count();
  assert(options > 1, 'the dyad picker has no dyads');
  // The busiest dyad with dated events (undated events have no bar).
  const dated = itemsOf(await apiGet('dyads?limit=100')).find((d) => d.first_seen);
  let dyad = dated ? `${dated.a}-${dated.b}` : null;
  if (talks) {
    const dy = itemsOf(await apiGet('dyads?limit=100')).find((d) => [d.a, d.b].sort().join('-') === 'RUS-USA');
    assert(dy, 'talks.txt gave no RUS–USA dyad in /api/dyads');
    dyad = `${dy.a}-${dy.b}`;
  }
  if (dyad) {
    await page.locator('[data-testid=dyad-picker]').selectOption(dyad);
    await page.waitForFunction((d) => location.hash.includes(`dyad=${d}`), dyad);
    await page.locator('[data-testid=timeline-svg]').waitFor();
    const bars = await page.locator('[data-testid=timeline-bar]').count();
    assert(bars > 0, `no bars on the timeline of ${dyad}`);
    const tl = await apiGet(`timeline?dyad=${dyad}&bucket=week`);
    const stacked = tl.items.reduce((n, it) => n + it.quad.filter((x) => x > 0).length, 0);
    eq(bars, stacked, `bars (one per week and quad class) for ${dyad}`);
  }
  assert((await page.locator('[data-testid=timeline-legend] li').count()) === 4, 'the timeline legend lacks the four quad classes');
  await shot('timeline');
  await page.locator('[data-testid=bucket-picker]').selectOption('day');
  await page.waitForFunction(() => location.hash.includes('bucket=day'));
  await page.locator('[data-testid=timeline-svg], [data-testid=timeline-empty]').first().waitFor();
  // A bar opens the events of its bucket and quad class.
  const bar = page.locator('[data-testid=timeline-bar]').first();
  if (await bar.count()) {
    await bar.click();
    await page.waitForFunction(() => location.hash.startsWith('#/events?') && location.hash.includes('since='));
    await page.locator('[data-testid=event-row], [data-testid=events-empty]').first().waitFor();
    assert((await page.locator('[data-testid=event-row]').count()) > 0, `no events behind a timeline bar (${page.url()})`);
  }
});

await step('network', async () => {
  await page.locator('[data-testid=nav-network]').click();
  await page.locator('[data-testid=network-svg]').waitFor();
  const nodes = await page.locator('[data-testid=network-node]').count();
  const edges = await page.locator('[data-testid=network-edge]').count();
  assert(nodes > 1, `the network has ${nodes} nodes`);
  assert(edges > 0, 'the network has no edges');
  const labels = await page.locator('[data-testid=network-node] text').allInnerTexts();
  eq(labels.length, nodes, 'labelled nodes');
  if (talks) {
    for (const a of ['RUS', 'USA', 'NAT']) {
      const node = page.locator(`[data-testid=network-node][data-actor="${a}"]`);
      assert((await node.count()) === 1, `no ${a} node in the network`);
      assert(await node.locator('text').isVisible(), `the ${a} label is not visible`);
    }
  }
  await shot('network');
  // Dragging a node moves it; the wheel zooms.
  const dragged = page.locator('[data-testid=network-node]').last();
  const before = await dragged.getAttribute('transform');
  const box = await dragged.locator('circle').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(100);
  assert((await dragged.getAttribute('transform')) !== before, 'dragging a node did not move it');
  const zoomed = page.locator('[data-testid=network-svg] > g');
  const z0 = await zoomed.getAttribute('transform');
  const svgBox = await page.locator('[data-testid=network-svg]').boundingBox();
  await page.mouse.move(svgBox.x + 20, svgBox.y + 20);
  await page.mouse.wheel(0, -300);
  await page.waitForTimeout(100);
  assert((await zoomed.getAttribute('transform')) !== z0, 'the wheel did not zoom the network');
  await page.reload();
  await page.locator('[data-testid=network-node]').first().waitFor();
  const first = page.locator('[data-testid=network-node]').first();
  const actor = await first.getAttribute('data-actor');
  await first.locator('circle').click({ force: true });
  await page.waitForFunction((a) => location.hash === `#/events?actor=${a}`, actor);
  await page.locator('[data-testid=event-row], [data-testid=events-empty]').first().waitFor();
  assert((await page.locator('[data-testid=event-row]').count()) > 0, `no events for actor ${actor} from the network`);
});

await step('map', async () => {
  await page.locator('[data-testid=nav-map]').click();
  await page.locator('[data-testid=map-svg]').waitFor();
  assert((await page.locator('[data-testid=map-svg] path.country').count()) > 100, 'the world outline is missing');
  const markers = await page.locator('[data-testid=map-marker]').count();
  const places = itemsOf(await apiGet('map')).filter((p) => Number.isFinite(p.lat));
  eq(markers, places.length, 'markers on the map');
  assert(markers > 0, 'no markers on the map');
  if (talks) {
    for (const name of ['Geneva', 'Brussels', 'Vienna']) {
      const m = page.locator(`[data-testid=map-marker][data-place="${name}"]`);
      assert((await m.count()) === 1, `no marker for ${name}`);
      const label = m.locator('text');
      eq(await label.textContent(), name, `label of the ${name} marker`);
      assert(await label.isVisible(), `the ${name} label is not visible`);
    }
  }
  assert((await page.locator('[data-testid=map-place]').count()) === places.length, 'the places list does not match the markers');
  await shot('map');
  const gen = page.locator('[data-testid=map-marker]').first();
  const t0 = await gen.getAttribute('transform');
  const mapBox = await page.locator('[data-testid=map-svg]').boundingBox();
  await page.mouse.move(mapBox.x + mapBox.width / 2, mapBox.y + mapBox.height / 2);
  await page.mouse.wheel(0, -400);
  await page.waitForTimeout(150);
  assert((await gen.getAttribute('transform')) !== t0, 'the wheel did not zoom the map');
  await page.reload();
  await page.locator('[data-testid=map-marker]').first().waitFor();
  const marker = page.locator('[data-testid=map-marker]').first();
  const place = await marker.getAttribute('data-place');
  await marker.locator('circle').click({ force: true });
  await page.waitForFunction((p) => new URLSearchParams(location.hash.split('?')[1] || '').get('place') === p, place);
  await page.locator('[data-testid=event-row], [data-testid=events-empty]').first().waitFor();
  eq(await page.locator('[data-testid=event-row]').count(), Math.min(50, places.find((p) => p.name === place).n_events), `events at ${place} from its marker`);
});

await step('quotes', async () => {
  await page.locator('[data-testid=nav-quotes]').click();
  await page.locator('[data-testid=speaker]').first().waitFor();
  await page.locator('[data-testid=quote-item]').first().waitFor();
  assert((await page.locator('[data-testid=quote-item]').count()) > 0, 'no quotes');
  const speakers = itemsOf(await apiGet('speakers?limit=200'));
  assert(speakers.length > 0, 'no speakers from the API');
  const s = speakers[0];
  await page.locator(`[data-testid=speaker][data-speaker="${s.speaker.replace(/"/g, '\\"')}"]`).click();
  await page.waitForFunction(() => location.hash.includes('speaker='));
  // The speaker's page is rendered (its title names them) before its list
  // loads: count the items of that list, not of the one before.
  await page.waitForFunction((name) => (document.querySelector('[data-testid=quotes-title]')?.textContent || '').includes(name), s.speaker);
  await page.locator('[data-testid=quote-item]').first().waitFor();
  const n = await page.locator('[data-testid=quote-item]').count();
  eq(n, Math.min(50, s.n_quotes), `quotes of ${s.speaker}`);
  assert((await page.locator('[data-testid=quotes-title]').innerText()).includes(s.speaker), 'the title does not name the speaker');
  await shot('quotes');
  await page.locator('[data-testid=quote-doc]').first().click();
  await page.waitForFunction(() => location.hash.startsWith('#/document/'));
  await page.locator('[data-testid=doc-text]').waitFor();
  assert((await page.locator('[data-testid=doc-text] .flash').count()) > 0, 'the quote is not marked in its document');
});

await step('search', async () => {
  await go('#/');
  await page.locator('[data-testid=search-input]').fill('talks');
  await page.locator('[data-testid=search-input]').press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/search'));
  await page.locator('[data-testid=search-hit], [data-testid=search-results] .empty').first().waitFor();
});

await step('API errors shown politely', async () => {
  allowResourceErrors = true;
  try {
    await go('#/document/ffffffffffffffff');
    await page.locator('[data-testid=error]').waitFor();
    const msg = await page.locator('[data-testid=error]').innerText();
    assert(/no document/i.test(msg), `the error box says: ${msg}`);
    await page.waitForTimeout(200);
    await shot('error');
    // A bad filter: the server's 400 message in the page.
    await go('#/events?dyad=USA');
    await page.locator('[data-testid=error]').waitFor();
    const bad = await page.locator('[data-testid=error]').innerText();
    assert(/dyad/i.test(bad) && /400/.test(bad), `the error box says: ${bad}`);
    await page.waitForTimeout(200);
  } finally {
    allowResourceErrors = false;
  }
});

await context.close();
rmSync(userDataDir, { recursive: true, force: true });

if (consoleProblems.length) console.log(`console problems:\n  ${consoleProblems.join('\n  ')}`);
console.log(`screenshots in ${shots}`);
if (failed) console.log(`\nfailures:\n  ${problems.join('\n  ')}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
