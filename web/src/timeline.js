// The timeline: events per day, stacked by category (plain SVG, from /api/stats by_day).
import { h, s, fill } from './dom.js';
import { CATEGORIES, categoryColour } from './plover.js';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 34, right: 8, top: 10, bottom: 24 };
const DAY = 86400000;

/** Render ``byDay`` ([{date, category, count}]) into ``root``; ``onPick(since, until)``
 * when a bar is clicked. */
export function renderTimeline(root, byDay, onPick) {
  if (!byDay.length) {
    fill(root, h('p', { class: 'empty' }, 'No dated events match the filters.'));
    return;
  }
  // Per day over a short range; per week or month over a long one, so bars stay readable.
  const dates = byDay.map((row) => String(row.date || '').slice(0, 10)).filter(Boolean).sort();
  if (!dates.length) {
    fill(root, h('p', { class: 'empty' }, 'No dated events match the filters.'));
    return;
  }
  const spanDays = (Date.parse(dates[dates.length - 1]) - Date.parse(dates[0])) / DAY + 1;
  const unit = spanDays <= 120 ? 'day' : spanDays <= 730 ? 'week' : 'month';
  const buckets = new Map();
  for (const row of byDay) {
    if (!row.date) continue;
    const key = bucketStart(String(row.date).slice(0, 10), unit);
    if (!buckets.has(key)) buckets.set(key, {});
    const counts = buckets.get(key);
    counts[row.category] = (counts[row.category] || 0) + row.count;
  }
  const range = [];
  const lastKey = bucketStart(dates[dates.length - 1], unit);
  for (let key = bucketStart(dates[0], unit); key <= lastKey; key = nextBucket(key, unit)) range.push(key);
  const totals = range.map((d) => Object.values(buckets.get(d) || {}).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / range.length;
  const barW = Math.min(28, Math.max(1, step * 0.8));  // a lone day stays a bar, not a wall
  const y = (v) => PAD.top + plotH - (v / max) * plotH;

  const chart = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'timeline-svg', role: 'img', 'aria-label': 'Events per day by category' });
  for (const tick of ticks(max)) {
    chart.append(
      s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(tick), y2: y(tick), class: 'grid' }),
      s('text', { x: PAD.left - 4, y: y(tick) + 3, class: 'axis', 'text-anchor': 'end' }, String(tick)),
    );
  }
  const present = new Set();
  range.forEach((day, i) => {
    const counts = buckets.get(day);
    if (!counts) return;
    let base = 0;
    const x = PAD.left + i * step + (step - barW) / 2;
    const group = s('g', { class: 'bar', tabindex: 0, dataset: { date: day } });
    for (const category of CATEGORIES) {
      const n = counts[category];
      if (!n) continue;
      present.add(category);
      group.append(s('rect', { x, width: barW, y: y(base + n), height: Math.max(0.5, y(base) - y(base + n)), fill: categoryColour(category) },
        s('title', {}, `${label(day, unit)} · ${category}: ${n}`)));
      base += n;
    }
    const pick = () => onPick(day, bucketEnd(day, unit));
    group.addEventListener('click', pick);
    group.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(); });
    chart.append(group);
  });
  const labelEvery = Math.max(1, Math.ceil(range.length / 6));
  range.forEach((day, i) => {
    if (i % labelEvery && i !== range.length - 1) return;
    chart.append(s('text', { x: PAD.left + i * step + step / 2, y: HEIGHT - 6, class: 'axis', 'text-anchor': 'middle' }, label(day, unit)));
  });
  chart.append(s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(0), y2: y(0), class: 'baseline' }));
  const legend = h('div', { class: 'legend' }, CATEGORIES.filter((c) => present.has(c)).map((c) => h('span', { class: 'legend-item' },
    h('span', { class: 'swatch', style: `background:${categoryColour(c)}` }), c)));
  fill(root, h('p', { class: 'note', id: 'timeline-unit' }, `Events per ${unit} by category; click a bar to filter to that ${unit}.`),
    chart, legend);
}

function ticks(max) {
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const unit = [1, 2, 5, 10].map((m) => m * magnitude).find((u) => u >= raw) || magnitude;
  const out = [];
  for (let v = 0; v <= max; v += Math.max(1, Math.round(unit))) out.push(v);
  return out;
}

const iso = (t) => new Date(t).toISOString().slice(0, 10);

/** The first day (YYYY-MM-DD) of the day, week (from Monday) or month of ``day``. */
export function bucketStart(day, unit) {
  if (unit === 'month') return `${day.slice(0, 7)}-01`;
  if (unit === 'week') {
    const t = Date.parse(day);
    return iso(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY);
  }
  return day;
}

function nextBucket(key, unit) {
  if (unit === 'month') {
    const d = new Date(Date.parse(key));
    return iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  return iso(Date.parse(key) + (unit === 'week' ? 7 : 1) * DAY);
}

function bucketEnd(key, unit) {
  return unit === 'day' ? key : iso(Date.parse(nextBucket(key, unit)) - DAY);
}

function label(key, unit) {
  return unit === 'month' ? key.slice(0, 7) : key;
}
