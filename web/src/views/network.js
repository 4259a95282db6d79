// Actor network: actors as nodes sized by their events, directed edges
// between them, wide by count and coloured from cooperation to conflict.
import { select } from 'd3-selection';
import { scaleSqrt, scaleLinear } from 'd3-scale';
import { interpolateRgb } from 'd3-interpolate';
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY } from 'd3-force';
import { zoom, zoomIdentity } from 'd3-zoom';
import { drag } from 'd3-drag';
import { max } from 'd3-array';
import { api } from '../api.js';
import { esc, errorBox, hashFor, pick, eventsLink, fmtInt, fmtNum, sizeOf } from '../util.js';

const COOP = '#1a9850';
const MIXED = '#d9c54a';
const CONFLICT = '#d73027';

/** Colour of a share of conflict from 0 (all cooperation) to 1 (all conflict). */
function shareColor(share) {
  return share <= 0.5 ? interpolateRgb(COOP, MIXED)(share * 2) : interpolateRgb(MIXED, CONFLICT)((share - 0.5) * 2);
}

function conflictShare(e) {
  const c = (e.cooperation || 0) + (e.conflict || 0);
  return c ? (e.conflict || 0) / c : 0.5;
}

function legend() {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((s) => `${shareColor(s)} ${s * 100}%`).join(', ');
  return `<div class="legend net-legend" data-testid="network-legend">
    <span>cooperation</span><span class="gradient" style="background:linear-gradient(to right, ${stops})"></span><span>conflict</span>
    <span class="muted small">edge colour: share of conflict events (quad 3–4) · width: number of events · node size: events of the actor · arrows point from source to target</span>
  </div>`;
}

function draw(el, data, ctx) {
  const { width } = sizeOf(el);
  const height = Math.max(460, Math.min(760, Math.round(width * 0.62), window.innerHeight - 290));
  const nodes = data.nodes.map((n) => ({ ...n }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links = data.edges.filter((e) => byId.has(e.source) && byId.has(e.target) && e.source !== e.target).map((e) => ({ ...e }));
  const pair = new Set(links.map((l) => `${l.source}\u0000${l.target}`));
  const r = scaleSqrt().domain([0, max(nodes, (n) => n.n_events) || 1]).range([5, 30]);
  const w = scaleLinear().domain([1, Math.max(2, max(links, (l) => l.n_events) || 1)]).range([1.5, 7]).clamp(true);

  // Stable start: nodes on a circle in their order, so layouts repeat.
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length;
    n.x = width / 2 + (Math.min(width, height) / 3) * Math.cos(a);
    n.y = height / 2 + (Math.min(width, height) / 3) * Math.sin(a);
  });

  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((d) => d.id).distance((l) => 70 + r(l.source.n_events ?? 0) + r(l.target.n_events ?? 0)).strength(0.4))
    .force('charge', forceManyBody().strength(-420))
    .force('center', forceCenter(width / 2, height / 2))
    .force('x', forceX(width / 2).strength(0.05))
    .force('y', forceY(height / 2).strength(0.07))
    .force('collide', forceCollide((d) => r(d.n_events) + 14))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  ctx.onCleanup(() => sim.stop());

  const svg = select(el)
    .append('svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('data-testid', 'network-svg')
    .attr('class', 'network');
  const defs = svg.append('defs');
  const markerFor = new Map();
  // Arrow heads in pixels (not in stroke widths), a little wider than the edge.
  const marker = (color, width) => {
    const size = Math.round(7 + width * 1.3);
    const key = `${color} ${size}`;
    if (!markerFor.has(key)) {
      const id = `arrow-${markerFor.size}`;
      markerFor.set(key, id);
      defs
        .append('marker')
        .attr('id', id)
        .attr('viewBox', '0 -5 10 10')
        .attr('refX', 8)
        .attr('refY', 0)
        .attr('markerUnits', 'userSpaceOnUse')
        .attr('markerWidth', size)
        .attr('markerHeight', size)
        .attr('orient', 'auto')
        .append('path')
        .attr('d', 'M0,-5L10,0L0,5')
        .attr('fill', color);
    }
    return `url(#${markerFor.get(key)})`;
  };

  const g = svg.append('g');
  const link = g
    .append('g')
    .attr('class', 'links')
    .selectAll('path')
    .data(links)
    .join('path')
    .attr('data-testid', 'network-edge')
    .attr('data-source', (d) => d.source.id)
    .attr('data-target', (d) => d.target.id)
    .attr('fill', 'none')
    .attr('stroke', (d) => shareColor(conflictShare(d)))
    .attr('stroke-width', (d) => w(d.n_events))
    .attr('stroke-opacity', 0.8)
    .attr('marker-end', (d) => marker(shareColor(conflictShare(d)), w(d.n_events)));
  link
    .append('title')
    .text((d) => `${d.source.id} → ${d.target.id}: ${d.n_events} events (${d.cooperation || 0} cooperation, ${d.conflict || 0} conflict), mean Goldstein ${fmtNum(d.goldstein_mean)}`);

  const node = g
    .append('g')
    .attr('class', 'nodes')
    .selectAll('g')
    .data(nodes)
    .join('g')
    .attr('class', 'node')
    .attr('data-testid', 'network-node')
    .attr('data-actor', (d) => d.id)
    .attr('tabindex', 0)
    .style('cursor', 'pointer');
  node
    .append('circle')
    .attr('r', (d) => r(d.n_events))
    .attr('fill', '#4c78a8')
    .attr('stroke', '#fff')
    .attr('stroke-width', 1.5);
  const labels = node
    .append('text')
    .attr('class', 'node-label')
    .attr('dy', (d) => -r(d.n_events) - 4)
    .attr('text-anchor', 'middle')
    .text((d) => d.id);
  node.append('title').text((d) => `${d.id}: ${d.n_events} events — click for its events`);

  function position() {
    link.attr('d', (d) => {
      const sx = d.source.x;
      const sy = d.source.y;
      const tx = d.target.x;
      const ty = d.target.y;
      const dx = tx - sx;
      const dy = ty - sy;
      const dist = Math.hypot(dx, dy) || 1;
      // Stop the arrow at the target's rim; bend when both directions exist.
      const rt = r(d.target.n_events) + 3;
      const ex = tx - (dx / dist) * rt;
      const ey = ty - (dy / dist) * rt;
      if (!pair.has(`${d.target.id}\u0000${d.source.id}`)) return `M${sx},${sy}L${ex},${ey}`;
      const bend = dist * 1.6;
      return `M${sx},${sy}A${bend},${bend} 0 0,1 ${ex},${ey}`;
    });
    node.attr('transform', (d) => `translate(${d.x},${d.y})`);
  }
  position();

  sim.on('tick', position);
  node.call(
    drag()
      .on('start', (ev, d) => {
        if (!ev.active) sim.alphaTarget(0.2).restart();
        d.fx = d.x;
        d.fy = d.y;
      })
      .on('drag', (ev, d) => {
        d.fx = ev.x;
        d.fy = ev.y;
      })
      .on('end', (ev, d) => {
        if (!ev.active) sim.alphaTarget(0);
        d.fx = null;
        d.fy = null;
      }),
  );
  node.on('click', (ev, d) => {
    if (ev.defaultPrevented) return;
    location.hash = eventsLink({ actor: d.id });
  });
  node.on('keydown', (ev, d) => {
    if (ev.key === 'Enter') location.hash = eventsLink({ actor: d.id });
  });

  const z = zoom()
    .scaleExtent([0.2, 6])
    .on('zoom', (ev) => {
      g.attr('transform', ev.transform);
      // Labels keep a readable size at any zoom.
      const k = ev.transform.k;
      labels.style('font-size', `${12 / k}px`).style('stroke-width', `${3 / k}px`);
    });
  svg.call(z).on('dblclick.zoom', null);
  // Fit everything in view.
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const pad = 50;
  const bx = [Math.min(...xs) - pad, Math.max(...xs) + pad];
  const by = [Math.min(...ys) - pad, Math.max(...ys) + pad];
  const k = Math.min(1.5, width / (bx[1] - bx[0]), height / (by[1] - by[0]));
  svg.call(z.transform, zoomIdentity.translate(width / 2, height / 2).scale(k).translate(-(bx[0] + bx[1]) / 2, -(by[0] + by[1]) / 2));
}

export default {
  title: 'Network',
  async render(root, ctx) {
    const p = pick(ctx.params, ['since', 'until', 'limit']);
    const limit = Math.min(1000, Math.max(1, Number(p.limit) || 60));
    root.innerHTML = `
      <h1>Actor network</h1>
      <form class="panel filters" data-testid="network-form">
        <label>Since<input type="date" name="since" value="${esc(p.since || '')}"/></label>
        <label>Until<input type="date" name="until" value="${esc(p.until || '')}"/></label>
        <label>Edges<input type="number" name="limit" min="1" max="1000" value="${limit}"/></label>
        <div class="buttons"><button type="submit">Show</button></div>
      </form>
      <section class="panel">
        ${legend()}
        <div class="chart" data-testid="network-chart"><p class="loading">Loading…</p></div>
        <p class="muted small">Drag nodes, scroll to zoom, drag the background to pan. Click an actor for its events.</p>
      </section>`;
    root.querySelector('form').addEventListener('submit', (e) => {
      e.preventDefault();
      location.hash = hashFor('network', Object.fromEntries(new FormData(e.target).entries()));
    });
    const chart = root.querySelector('[data-testid=network-chart]');
    try {
      const data = await api('network', { since: p.since, until: p.until, limit }, ctx);
      if (!ctx.alive()) return;
      chart.innerHTML = '';
      if (!data || !data.nodes || !data.nodes.length) {
        chart.innerHTML = '<p class="empty" data-testid="network-empty">No events between two coded actors in this period.</p>';
        return;
      }
      draw(chart, data, ctx);
      chart.insertAdjacentHTML('beforeend', `<p class="muted small" data-testid="network-count">${fmtInt(data.nodes.length)} actors, ${fmtInt(data.edges.length)} edges.</p>`);
    } catch (e) {
      if (ctx.alive()) chart.innerHTML = errorBox(e, 'The network could not be loaded');
    }
  },
};
