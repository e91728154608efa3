// Review: correct the open event (POST /api/corrections with the analyst's token) and
// the audit log of every correction (GET /api/corrections).
import { postCorrection } from './api.js';
import { h, fill, show } from './dom.js';
import { CATEGORIES, modesOf } from './plover.js';

const TOKEN_KEY = 'eventwire.token';
const AUTHOR_KEY = 'eventwire.author';

function stored(key, fallback = '') {
  try { return sessionStorage.getItem(key) || fallback; } catch { return fallback; }
}

function store(key, value) {
  try { sessionStorage.setItem(key, value); } catch { /* storage off: ask again next time */ }
}

/** Render the review panel for ``event``; ``onDone()`` after a correction is saved. */
export function renderReview(root, event, { onDone }) {
  const message = h('p', { class: 'message', id: 'review-message', role: 'status' });
  const token = h('input', { type: 'password', id: 'token', name: 'token', value: stored(TOKEN_KEY), placeholder: 'given by whoever runs the server', autocomplete: 'off' });
  const author = h('input', { id: 'author', name: 'author', value: stored(AUTHOR_KEY, 'analyst') });
  const note = h('input', { id: 'note', name: 'note', placeholder: 'why (optional)' });

  async function submit(field, value) {
    if (!token.value) {
      fill(message, 'Type the token first.');
      message.className = 'message error';
      token.focus();
      return;
    }
    store(TOKEN_KEY, token.value);
    store(AUTHOR_KEY, author.value || 'analyst');
    const body = { event_id: event.id, field, value, author: author.value || 'analyst' };
    if (note.value) body.note = note.value;
    fill(message, `Saving ${field}…`);
    message.className = 'message';
    try {
      await postCorrection(body, token.value);
      fill(message, `Saved: ${field} → ${show(value)}`);
      message.className = 'message ok';
      note.value = '';
      await onDone();
    } catch (error) {
      const why = error.status === 401 ? 'the token was refused'
        : error.status === 403 ? 'the server was started without --token, so corrections are off'
          : error.message;
      fill(message, `Not saved: ${why}.`);
      message.className = 'message error';
    }
  }

  const wrong = event.status === 'wrong';
  const category = h('select', { id: 'fix-category', name: 'category' },
    CATEGORIES.map((c) => h('option', { value: c, selected: c === event.event }, c)));
  const modeBox = h('div', { class: 'modes', id: 'fix-mode' });
  const drawModes = () => fill(modeBox, modesOf(category.value).map((m) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', value: m, checked: (event.mode || []).includes(m) && category.value === event.event }), m)),
  modesOf(category.value).length ? null : h('span', { class: 'note' }, 'this category has no modes'));
  category.addEventListener('change', drawModes);
  drawModes();
  const chosenModes = () => [...modeBox.querySelectorAll('input:checked')].map((i) => i.value);

  const sideRows = (side) => (event[side] || []).map((entity, i) => {
    const code = h('input', { class: 'code', value: entity.code || '', 'aria-label': `${side} ${i} code`, dataset: { field: `${side}.${i}.code` } });
    const sector = h('input', { class: 'code', value: entity.sector || '', 'aria-label': `${side} ${i} sector`, dataset: { field: `${side}.${i}.sector` } });
    const save = async () => {
      const codeValue = code.value.trim().toUpperCase() || null;
      const sectorValue = sector.value.trim().toUpperCase() || null;
      if (codeValue !== (entity.code || null)) await submit(`${side}.${i}.code`, codeValue);
      if (sectorValue !== (entity.sector || null)) await submit(`${side}.${i}.sector`, sectorValue);
    };
    return h('div', { class: 'side-row' }, h('span', { class: 'who' }, `${side} ${i}: “${show(entity.entity_text)}”`),
      code, sector, h('button', { type: 'button', onclick: save }, 'Fix'));
  });
  const mergeWith = h('input', { id: 'merge-with', placeholder: 'event id', class: 'code-wide' });

  fill(root,
    h('form', { class: 'credentials', onsubmit: (e) => e.preventDefault() },
      h('label', { class: 'field' }, h('span', {}, 'Token'), token),
      h('label', { class: 'field' }, h('span', {}, 'Your name'), author),
      h('label', { class: 'field' }, h('span', {}, 'Note'), note)),
    h('div', { class: 'review-row' },
      h('button', { type: 'button', id: 'mark-wrong', class: wrong ? '' : 'danger', onclick: () => submit('status', wrong ? 'ok' : 'wrong') },
        wrong ? 'Mark as a real event' : 'Mark wrong')),
    h('div', { class: 'review-row' }, h('label', { for: 'fix-category' }, 'Category '), category,
      h('button', { type: 'button', id: 'save-category', onclick: () => submit('event', category.value) }, 'Change category')),
    h('div', { class: 'review-row' }, h('span', {}, 'Mode '), modeBox,
      h('button', { type: 'button', id: 'save-mode', onclick: () => submit('mode', chosenModes()) }, 'Change mode')),
    h('div', { class: 'sides' }, h('p', { class: 'note' }, 'Codes and sectors: 2–8 capital letters or digits; empty clears.'),
      sideRows('actor'), sideRows('recipient')),
    h('div', { class: 'review-row' }, h('label', { for: 'merge-with' }, 'Same event as '), mergeWith,
      h('button', { type: 'button', id: 'merge', onclick: () => mergeWith.value.trim() && submit('cluster', mergeWith.value.trim()) }, 'Merge'),
      h('button', { type: 'button', id: 'split', onclick: () => submit('cluster', event.id) }, 'Split into its own event')),
    message);
}

/** Render the audit log (newest first); ``onOpen(id)`` opens a corrected event. */
export function renderAudit(root, corrections, onOpen) {
  if (!corrections.length) {
    fill(root, h('p', { class: 'empty' }, 'No corrections yet.'));
    return;
  }
  fill(root, h('table', { class: 'audit', id: 'audit' },
    h('thead', {}, h('tr', {}, ['When', 'Who', 'Event', 'Field', 'Before', 'After', 'Note'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, corrections.map((c) => h('tr', {},
      h('td', {}, show(c.created_at).replace('T', ' ').slice(0, 19)),
      h('td', {}, show(c.author)),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => onOpen(c.event_id) }, show(c.event_id))),
      h('td', {}, show(c.field)),
      h('td', {}, show(c.old_value)),
      h('td', {}, show(c.new_value)),
      h('td', {}, show(c.note)))))));
}
