// The event table: one page of /api/events; a click (or Enter) on a row opens the event.
import { h, fill, show } from './dom.js';
import { categoryColour } from './plover.js';

export const PAGE_SIZE = 50;

function codes(side) {
  return (side || []).map((x) => [x.code, x.sector].filter(Boolean).join('/') || x.entity_text).filter(Boolean);
}

/** Render a page ``{total, limit, offset, events}``; ``selected`` is the open event id. */
export function renderTable(root, page, { selected, sort, onOpen, onPage, onSort }) {
  const header = h('tr', {},
    h('th', { scope: 'col' }, h('button', { type: 'button', class: 'link', id: 'sort-date', onclick: () => onSort(sort === '-date' ? 'date' : '-date') },
      `Date ${sort === '-date' ? '▼' : '▲'}`)),
    ['Category', 'Mode', 'Actor', 'Recipient', 'Place', 'Country', 'Reports', 'Status'].map((c) => h('th', { scope: 'col' }, c)));
  const rows = page.events.map((event) => {
    const loc = event.event_loc || {};
    const row = h('tr', {
      class: ['event-row', event.id === selected ? 'selected' : '', event.status === 'wrong' ? 'wrong' : ''].join(' ').trim(),
      tabindex: 0, dataset: { eventId: event.id }, 'aria-label': `Open event ${event.id}`,
    },
    h('td', { class: 'date' }, show(event.date)),
    h('td', { class: 'category' }, h('span', { class: 'chip', style: `border-color:${categoryColour(event.event)}` }, show(event.event))),
    h('td', {}, show(event.mode)),
    h('td', {}, show(codes(event.actor))),
    h('td', {}, show(codes(event.recipient))),
    h('td', {}, show(loc.resolved_place || loc.extracted_place)),
    h('td', {}, show(loc.country_code)),
    h('td', { class: 'num' }, show(event.num_mentions ?? 1)),
    h('td', {}, event.status === 'wrong' ? 'wrong' : (event.corrected || []).length ? 'corrected' : ''));
    row.addEventListener('click', () => onOpen(event.id));
    row.addEventListener('keydown', (e) => { if (e.key === 'Enter') onOpen(event.id); });
    return row;
  });
  const first = page.total ? page.offset + 1 : 0;
  const last = page.offset + page.events.length;
  const pager = h('div', { class: 'pager' },
    h('button', { type: 'button', id: 'prev-page', disabled: page.offset <= 0, onclick: () => onPage(Math.max(0, page.offset - page.limit)) }, '‹ Previous'),
    h('span', { id: 'page-info' }, `${first}–${last} of ${page.total} events`),
    h('button', { type: 'button', id: 'next-page', disabled: last >= page.total, onclick: () => onPage(page.offset + page.limit) }, 'Next ›'));
  const body = rows.length ? rows : h('tr', {}, h('td', { colspan: 9, class: 'empty' }, 'No events match the filters.'));
  fill(root, h('div', { class: 'table-scroll' }, h('table', { id: 'events', class: 'events' }, h('thead', {}, header), h('tbody', {}, body))), pager);
}
