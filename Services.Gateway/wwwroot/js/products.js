// A page of products with their images: tiles drawn from the small previews the worker made, bytes in and out and
// the saving; a pair opens larger, and only then is the full-size output loaded. A client's source URL is never
// fetched from here: a shop's own servers must not see every viewer, and a presigned URL may have expired.

import { bytes, el, saving } from "./format.js";

const list = document.getElementById("products");
const note = document.getElementById("products-note");
const dialog = document.getElementById("compare");

function thumb(src, label, missing) {
  const picture = src
    ? el("img", { src, alt: label, loading: "lazy", decoding: "async", width: 160, height: 120 })
    : el("span", { className: "none" }, missing);
  if (src) {
    picture.addEventListener("error", () => picture.replaceWith(el("span", { className: "none" }, "not available")), { once: true });
  }
  return el("figure", {}, picture, el("figcaption", {}, label));
}

/** Why a tile has no picture: a failure says its reason below, a pending image has none yet. */
function missingReason(image) {
  if (image.status === "Failed") {
    return "failed";
  }
  if (image.status !== "Succeeded") {
    return image.status.toLowerCase();
  }
  return "no preview";
}

function facts(image) {
  const saved = saving(image.bytesIn, image.bytesOut);
  if (image.status === "Failed") {
    return el("p", { className: "facts failure" }, `Failed: ${image.failureReason ?? image.failureCode}`);
  }
  if (image.status !== "Succeeded") {
    return el("p", { className: "facts" }, image.status);
  }
  return el("p", { className: "facts" },
    `${bytes(image.bytesIn)} → ${bytes(image.bytesOut)} `,
    saved ? el("span", { className: "saving" }, saved) : null);
}

function open(product, image) {
  const before = document.getElementById("compare-before");
  const after = document.getElementById("compare-after");
  // the source as the worker saw it, through its preview; never the client's URL
  before.hidden = !image.inputPreviewUrl;
  if (image.inputPreviewUrl) {
    before.src = image.inputPreviewUrl;
    before.alt = `Before: ${product.productName} image ${image.position + 1} (preview)`;
  }
  document.getElementById("compare-before-caption").textContent =
    `Before (preview) · ${bytes(image.bytesIn)}${image.width ? ` · ${image.width} × ${image.height}` : ""}`;
  document.getElementById("compare-source").textContent = image.inputUrl;
  after.hidden = !image.outputUrl;
  if (image.outputUrl) {
    // the full-size output, loaded only now that it was asked for
    after.src = image.outputUrl;
    after.alt = `After: ${product.productName} image ${image.position + 1}`;
  } else {
    after.removeAttribute("src");
  }
  const full = document.getElementById("compare-full");
  full.hidden = !image.outputUrl;
  full.href = image.outputUrl ?? "#";
  const saved = saving(image.bytesIn, image.bytesOut);
  document.getElementById("compare-after-caption").textContent = image.outputUrl
    ? `After (full size) · ${bytes(image.bytesOut)}${saved ? ` · ${saved}` : ""}${image.outputQuality ? ` · quality ${image.outputQuality}` : ""}`
    : `No output: ${image.failureReason ?? image.status}`;
  document.getElementById("compare-title").textContent = `${product.productName}, image ${image.position + 1}`;
  dialog.showModal();
}

function card(product) {
  const images = product.images.map((image) => {
    const missing = missingReason(image);
    const pair = el("button", {
      type: "button",
      className: "thumbs",
      title: "Open before and after",
      ariaLabel: `Open before and after of ${product.productName} image ${image.position + 1}`,
    }, thumb(image.inputPreviewUrl, "before", missing), thumb(image.outputPreviewUrl, "after", missing));
    pair.addEventListener("click", () => open(product, image));
    return el("li", { className: "image" }, pair, facts(image));
  });
  const item = el("li", { className: "product" },
    el("h4", {}, `${product.serialNumber}. ${product.productName}`, el("span", { className: "hint" }, ` · row ${product.row}`)),
    el("ul", { className: "images" }, ...images));
  item.dataset.row = product.row;
  return item;
}

/** Draws one page; <paramref name="label"/> says which (e.g. "Products 51–100, failed only"). */
export function renderProducts(products, label) {
  list.replaceChildren(...products.map(card));
  note.textContent = label;
}

export function clearProducts() {
  list.replaceChildren();
  note.textContent = "";
}
