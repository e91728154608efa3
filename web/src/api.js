// The HTTP API (docs/api.md) and the filters shared by every view, kept in the URL.

export const FILTER_KEYS = ['category', 'country', 'actor', 'since', 'until', 'text'];
const LIST_KEYS = new Set(['category', 'country', 'actor']);

/** The filters in the page's query string: lists for repeatable keys. */
export function readFilters(search = window.location.search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    if (LIST_KEYS.has(key)) {
      filters[key] = params.getAll(key).flatMap(splitCodes);
    } else {
      filters[key] = params.get(key) || '';
    }
  }
  return filters;
}

/** "sdn, cod" → ["SDN", "COD"]. */
export function splitCodes(text) {
  return String(text).split(/[\s,]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
}

/** URLSearchParams for the API (and the page URL) from filters. */
export function filterParams(filters) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else if (value) params.set(key, value);
  }
  return params;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function parse(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && body.detail;
    const message = typeof detail === 'string' ? detail
      : Array.isArray(detail) ? detail.map((d) => d.msg || JSON.stringify(d)).join('; ')
        : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return body;
}

/** GET /api/<path>?<params> as JSON; throws ApiError on an HTTP error. */
export async function get(path, params) {
  const query = params && String(params) ? `?${params}` : '';
  return parse(await fetch(`/api/${path}${query}`, { headers: { Accept: 'application/json' } }));
}

/** POST /api/corrections with the analyst's token. */
export async function postCorrection(body, token) {
  return parse(await fetch('/api/corrections', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  }));
}

/** A link to /api/export of the current filter. */
export function exportUrl(filters, format) {
  const params = filterParams(filters);
  params.set('format', format);
  return `/api/export?${params}`;
}
