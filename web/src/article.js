// The article view: the text with every span of every event highlighted (the open
// event's strongly, its sentence underlaid), a legend, the evidence and the mentions.
import { h, fill, show, safeUrl } from './dom.js';
import { categoryColour } from './plover.js';

export const KINDS = ['trigger', 'actor', 'recipient', 'place', 'date'];

/** Pieces of ``text`` between span boundaries, each with the spans covering it. */
export function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  const valid = spans.filter((sp) => Number.isInteger(sp.start) && Number.isInteger(sp.end)
    && sp.start >= 0 && sp.end <= text.length && sp.start < sp.end);
  for (const sp of valid) { cuts.add(sp.start); cuts.add(sp.end); }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < sorted.length - 1; i += 1) {
    const [a, b] = [sorted[i], sorted[i + 1]];
    out.push({ start: a, end: b, spans: valid.filter((sp) => sp.start <= a && sp.end >= b) });
  }
  return out;
}

function highlightedText(article, eventId, sentence) {
  const text = article.text || '';
  const spans = (article.spans || []).filter((sp) => KINDS.includes(sp.kind));
  const marks = sentence ? [...spans, { start: sentence.start, end: sentence.end, kind: 'sentence', event_id: eventId }] : spans;
  const body = h('div', { class: 'article-text', id: 'article-text' });
  for (const seg of segments(text, marks)) {
    const piece = text.slice(seg.start, seg.end);
    const kinds = seg.spans.filter((sp) => sp.kind !== 'sentence');
    const inSentence = seg.spans.some((sp) => sp.kind === 'sentence');
    if (!kinds.length && !inSentence) {
      body.append(piece);
      continue;
    }
    const own = kinds.filter((sp) => sp.event_id === eventId);
    // One colour per piece (the first kind in KINDS order); the other kinds of the
    // same event (a recipient that is also the place) are underlined in theirs.
    const ranked = [...new Set((own.length ? own : kinds).map((sp) => sp.kind))]
      .sort((a, b) => KINDS.indexOf(a) - KINDS.indexOf(b));
    const lead = ranked[0];
    const classes = ['hl'];
    if (lead) classes.push(`hl-${lead}`, own.length ? 'current' : 'other');
    if (own.length) ranked.slice(1).forEach((kind) => classes.push(`also-${kind}`));
    if (inSentence) classes.push('in-sentence');
    const title = kinds.map((sp) => `${sp.kind} of event ${sp.event_id}`).join('\n');
    body.append(h(lead ? 'mark' : 'span', { class: classes.join(' '), title: title || null, dataset: lead ? { kind: lead, kinds: ranked.join(' ') } : null }, piece));
  }
  return body;
}

function legend() {
  return h('div', { class: 'legend span-legend', id: 'span-legend' },
    KINDS.map((kind) => h('span', { class: 'legend-item' }, h('mark', { class: `hl hl-${kind} current` }, kind))),
    h('span', { class: 'legend-item' }, h('span', { class: 'hl in-sentence' }, 'sentence of this event')),
    h('span', { class: 'legend-item' }, h('mark', { class: 'hl hl-trigger other' }, 'other events')));
}

function evidenceList(detail) {
  const ev = detail.evidence || {};
  const side = (items) => (items || []).map((x) => h('div', {}, `“${show(x.text)}” → `, h('code', {}, show(x.code)), ' ', show(x.sector)));
  const place = ev.place ? [`“${show(ev.place.text)}” → ${show(ev.place.resolved_place)} (${show(ev.place.country_code)}`,
    ev.place.lat != null ? `, ${Number(ev.place.lat).toFixed(3)}, ${Number(ev.place.lon).toFixed(3)}` : '', `; ${show(ev.place.basis)})`] : '—';
  const date = ev.date ? `“${show(ev.date.text)}” → ${show(ev.date.date)} (${show(ev.date.precision)}; ${show(ev.date.basis)})` : '—';
  const row = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
  return h('dl', { class: 'evidence', id: 'evidence' },
    row('Sentence', show(ev.sentence && ev.sentence.text)),
    row('Trigger', show(ev.trigger && ev.trigger.text)),
    row('Actor', side(ev.actor).length ? side(ev.actor) : '—'),
    row('Recipient', side(ev.recipient).length ? side(ev.recipient) : '—'),
    row('Place', place),
    row('Date', date));
}

function mentionList(detail, onOpen) {
  const mentions = detail.mentions || [];
  if (!mentions.length) return h('p', { class: 'note' }, 'No other reports of this event.');
  return h('ul', { class: 'mentions', id: 'mentions' }, mentions.map((m) => {
    const url = safeUrl(m.url);
    return h('li', {},
      h('button', { type: 'button', class: 'link', onclick: () => onOpen(m.id) }, show(m.id)), ' · ',
      show(m.source), ' · ', show(m.published), url ? [' · ', h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, 'source')] : null,
      h('div', { class: 'quote' }, show(m.sentence)));
  }));
}

/** Render event ``detail`` (/api/events/{id}) and its ``article`` (/api/articles/{key}). */
export function renderArticle(root, detail, article, { onOpen }) {
  const event = detail.event;
  const url = safeUrl(article.url);
  const sentence = detail.evidence && detail.evidence.sentence;
  const text = highlightedText(article, event.id, sentence);
  fill(root,
    h('header', { class: 'article-head' },
      h('h3', { id: 'article-title' }, show(article.title || article.doc_id)),
      h('p', { class: 'meta' }, show(article.source), ' · ', show(article.published), ' · ', show(article.doc_id),
        url ? [' · ', h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null)),
    h('p', { class: 'event-line' },
      h('span', { class: 'chip', style: `border-color:${categoryColour(event.event)}` }, show(event.event)),
      ` ${show(event.mode)} · event `, h('code', { id: 'open-event-id' }, show(event.id)),
      event.status === 'wrong' ? h('strong', { class: 'wrong-flag' }, ' marked wrong') : null),
    legend(), text,
    h('h4', {}, 'Evidence'), evidenceList(detail),
    h('h4', {}, 'Reports of this event'), mentionList(detail, onOpen));
  const lead = text.querySelector('mark.current');
  // Scroll the text box (not the page) to the open event.
  if (lead) text.scrollTop = Math.max(0, lead.offsetTop - 40);
}
