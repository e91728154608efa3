// The actor network: who acts on whom (/api/actors), laid out by a small force
// simulation and drawn in plain SVG. A click on an actor filters to it.
import { h, s, fill } from './dom.js';

const WIDTH = 640;
const HEIGHT = 360;
const ITERATIONS = 300;

/** Positions for ``nodes`` ({id}) linked by ``edges`` ({source, target, weight}). */
export function layout(nodes, edges, width = WIDTH, height = HEIGHT) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  // Start on a circle (deterministic, so the picture is stable between refreshes).
  const pos = nodes.map((_, i) => ({
    x: width / 2 + (width / 3) * Math.cos((2 * Math.PI * i) / Math.max(1, n)),
    y: height / 2 + (height / 3) * Math.sin((2 * Math.PI * i) / Math.max(1, n)),
  }));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)])
    .filter(([a, b]) => a !== undefined && b !== undefined && a !== b);
  const ideal = Math.sqrt((width * height) / Math.max(1, n)) * 0.6;
  for (let step = 0; step < ITERATIONS; step += 1) {
    const heat = (1 - step / ITERATIONS) * ideal * 0.5;
    const move = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i += 1) {
      for (let j = i + 1; j < n; j += 1) {
        const dx = pos[i].x - pos[j].x || 0.01;
        const dy = pos[i].y - pos[j].y || 0.01;
        const d2 = dx * dx + dy * dy;
        const f = (ideal * ideal) / d2;
        move[i].x += dx * f; move[i].y += dy * f;
        move[j].x -= dx * f; move[j].y -= dy * f;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = d / ideal;
      move[a].x -= dx * f; move[a].y -= dy * f;
      move[b].x += dx * f; move[b].y += dy * f;
    }
    for (let i = 0; i < n; i += 1) {
      // Gravity keeps unlinked actors and separate groups near the middle.
      move[i].x += (width / 2 - pos[i].x) * 0.04;
      move[i].y += (height / 2 - pos[i].y) * 0.04;
      const d = Math.sqrt(move[i].x ** 2 + move[i].y ** 2) || 1;
      const limit = Math.min(d, heat);
      pos[i].x += (move[i].x / d) * limit;
      pos[i].y += (move[i].y / d) * limit;
    }
  }
  return fit(pos, width, height);
}

/** Push apart circles (radii ``radii``) that overlap, keeping them inside the canvas. */
export function separate(pos, radii, width = WIDTH, height = HEIGHT, gap = 14) {
  for (let round = 0; round < 60; round += 1) {
    let moved = false;
    for (let i = 0; i < pos.length; i += 1) {
      for (let j = i + 1; j < pos.length; j += 1) {
        const dx = pos[j].x - pos[i].x;
        const dy = pos[j].y - pos[i].y;
        const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        const need = radii[i] + radii[j] + gap;
        if (d >= need) continue;
        const push = (need - d) / 2;
        const [ux, uy] = d > 0.01 ? [dx / d, dy / d] : [1, 0];
        pos[i].x -= ux * push; pos[i].y -= uy * push;
        pos[j].x += ux * push; pos[j].y += uy * push;
        moved = true;
      }
    }
    for (const [i, p] of pos.entries()) {
      p.x = Math.min(width - radii[i] - 20, Math.max(radii[i] + 20, p.x));
      p.y = Math.min(height - radii[i] - 14, Math.max(radii[i] + 14, p.y));
    }
    if (!moved) break;
  }
  return pos;
}

// Scale the layout to the canvas (with room for labels) rather than clamping it,
// which would pile actors up on the borders.
function fit(pos, width, height, margin = 34) {
  if (!pos.length) return pos;
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 2 * margin) / (x1 - x0 || 1), (height - 2 * margin) / (y1 - y0 || 1));
  const dx = (width - (x1 - x0) * scale) / 2;
  const dy = (height - (y1 - y0) * scale) / 2;
  return pos.map((p) => ({ x: dx + (p.x - x0) * scale, y: dy + (p.y - y0) * scale }));
}

/** Render ``{nodes, edges}`` into ``root``; ``onPick(code)`` on a click on an actor. */
export function renderNetwork(root, graph, onPick) {
  const nodes = graph.nodes || [];
  const edges = graph.edges || [];
  if (!nodes.length) {
    fill(root, h('p', { class: 'empty' }, 'No actor–recipient pairs with codes match the filters.'));
    return;
  }
  const maxEvents = Math.max(1, ...nodes.map((node) => node.events || 1));
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight || 1));
  const radius = (node) => 5 + 13 * Math.sqrt((node.events || 1) / maxEvents);
  const pos = separate(layout(nodes, edges), nodes.map(radius));
  const at = new Map(nodes.map((node, i) => [node.id, pos[i]]));
  const chart = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'network-svg', role: 'img', 'aria-label': 'Actor network' },
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }))));
  const radiusOf = new Map(nodes.map((node) => [node.id, radius(node)]));
  for (const edge of edges) {
    const a = at.get(edge.source);
    const b = at.get(edge.target);
    if (!a || !b) continue;
    if (a === b) {
      // An actor acting on its own kind (e.g. police arresting protesters both coded KEN).
      const r = radiusOf.get(edge.source);
      chart.append(s('path', {
        d: `M ${a.x - r * 0.6} ${a.y - r * 0.8} C ${a.x - r * 2} ${a.y - r * 3}, ${a.x + r * 2} ${a.y - r * 3}, ${a.x + r * 0.6} ${a.y - r * 0.8}`,
        class: 'edge loop', fill: 'none', 'stroke-width': 1 + 4 * ((edge.weight || 1) / maxWeight),
      }, s('title', {}, `${edge.source} → ${edge.target}: ${edge.weight} events`)));
      continue;
    }
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    const r = radiusOf.get(edge.target) + 2;
    chart.append(s('line', {
      x1: a.x, y1: a.y, x2: b.x - (dx / d) * r, y2: b.y - (dy / d) * r, class: 'edge',
      'stroke-width': 1 + 4 * ((edge.weight || 1) / maxWeight), 'marker-end': 'url(#arrow)',
    }, s('title', {}, `${edge.source} → ${edge.target}: ${edge.weight} events`)));
  }
  nodes.forEach((node, i) => {
    const group = s('g', { class: 'node', tabindex: 0, dataset: { actor: node.id } },
      s('circle', { cx: pos[i].x, cy: pos[i].y, r: radius(node) }),
      s('text', { x: pos[i].x, y: pos[i].y + radius(node) + 11, 'text-anchor': 'middle' }, String(node.id)),
      s('title', {}, `${node.id}: ${node.events} events`));
    group.addEventListener('click', () => onPick(node.id));
    group.addEventListener('keydown', (e) => { if (e.key === 'Enter') onPick(node.id); });
    chart.append(group);
  });
  fill(root, chart, h('p', { class: 'note' }, 'Arrows point from actor to recipient; click an actor to filter to it.'));
}
