// The caller's requests, newest first, a page at a time.

import * as api from "./api.js";
import { el, shortId, time } from "./format.js";

const section = document.getElementById("requests");
const rows = document.getElementById("request-rows");
const message = document.getElementById("requests-message");
const more = document.getElementById("more-requests");

let cursor = null;

function row(request) {
  const images = request.images;
  return el("tr", {},
    el("td", {}, el("a", { href: `#/requests/${request.requestId}`, title: request.requestId }, shortId(request.requestId))),
    el("td", { className: `status status-${request.status}` }, request.status),
    el("td", {}, images.total ? `${images.succeeded + images.failed}/${images.total}${images.failed ? ` (${images.failed} failed)` : ""}` : "–"),
    el("td", {}, time(request.submittedAt)));
}

async function load(append) {
  try {
    const page = await api.list(append ? cursor : null);
    cursor = page.nextCursor;
    const drawn = page.items.map(row);
    if (append) {
      rows.append(...drawn);
    } else {
      rows.replaceChildren(...drawn);
    }
    message.textContent = rows.children.length === 0 ? "No requests yet." : "";
    more.hidden = !cursor;
  } catch (error) {
    if (error instanceof api.ApiError && error.unsupported) {
      // a gateway without the list: leave it out rather than show an error forever
      section.hidden = true;
      return;
    }
    message.textContent = error.message;
  }
}

export function refreshRequests() {
  return load(false);
}

export function initRequests() {
  document.getElementById("refresh-requests").addEventListener("click", () => load(false));
  more.addEventListener("click", () => load(true));
}
