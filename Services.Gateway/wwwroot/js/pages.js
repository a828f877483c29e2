// The products of the open request, a page at a time: the API pages by row (a cursor is the row a page starts after),
// so going back is a stack of the cursors that started the pages before. A filter or a search starts again at page 1.

import * as api from "./api.js";
import { clearProducts, renderProducts } from "./products.js";

/** Products on a page: 50 cards of a few images each draw quickly on a phone and load a few hundred KB of previews. */
export const PAGE_SIZE = 50;

const form = document.getElementById("product-filters");
const search = document.getElementById("product-search");
const status = document.getElementById("product-status");
const previous = document.getElementById("products-previous");
const next = document.getElementById("products-next");

const STATUS_LABELS = { Failed: "with a failed image", Pending: "with a pending image", Succeeded: "with a succeeded image", Cancelled: "with a cancelled image" };

let requestId = null;
let starts = [0];
let nextCursor = null;
let loading = 0;
let shown = null;
let onError = () => {};

function describe(count) {
  const first = (starts.length - 1) * PAGE_SIZE + 1;
  const which = [STATUS_LABELS[status.value], search.value.trim() ? `matching “${search.value.trim()}”` : null].filter(Boolean).join(", ");
  if (count === 0) {
    return starts.length > 1 ? "No more products." : `No products${which ? ` ${which}` : ""}.`;
  }
  return `Products ${first}–${first + count - 1}${which ? ` ${which}` : ""}${nextCursor ? "" : " (last page)"}`;
}

/** Loads the current page again (the status poll calls it while the request runs). */
export async function reloadPage() {
  if (!requestId) {
    return;
  }
  const id = requestId;
  const run = ++loading;
  try {
    const page = await api.products(id, {
      limit: PAGE_SIZE, cursor: starts.at(-1) || null, imageStatus: status.value || null, q: search.value.trim() || null,
    });
    if (run !== loading || id !== requestId) {
      return;
    }
    nextCursor = page.next;
    // a poll that changed nothing leaves the page as it is: no tile is drawn again and focus stays where it was
    const drawn = JSON.stringify([starts, page]);
    if (drawn !== shown) {
      shown = drawn;
      renderProducts(page.items, describe(page.items.length));
    }
    previous.disabled = starts.length === 1;
    next.disabled = !nextCursor;
    previous.parentElement.hidden = starts.length === 1 && !nextCursor;
  } catch (error) {
    if (run === loading) {
      onError(error);
    }
  }
}

function firstPage() {
  shown = null;
  starts = [0];
  nextCursor = null;
  return reloadPage();
}

/** Shows request <paramref name="id"/>'s products from the first page, with no filter. */
export function openPages(id) {
  requestId = id;
  search.value = "";
  status.value = "";
  starts = [0];
  nextCursor = null;
  loading++;
  shown = null;
  clearProducts();
  previous.parentElement.hidden = true;
}

export function closePages() {
  requestId = null;
  loading++;
}

/** <paramref name="failed"/> is called with an error reading a page. */
export function initPages(failed) {
  onError = failed;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    firstPage();
  });
  status.addEventListener("change", () => firstPage());
  next.addEventListener("click", async () => {
    if (nextCursor) {
      starts.push(Number(nextCursor));
      await reloadPage();
      document.getElementById("products-title").scrollIntoView({ block: "start" });
    }
  });
  previous.addEventListener("click", async () => {
    if (starts.length > 1) {
      starts.pop();
      await reloadPage();
      document.getElementById("products-title").scrollIntoView({ block: "start" });
    }
  });
}
