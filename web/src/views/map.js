// Map: where events happened. World outline from world-atlas (Natural
// Earth, public domain), Equal Earth projection, circles sized by events and
// coloured by their most frequent quad class, each with its place name.
import { select } from 'd3-selection';
import { geoEqualEarth, geoPath, geoGraticule10 } from 'd3-geo';
import { zoom, zoomIdentity, zoomTransform } from 'd3-zoom';
import { scaleSqrt } from 'd3-scale';
import { max } from 'd3-array';
import { feature, mesh } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';
import { api, page } from '../api.js';
import { esc, errorBox, hashFor, pick, quadColor, quadLabel, quadLegend, eventsLink, fmtInt, sizeOf } from '../util.js';

const countries = feature(world, world.objects.countries);
const borders = mesh(world, world.objects.countries, (a, b) => a !== b);

/** Above this many places in view, labels that overlap others are hidden until hovered. */
const DENSE = 80;

function dominant(quad) {
  let best = 0;
  for (let i = 1; i < 4; i++) if ((quad[i] || 0) > (quad[best] || 0)) best = i;
  return best + 1;
}

function draw(el, items, ctx, filters) {
  const { width } = sizeOf(el);
  // The sphere fits the width; the height follows from the projection.
  const projection = geoEqualEarth().fitWidth(width - 16, { type: 'Sphere' });
  const [[, y0], [, y1]] = geoPath(projection).bounds({ type: 'Sphere' });
  const height = Math.ceil(y1 - y0) + 16;
  projection.translate([projection.translate()[0] + 8, projection.translate()[1] - y0 + 8]);
  const path = geoPath(projection);
  const r = scaleSqrt().domain([0, max(items, (d) => d.n_events) || 1]).range([3, 22]);

  const svg = select(el)
    .append('svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('data-testid', 'map-svg')
    .attr('class', 'map');
  const base = svg.append('g').attr('class', 'base');
  base.append('path').datum({ type: 'Sphere' }).attr('class', 'sphere').attr('d', path);
  base.append('path').datum(geoGraticule10()).attr('class', 'graticule').attr('d', path);
  base.append('g').selectAll('path').data(countries.features).join('path').attr('class', 'country').attr('d', path).append('title').text((d) => d.properties.name);
  base.append('path').datum(borders).attr('class', 'border').attr('d', path);

  const located = items.filter((d) => Number.isFinite(d.lat) && Number.isFinite(d.lon)).map((d) => ({ ...d, p: projection([d.lon, d.lat]), q: dominant(d.quad || [0, 0, 0, 0]) }));
  // Big markers underneath small ones.
  located.sort((a, b) => b.n_events - a.n_events || a.name.localeCompare(b.name));
  const layer = svg.append('g').attr('class', 'markers');
  const marker = layer
    .selectAll('g')
    .data(located)
    .join('g')
    .attr('class', 'marker')
    .attr('data-testid', 'map-marker')
    .attr('data-place', (d) => d.name)
    .attr('tabindex', 0)
    .style('cursor', 'pointer');
  marker
    .append('circle')
    .attr('r', (d) => r(d.n_events))
    .attr('fill', (d) => quadColor(d.q))
    .attr('fill-opacity', 0.78)
    .attr('stroke', '#222')
    .attr('stroke-width', 0.8);
  const label = marker.append('text').attr('class', 'marker-label').attr('data-testid', 'map-label').text((d) => d.name);
  marker.append('title').text((d) => `${d.name}${d.country ? ` (${d.country})` : ''}: ${d.n_events} events; mostly ${quadLabel(d.q).toLowerCase()} — click for the events`);
  marker.on('click', (ev, d) => {
    location.hash = eventsLink({ ...filters, place: d.name });
  });
  marker.on('keydown', (ev, d) => {
    if (ev.key === 'Enter') location.hash = eventsLink({ ...filters, place: d.name });
  });
  label.each(function (d) {
    d.w = this.getComputedTextLength ? this.getComputedTextLength() : d.name.length * 7;
  });

  // Labels placed greedily, biggest place first, where they overlap nothing
  // already placed; if nowhere is free, the first spot is taken anyway.
  function placeLabels(t) {
    // Boxes kept in a grid of 64-pixel cells, so thousands of places stay fast.
    const grid = new Map();
    const cells = (b, f) => {
      for (let i = Math.floor(b.x0 / 64); i <= Math.floor(b.x1 / 64); i++) for (let j = Math.floor(b.y0 / 64); j <= Math.floor(b.y1 / 64); j++) if (f(`${i},${j}`)) return true;
      return false;
    };
    const add = (b) =>
      cells(b, (k) => {
        if (!grid.has(k)) grid.set(k, []);
        grid.get(k).push(b);
        return false;
      });
    const hit = (b) => cells(b, (k) => (grid.get(k) || []).some((o) => b.x0 < o.x1 && b.x1 > o.x0 && b.y0 < o.y1 && b.y1 > o.y0));
    for (const d of located) {
      const [x, y] = t.apply(d.p);
      d.sx = x;
      d.sy = y;
      const rr = r(d.n_events);
      add({ x0: x - rr, x1: x + rr, y0: y - rr, y1: y + rr });
    }
    // With many places in view, a label that fits nowhere waits for the
    // pointer (or more zoom); with few, every label is shown regardless.
    const inView = located.filter((d) => d.sx >= 0 && d.sx <= width && d.sy >= 0 && d.sy <= height).length;
    const dense = inView > DENSE;
    for (const d of located) {
      const rr = r(d.n_events) + 3;
      const h = 13;
      const cands = [
        [rr, 4, 'start'],
        [-rr, 4, 'end'],
        [0, -rr - 3, 'middle'],
        [0, rr + h - 2, 'middle'],
        [rr * 0.7, -rr * 0.7 - 2, 'start'],
        [-rr * 0.7, -rr * 0.7 - 2, 'end'],
        [rr * 0.7, rr * 0.7 + h - 4, 'start'],
        [-rr * 0.7, rr * 0.7 + h - 4, 'end'],
      ];
      let chosen = null;
      for (const [dx, dy, anchor] of cands) {
        const x0 = anchor === 'start' ? d.sx + dx : anchor === 'end' ? d.sx + dx - d.w : d.sx + dx - d.w / 2;
        const b = { x0: x0 - 1, x1: x0 + d.w + 1, y0: d.sy + dy - h + 3, y1: d.sy + dy + 3 };
        if (!hit(b)) {
          chosen = [dx, dy, anchor, b];
          break;
        }
      }
      d.crowded = !chosen && dense;
      if (!chosen) {
        const [dx, dy, anchor] = cands[0];
        chosen = [dx, dy, anchor, { x0: d.sx + dx, x1: d.sx + dx + d.w, y0: d.sy + dy - h + 3, y1: d.sy + dy + 3 }];
      }
      add(chosen[3]);
      d.lx = chosen[0];
      d.ly = chosen[1];
      d.anchor = chosen[2];
    }
    // Markers out of view are not drawn at all.
    marker
      .classed('crowded', (d) => d.crowded)
      .attr('display', (d) => (d.sx < -40 || d.sx > width + 40 || d.sy < -40 || d.sy > height + 40 ? 'none' : null))
      .attr('transform', (d) => `translate(${d.sx},${d.sy})`);
    label.attr('x', (d) => d.lx).attr('y', (d) => d.ly).attr('text-anchor', (d) => d.anchor);
  }

  // While zooming, markers follow at most once a frame.
  let pending = null;
  let frame = 0;
  const schedule = (t) => {
    pending = t;
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        placeLabels(pending);
      });
  };
  ctx.onCleanup(() => frame && cancelAnimationFrame(frame));

  const z = zoom()
    .scaleExtent([1, 40])
    .translateExtent(geoPath(projection).bounds({ type: 'Sphere' }))
    .on('zoom', (ev) => {
      base.attr('transform', ev.transform);
      schedule(ev.transform);
    });
  svg.call(z);
  // zoom.transform does not apply the pan limits itself.
  const fit = (t) => z.constrain()(t, [[0, 0], [width, height]], z.translateExtent());
  placeLabels(zoomIdentity);

  // Start framed on the markers (all of them, with room around).
  if (located.length) {
    const xs = located.map((d) => d.p[0]);
    const ys = located.map((d) => d.p[1]);
    const bw = Math.max(...xs) - Math.min(...xs);
    const bh = Math.max(...ys) - Math.min(...ys);
    const k = Math.max(1, Math.min(8, (0.7 * width) / Math.max(bw, 60), (0.7 * height) / Math.max(bh, 40)));
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    svg.call(z.transform, fit(zoomIdentity.translate(width / 2, height / 2).scale(k).translate(-cx, -cy)));
    placeLabels(zoomTransform(svg.node()));
  }
  return {
    focus(name) {
      const d = located.find((m) => m.name === name);
      if (!d) return;
      svg.call(z.transform, fit(zoomIdentity.translate(width / 2, height / 2).scale(6).translate(-d.p[0], -d.p[1])));
      marker.classed('focus', (m) => m === d);
    },
    reset() {
      svg.call(z.transform, zoomIdentity);
    },
  };
}

export default {
  title: 'Map',
  async render(root, ctx) {
    const f = pick(ctx.params, ['actor', 'dyad', 'since', 'until']);
    root.innerHTML = `
      <h1>Map of events</h1>
      <form class="panel filters" data-testid="map-form">
        <label>Actor<input name="actor" value="${esc(f.actor || '')}" placeholder="RUS"/></label>
        <label>Dyad<input name="dyad" value="${esc(f.dyad || '')}" placeholder="USA-RUS"/></label>
        <label>Since<input type="date" name="since" value="${esc(f.since || '')}"/></label>
        <label>Until<input type="date" name="until" value="${esc(f.until || '')}"/></label>
        <div class="buttons"><button type="submit">Show</button><button type="button" class="secondary" data-testid="map-reset">Whole world</button></div>
      </form>
      <div class="map-layout">
        <section class="panel">
          ${quadLegend('map-legend')}
          <div class="chart" data-testid="map-chart"><p class="loading">Loading…</p></div>
          <p class="muted small">Circle size: number of events; colour: their most frequent quad class. Scroll to zoom, drag to pan, click a place for its events. Where more than ${DENSE} places are in view, names that would overlap show on hover or when zoomed in. Outline: Natural Earth via world-atlas.</p>
        </section>
        <aside class="panel map-places"><h2>Places</h2><div data-testid="map-places"><p class="loading">Loading…</p></div></aside>
      </div>`;
    root.querySelector('form').addEventListener('submit', (e) => {
      e.preventDefault();
      location.hash = hashFor('map', Object.fromEntries(new FormData(e.target).entries()));
    });
    const chart = root.querySelector('[data-testid=map-chart]');
    const list = root.querySelector('[data-testid=map-places]');
    try {
      const { items } = page(await api('map', f, ctx));
      if (!ctx.alive()) return;
      chart.innerHTML = '';
      const m = draw(chart, items, ctx, f);
      root.querySelector('[data-testid=map-reset]').addEventListener('click', () => m.reset());
      if (!items.length) {
        list.innerHTML = '<p class="empty" data-testid="map-empty">No located events for these filters.</p>';
        return;
      }
      const sorted = items.slice().sort((a, b) => b.n_events - a.n_events || a.name.localeCompare(b.name));
      list.innerHTML = `<table class="grid compact"><thead><tr><th>Place</th><th class="num">Events</th></tr></thead><tbody>${sorted
        .map(
          (d) => `<tr data-testid="map-place" data-place="${esc(d.name)}"><td><span class="quaddot" style="background:${quadColor(dominant(d.quad || [0, 0, 0, 0]))}"></span><button type="button" class="linklike" data-focus="${esc(d.name)}" title="Show on the map">${esc(d.name)}</button> <span class="muted small">${esc(d.country || '')}</span></td><td class="num"><a href="${eventsLink({ ...f, place: d.name })}" title="Events at ${esc(d.name)}">${fmtInt(d.n_events)}</a></td></tr>`,
        )
        .join('')}</tbody></table>`;
      list.addEventListener('click', (e) => {
        const b = e.target.closest('[data-focus]');
        if (b) m.focus(b.dataset.focus);
      });
    } catch (e) {
      if (!ctx.alive()) return;
      chart.innerHTML = errorBox(e, 'The map could not be loaded');
      list.innerHTML = '';
    }
  },
};
