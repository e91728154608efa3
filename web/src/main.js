// The dashboard: one page whose filters (in the URL) drive every view.
import './app.css';
import { get, readFilters, filterParams, exportUrl, FILTER_KEYS } from './api.js';
import { h, fill } from './dom.js';
import { renderFilters } from './filters.js';
import { EventMap } from './map.js';
import { renderTimeline } from './timeline.js';
import { renderTable, PAGE_SIZE } from './table.js';
import { renderNetwork } from './network.js';
import { renderArticle } from './article.js';
import { renderReview, renderAudit } from './review.js';

const MAP_LIMIT = 500;
const $ = (id) => document.getElementById(id);

// Page state, mirrored in the query string so a view can be bookmarked and shared.
const state = { filters: readFilters(), offset: 0, sort: '-date', event: null };

function readState() {
  const params = new URLSearchParams(window.location.search);
  state.filters = readFilters();
  state.offset = Math.max(0, Number.parseInt(params.get('offset') || '0', 10) || 0);
  state.sort = params.get('sort') === 'date' ? 'date' : '-date';
  state.event = params.get('event') || null;
}

function writeState(push = true) {
  const params = filterParams(state.filters);
  if (state.offset) params.set('offset', String(state.offset));
  if (state.sort !== '-date') params.set('sort', state.sort);
  if (state.event) params.set('event', state.event);
  const url = `${window.location.pathname}${String(params) ? `?${params}` : ''}`;
  if (url !== `${window.location.pathname}${window.location.search}`) {
    window.history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
}

function failed(root, what, error) {
  fill(root, h('p', { class: 'error' }, `Could not load ${what}: ${error.message}`));
}

let map = null;

async function refreshViews() {
  const params = filterParams(state.filters);
  const mapPage = new URLSearchParams(params);
  mapPage.set('limit', String(MAP_LIMIT));
  mapPage.set('sort', '-date');
  const actors = new URLSearchParams(params);
  actors.set('limit', '60');
  $('export-csv').href = exportUrl(state.filters, 'csv');
  $('export-jsonl').href = exportUrl(state.filters, 'jsonl');
  await Promise.all([
    refreshTable(),
    get('events', mapPage).then((data) => map.update(data.events, data.total))
      .catch((e) => failed($('map-note'), 'the map', e)),
    get('stats', params).then((data) => renderTimeline($('timeline-root'), data.by_day || [], (since, until) => {
      applyFilters({ ...state.filters, since, until });
    })).catch((e) => failed($('timeline-root'), 'the timeline', e)),
    get('actors', actors).then((data) => renderNetwork($('network-root'), data, (code) => {
      applyFilters({ ...state.filters, actor: [code] });
    })).catch((e) => failed($('network-root'), 'the actor network', e)),
    refreshAudit(),
  ]);
  document.body.dataset.loaded = String(Date.now());
}

async function refreshTable() {
  const page = filterParams(state.filters);
  page.set('limit', String(PAGE_SIZE));
  page.set('offset', String(state.offset));
  page.set('sort', state.sort);
  try {
    renderTable($('table-root'), await get('events', page), {
      selected: state.event, sort: state.sort, onOpen: openEvent,
      onPage: (offset) => { state.offset = offset; writeState(); refreshTable(); },
      onSort: (sort) => { state.sort = sort; state.offset = 0; writeState(); refreshTable(); },
    });
  } catch (e) {
    failed($('table-root'), 'events', e);
  }
}

async function refreshAudit() {
  try {
    const data = await get('corrections', new URLSearchParams({ limit: '50' }));
    renderAudit($('audit-root'), data.corrections || [], openEvent);
  } catch (e) {
    failed($('audit-root'), 'the audit log', e);
  }
}

async function refreshHealth() {
  try {
    const health = await get('health');
    fill($('health'), `${health.events} events · ${health.articles} articles · eventwire ${health.version}`);
  } catch (e) {
    fill($('health'), `server unreachable: ${e.message}`);
  }
}

async function showEvent(id) {
  for (const row of document.querySelectorAll('tr.event-row')) {
    row.classList.toggle('selected', row.dataset.eventId === id);
  }
  if (!id) return;
  try {
    const detail = await get(`events/${encodeURIComponent(id)}`);
    const article = await get(`articles/${encodeURIComponent(detail.article)}`);
    renderArticle($('article-root'), detail, article, { onOpen: openEvent });
    renderReview($('review-root'), detail.event, { onDone: afterCorrection });
  } catch (e) {
    failed($('article-root'), `event ${id}`, e);
    fill($('review-root'), h('p', { class: 'empty' }, 'Open an event to review it.'));
  }
}

function openEvent(id) {
  state.event = id;
  writeState();
  showEvent(id);
  $('article-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

async function afterCorrection() {
  await Promise.all([refreshViews(), showEvent(state.event)]);
}

function applyFilters(filters) {
  state.filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, filters[k]]));
  state.offset = 0;
  writeState();
  renderFilters($('filters-root'), state.filters, applyFilters);
  refreshViews();
}

function start() {
  readState();
  renderFilters($('filters-root'), state.filters, applyFilters);
  map = new EventMap($('map-root'), { onOpen: openEvent });
  refreshHealth();
  refreshViews();
  if (state.event) showEvent(state.event);
  window.addEventListener('popstate', () => {
    readState();
    renderFilters($('filters-root'), state.filters, applyFilters);
    refreshViews();
    showEvent(state.event);
  });
}

start();
