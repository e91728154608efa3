// The filter form: category (multi), country, actor, date range and free text.
import { splitCodes } from './api.js';
import { h, fill } from './dom.js';
import { CATEGORIES, QUADS, quadOf, categoryColour } from './plover.js';

/** Render the form into ``root``; ``onApply(filters)`` is called on submit. */
export function renderFilters(root, filters, onApply) {
  const chosen = new Set(filters.category);
  const groups = Object.entries(QUADS).map(([quad, name]) => h('fieldset', { class: 'quad-group' },
    h('legend', {}, `${quad} · ${name}`),
    CATEGORIES.filter((c) => quadOf(c) === Number(quad)).map((category) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'category', value: category, checked: chosen.has(category) }),
      h('span', { class: 'swatch', style: `background:${categoryColour(category)}` }),
      category)),
  ));
  const field = (label, input) => h('label', { class: 'field' }, h('span', {}, label), input);
  const form = h('form', { id: 'filters', class: 'filters', autocomplete: 'off' },
    h('h2', {}, 'Filters'),
    h('div', { class: 'categories', role: 'group', 'aria-label': 'Categories' }, groups),
    field('Country (ISO-3)', h('input', { name: 'country', placeholder: 'e.g. KEN, COD', value: filters.country.join(', ') })),
    field('Actor code', h('input', { name: 'actor', placeholder: 'e.g. GOV, KENPOL', value: filters.actor.join(', ') })),
    field('Since', h('input', { name: 'since', type: 'date', value: filters.since })),
    field('Until', h('input', { name: 'until', type: 'date', value: filters.until })),
    field('Text', h('input', { name: 'text', type: 'search', placeholder: 'words in the sentence', value: filters.text })),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      h('button', { type: 'button', id: 'clear-filters', onclick: () => onApply(emptyFilters()) }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    onApply({
      category: data.getAll('category').map(String),
      country: splitCodes(data.get('country') || ''),
      actor: splitCodes(data.get('actor') || ''),
      since: String(data.get('since') || ''),
      until: String(data.get('until') || ''),
      text: String(data.get('text') || '').trim(),
    });
  });
  // A ticked or unticked category applies at once; text fields wait for Enter/Apply.
  form.addEventListener('change', (event) => {
    if (event.target.name === 'category') form.requestSubmit();
  });
  fill(root, form);
}

export function emptyFilters() {
  return { category: [], country: [], actor: [], since: '', until: '', text: '' };
}
