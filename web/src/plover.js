// The PLOVER ontology as the dashboard needs it, read from the package's own data
// file (src/eventwire/data/plover.json, bundled at build time) so there is one source.
import plover from '../../src/eventwire/data/plover.json';

export const QUADS = Object.fromEntries(
  Object.entries(plover.quad_classes).map(([code, name]) => [Number(code), name]),
);

/** Quad class colours: cooperation blues/greens, conflict oranges/reds. */
export const QUAD_COLOURS = { 1: '#4e9fd1', 2: '#2f9e6e', 3: '#f0a030', 4: '#d7402b' };

export const CATEGORIES = Object.keys(plover.categories);

export function quadOf(category) {
  const entry = plover.categories[category];
  return entry ? entry.quad : null;
}

export function modesOf(category) {
  const entry = plover.categories[category];
  return entry ? Object.keys(entry.modes) : [];
}

// Shades of the quad colour, one per category, so the timeline reads by quad class
// first and category second.
const SHADES = {
  1: ['#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  2: ['#74c476', '#31a354', '#006d2c'],
  3: ['#fdd0a2', '#fdae6b', '#fd8d3c', '#e6550d'],
  4: ['#fc9272', '#ef3b2c', '#cb181d', '#a50f15', '#67000d'],
};

export const CATEGORY_COLOURS = (() => {
  const used = { 1: 0, 2: 0, 3: 0, 4: 0 };
  const colours = {};
  for (const category of CATEGORIES) {
    const quad = quadOf(category);
    const shades = SHADES[quad] || ['#888'];
    colours[category] = shades[used[quad] % shades.length];
    used[quad] += 1;
  }
  return colours;
})();

export function categoryColour(category) {
  return CATEGORY_COLOURS[category] || '#888';
}
