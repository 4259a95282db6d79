// Timeline: events per day, week or month for a dyad, stacked by quad class.
import { select } from 'd3-selection';
import { scaleUtc, scaleLinear } from 'd3-scale';
import { axisBottom, axisLeft } from 'd3-axis';
import { stack } from 'd3-shape';
import { max } from 'd3-array';
import { api, page } from '../api.js';
import { esc, errorBox, hashFor, pick, quadColor, quadLabel, quadLegend, eventsLink, fmtInt, sizeOf } from '../util.js';

const BUCKETS = ['day', 'week', 'month'];

function parseDay(s) {
  const [y, m, d] = String(s).split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, d || 1));
}

function addBucket(date, bucket) {
  const d = new Date(date.getTime());
  if (bucket === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (bucket === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
}

function day(d) {
  return d.toISOString().slice(0, 10);
}

function draw(el, data, bucket, dyad) {
  const items = data.map((it) => {
    const start = parseDay(it.start);
    const q = it.quad || [0, 0, 0, 0];
    return { start, end: addBucket(start, bucket), label: it.start, q1: q[0], q2: q[1], q3: q[2], q4: q[3], total: q[0] + q[1] + q[2] + q[3] };
  });
  const { width } = sizeOf(el);
  const height = 380;
  const margin = { top: 16, right: 20, bottom: 40, left: 48 };
  const x0 = items[0].start;
  const x1 = items[items.length - 1].end;
  // Pad a lone bucket so the bar is not the whole width.
  const span = x1 - x0;
  const pad = items.length < 4 ? span * 2 : 0;
  const x = scaleUtc()
    .domain([new Date(x0.getTime() - pad), new Date(x1.getTime() + pad)])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([0, max(items, (d) => d.total) || 1])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const series = stack().keys(['q1', 'q2', 'q3', 'q4'])(items);

  const svg = select(el)
    .append('svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('data-testid', 'timeline-svg')
    .attr('role', 'img')
    .attr('aria-label', `Events per ${bucket}${dyad ? ` between ${dyad}` : ''}`);

  // Few buckets: one tick under each bar, naming its bucket; else a time axis.
  const xAxis = axisBottom(x);
  if (items.length <= 12) {
    const label = bucket === 'month' ? (d) => d.label.slice(0, 7) : bucket === 'week' ? (d) => `week of ${d.label}` : (d) => d.label;
    xAxis.tickValues(items.map((d) => new Date((d.start.getTime() + d.end.getTime()) / 2))).tickFormat((_, i) => label(items[i]));
  } else {
    xAxis.ticks(Math.min(10, Math.max(2, Math.floor(width / 110))));
  }
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`).call(xAxis);
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).ticks(Math.min(8, y.domain()[1])).tickFormat((v) => (Number.isInteger(v) ? v : '')))
    .call((g) => g.selectAll('.tick line').clone().attr('x2', width - margin.left - margin.right).attr('class', 'gridline'));
  svg
    .append('text')
    .attr('class', 'axis-title')
    .attr('x', margin.left)
    .attr('y', margin.top - 4)
    .text(`events per ${bucket}`);

  // Bars fill their bucket, but no wider than 60 pixels, centred in it.
  const slot = (d) => x(d.data.end) - x(d.data.start);
  const barW = (d) => Math.max(2, Math.min(60, slot(d) - 1));
  const barX = (d) => x(d.data.start) + Math.max(0, (slot(d) - 1 - barW(d)) / 2);
  svg
    .append('g')
    .selectAll('g')
    .data(series)
    .join('g')
    .attr('fill', (_, i) => quadColor(i + 1))
    .attr('data-quad', (_, i) => i + 1)
    .selectAll('a')
    .data((s) => s.filter((d) => d[1] > d[0]).map((d) => Object.assign(d, { key: s.key })))
    .join('a')
    .attr('href', (d) => eventsLink({ dyad, quad: d.key.slice(1), since: day(d.data.start), until: day(new Date(d.data.end.getTime() - 86400000)) }))
    .append('rect')
    .attr('data-testid', 'timeline-bar')
    .attr('x', barX)
    .attr('width', barW)
    .attr('y', (d) => y(d[1]))
    .attr('height', (d) => Math.max(0, y(d[0]) - y(d[1])))
    .append('title')
    .text((d) => `${d.data.label} (${bucket}): ${d[1] - d[0]} ${quadLabel(Number(d.key.slice(1))).toLowerCase()} of ${d.data.total}`);
}

export default {
  title: 'Timeline',
  async render(root, ctx) {
    const p = pick(ctx.params, ['dyad', 'bucket', 'since', 'until']);
    const bucket = BUCKETS.includes(p.bucket) ? p.bucket : 'week';
    root.innerHTML = `
      <h1>Timeline</h1>
      <form class="panel filters" data-testid="timeline-form">
        <label>Dyad<select name="dyad" data-testid="dyad-picker"><option value="">all events</option>${p.dyad ? `<option value="${esc(p.dyad)}" selected>${esc(p.dyad)}</option>` : ''}</select></label>
        <label>Or type one<input name="dyadText" placeholder="USA-RUS" data-testid="dyad-input"/></label>
        <label>Per<select name="bucket" data-testid="bucket-picker">${BUCKETS.map((b) => `<option${b === bucket ? ' selected' : ''}>${b}</option>`).join('')}</select></label>
        <label>Since<input type="date" name="since" value="${esc(p.since || '')}"/></label>
        <label>Until<input type="date" name="until" value="${esc(p.until || '')}"/></label>
        <div class="buttons"><button type="submit">Show</button></div>
      </form>
      <section class="panel">
        <h2 data-testid="timeline-title">${p.dyad ? `Events between ${esc(p.dyad.replace('-', ' and '))}` : 'All events'} per ${bucket}</h2>
        ${quadLegend('timeline-legend')}
        <div class="chart" data-testid="timeline-chart"><p class="loading">Loading…</p></div>
        <p class="muted small">Each bar links to the events of its ${bucket} and quad class. Events without a date are not counted here.</p>
      </section>`;
    const form = root.querySelector('form');
    const go = () => {
      const data = Object.fromEntries(new FormData(form).entries());
      const dyad = String(data.dyadText || '').trim().toUpperCase() || data.dyad;
      location.hash = hashFor('timeline', { dyad, bucket: data.bucket, since: data.since, until: data.until });
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      go();
    });
    form.querySelector('[name=dyad]').addEventListener('change', go);
    form.querySelector('[name=bucket]').addEventListener('change', go);

    const picker = form.querySelector('[name=dyad]');
    const fillPicker = api('dyads', { limit: 50 }, ctx)
      .then((body) => {
        if (!ctx.alive()) return;
        const opts = page(body).items.map((d) => {
          const v = `${d.a}-${d.b}`;
          return `<option value="${esc(v)}"${v === p.dyad ? ' selected' : ''}>${esc(d.a)} – ${esc(d.b)} (${fmtInt(d.n_events)})</option>`;
        });
        const known = page(body).items.some((d) => `${d.a}-${d.b}` === p.dyad);
        picker.innerHTML = `<option value="">all events</option>${p.dyad && !known ? `<option value="${esc(p.dyad)}" selected>${esc(p.dyad)}</option>` : ''}${opts.join('')}`;
        picker.dataset.loaded = 'true';
      })
      .catch((e) => {
        if (ctx.alive()) picker.insertAdjacentHTML('afterend', `<span class="error small">dyads: ${esc(e.message)}</span>`);
      });

    const chart = root.querySelector('[data-testid=timeline-chart]');
    try {
      const res = await api('timeline', { dyad: p.dyad, bucket, since: p.since, until: p.until }, ctx);
      if (!ctx.alive()) return;
      const items = (res && res.items) || [];
      chart.innerHTML = '';
      if (!items.length) chart.innerHTML = `<p class="empty" data-testid="timeline-empty">No events${p.dyad ? ` between ${esc(p.dyad)}` : ''} in this period.</p>`;
      else draw(chart, items, res.bucket || bucket, p.dyad);
    } catch (e) {
      if (ctx.alive()) chart.innerHTML = errorBox(e, 'The timeline could not be loaded');
    }
    await fillPicker;
  },
};
