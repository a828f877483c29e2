// The gateway's REST API as the console uses it. Every call sends the API key kept in this tab's session storage.

const KEY_STORAGE = "imagepipeline.apiKey";

/** An answer other than 2xx, with the problem details the API sends. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** The server has no such route or method: the feature is not there (yet). */
  get unsupported() {
    // an unknown request is a 404 with problem details; an unknown route is a bare 404
    return this.status === 405 || (this.status === 404 && this.problem.title !== "Request not found");
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) ?? "";
}

export function setApiKey(key) {
  if (key) {
    sessionStorage.setItem(KEY_STORAGE, key);
  } else {
    sessionStorage.removeItem(KEY_STORAGE);
  }
}

async function call(method, path, body) {
  const headers = {};
  const key = apiKey();
  if (key) {
    headers["X-Api-Key"] = key;
  }
  const response = await fetch(path, { method, headers, body });
  if (!response.ok) {
    let problem = null;
    if ((response.headers.get("Content-Type") ?? "").includes("json")) {
      problem = await response.json().catch(() => null);
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

/** Seconds the server asks us to wait before polling again (Retry-After), or null when it sent none. */
function retryAfter(response) {
  const value = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

export async function submit(file, webhookUrl) {
  const form = new FormData();
  form.append("file", file, file.name);
  if (webhookUrl) {
    form.append("webhookUrl", webhookUrl);
  }
  return (await call("POST", "/api/requests", form)).json();
}

export async function status(id) {
  const response = await call("GET", `/api/requests/${id}`);
  return { status: await response.json(), retryAfter: retryAfter(response) };
}

/** The cursor of the next page, from the Link header (rel="next"), or null on the last page. */
function nextCursor(response) {
  const match = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("Link") ?? "");
  return match ? new URL(match[1], location.href).searchParams.get("cursor") : null;
}

/**
 * One page of a request's products: { items, next }. <paramref name="page"/> has limit, cursor (the row the page
 * starts after), imageStatus (products with an image of that status) and q (name contains, or row/serial number).
 */
export async function products(id, page = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(page)) {
    if (value !== null && value !== undefined && value !== "") {
      query.set(name, String(value));
    }
  }
  const response = await call("GET", `/api/requests/${id}/products?${query}`);
  return { items: await response.json(), next: nextCursor(response) };
}

export async function list(cursor) {
  const query = new URLSearchParams({ limit: "20" });
  if (cursor) {
    query.set("cursor", cursor);
  }
  return (await call("GET", `/api/requests?${query}`)).json();
}

export async function cancel(id) {
  return (await call("DELETE", `/api/requests/${id}`)).json();
}

export async function retry(id) {
  return (await call("POST", `/api/requests/${id}/retry`)).json();
}

/** A CSV of the request (output.csv or failed.csv) as a Blob. */
export async function csv(id, name) {
  return (await call("GET", `/api/requests/${id}/${name}`)).blob();
}
