// The map: country shapes from world-atlas (a local file, no tile server) and the
// events as circle markers coloured by quad class, clustered with markercluster.
import L from './leaflet-global.js';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';
import { h, fill, show } from './dom.js';
import { QUADS, QUAD_COLOURS } from './plover.js';

export class EventMap {
  constructor(root, { onOpen }) {
    this.onOpen = onOpen;
    this.note = h('p', { class: 'note', id: 'map-note' });
    this.canvas = h('div', { id: 'map', class: 'map-canvas', role: 'region', 'aria-label': 'Map of events' });
    fill(root, this.canvas, this.note);
    this.map = L.map(this.canvas, { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: false })
      .setView([15, 20], 2);
    this.clusters = L.markerClusterGroup({ iconCreateFunction: clusterIcon, maxClusterRadius: 40 });
    this.map.addLayer(this.clusters);
    this.legend().addTo(this.map);
    this.loadWorld();
  }

  async loadWorld() {
    const response = await fetch('world-110m.json');
    if (!response.ok) throw new Error(`world-110m.json: ${response.status}`);
    const topology = await response.json();
    const countries = feature(topology, topology.objects.countries);
    countries.features.forEach(unwrapFeature);
    L.geoJSON(countries, {
      interactive: false,
      style: { color: '#a8a294', weight: 0.6, fillColor: '#ece8df', fillOpacity: 1 },
    }).addTo(this.map).bringToBack();
  }

  legend() {
    const control = L.control({ position: 'bottomleft' });
    control.onAdd = () => h('div', { class: 'map-legend' }, Object.entries(QUADS).map(([quad, name]) => h('div', {},
      h('span', { class: 'dot', style: `background:${QUAD_COLOURS[quad]}` }), `${quad} ${name}`)));
    return control;
  }

  /** Show ``events`` (a page of /api/events); ``total`` is the filter's count. */
  update(events, total) {
    this.clusters.clearLayers();
    const markers = [];
    let unplaced = 0;
    for (const event of events) {
      const loc = event.event_loc;
      if (!loc || loc.lat == null || loc.lon == null) {
        unplaced += 1;
        continue;
      }
      const marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 7, weight: 1, color: '#ffffff', fillOpacity: 0.9,
        fillColor: QUAD_COLOURS[event.quad_code] || '#888',
      });
      marker.quad = event.quad_code;
      marker.bindTooltip(h('div', {},
        h('strong', {}, show(event.event)), ` ${show(event.date)}`, h('br'),
        show(loc.resolved_place || loc.extracted_place), ` (${show(loc.country_code)})`));
      marker.on('click', () => this.onOpen(event.id));
      markers.push(marker);
    }
    this.clusters.addLayers(markers);
    if (markers.length) {
      this.map.fitBounds(this.clusters.getBounds().pad(0.3), { maxZoom: 6 });
    }
    const shown = events.length < total ? `the ${events.length} latest of ${total} events` : `${total} events`;
    fill(this.note, `Showing ${shown}; ${markers.length} placed on the map`,
      unplaced ? `, ${unplaced} without a place.` : '.');
  }

  resize() {
    this.map.invalidateSize();
  }
}

// A cluster is coloured by the quad class most of its events share.
function clusterIcon(cluster) {
  const counts = {};
  for (const marker of cluster.getAllChildMarkers()) {
    counts[marker.quad] = (counts[marker.quad] || 0) + 1;
  }
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  const colour = QUAD_COLOURS[top ? top[0] : 0] || '#888';
  const count = cluster.getChildCount();
  const size = count < 10 ? 28 : count < 100 ? 34 : 40;
  const html = h('div', { class: 'cluster', style: `background:${colour};width:${size}px;height:${size}px;line-height:${size}px` }, String(count));
  return L.divIcon({ html, className: 'cluster-icon', iconSize: L.point(size, size) });
}

// Rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180; drawn as is
// they streak across the map. Keep each ring continuous (Leaflet draws lon > 180).
function unwrapRing(ring) {
  for (let i = 1; i < ring.length; i += 1) {
    let lon = ring[i][0];
    while (lon - ring[i - 1][0] > 180) lon -= 360;
    while (lon - ring[i - 1][0] < -180) lon += 360;
    ring[i] = [lon, ring[i][1]];
  }
}

function unwrapFeature(f) {
  const g = f.geometry;
  if (!g) return;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  polygons.forEach((polygon) => polygon.forEach(unwrapRing));
}
