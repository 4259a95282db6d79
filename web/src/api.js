// The dyad JSON API: one fetch helper that turns `{"error": "..."}` answers
// into exceptions with the server's message.

/** An error answered by the API (or a network failure). */
export class ApiError extends Error {
  constructor(message, status, path) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.path = path;
  }
}

/** Query string of `params`, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** GET `/api/<path>` with `params`; resolves to the parsed JSON. */
export async function api(path, params, { signal } = {}) {
  const url = `/api/${path}${query(params)}`;
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(`The server could not be reached (${e && e.message ? e.message : e}).`, 0, url);
  }
  let body = null;
  const text = await res.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    // The server's JSON error; else its words (a plain-text rejection), else the status.
    const plain = body === null && text && text.length < 500 && !/^\s*</.test(text) ? text.trim() : '';
    const msg = body && typeof body.error === 'string' ? body.error : plain || `${res.status} ${res.statusText}`.trim();
    throw new ApiError(msg, res.status, url);
  }
  if (body === null && text) throw new ApiError('The server answered something that is not JSON.', res.status, url);
  return body;
}

/** A page of a list endpoint: `{items, next}` (a bare array is one last page). */
export function page(body) {
  if (Array.isArray(body)) return { items: body, next: null };
  return { items: (body && body.items) || [], next: (body && body.next) || null };
}
