// Every product with its images: before/after thumbnails, bytes in and out, the saving; a pair opens larger.

import { bytes, el, saving } from "./format.js";

/** Most products drawn at once: the API lists all of them, and a browser cannot draw 100,000 cards. */
export const MAX_SHOWN = 200;

const list = document.getElementById("products");
const note = document.getElementById("products-note");
const dialog = document.getElementById("compare");

function thumb(src, label) {
  const picture = src ? el("img", { src, alt: label, loading: "lazy", decoding: "async" }) : el("span", { className: "none" }, "none");
  if (src) {
    // a source that is gone (the reason the image failed, often) shows as such, not as a broken image
    picture.addEventListener("error", () => picture.replaceWith(el("span", { className: "none" }, "not available")), { once: true });
  }
  return el("figure", {}, picture, el("figcaption", {}, label));
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
  before.src = image.inputUrl;
  before.alt = `Before: ${product.productName} image ${image.position + 1}`;
  document.getElementById("compare-before-caption").textContent = `Before · ${bytes(image.bytesIn)}`;
  after.hidden = !image.outputUrl;
  if (image.outputUrl) {
    after.src = image.outputUrl;
    after.alt = `After: ${product.productName} image ${image.position + 1}`;
  }
  const saved = saving(image.bytesIn, image.bytesOut);
  document.getElementById("compare-after-caption").textContent = image.outputUrl
    ? `After · ${bytes(image.bytesOut)}${saved ? ` · ${saved}` : ""}${image.outputQuality ? ` · quality ${image.outputQuality}` : ""}`
    : `No output: ${image.failureReason ?? image.status}`;
  document.getElementById("compare-title").textContent = `${product.productName}, image ${image.position + 1}`;
  dialog.showModal();
}

function card(product) {
  const images = product.images.map((image) => {
    const pair = el("button", {
      type: "button",
      className: "thumbs",
      title: "Open before and after",
      ariaLabel: `Open before and after of ${product.productName} image ${image.position + 1}`,
    }, thumb(image.inputUrl, "before"), thumb(image.outputUrl, "after"));
    pair.addEventListener("click", () => open(product, image));
    return el("li", { className: "image" }, pair, facts(image));
  });
  return el("li", { className: "product" },
    el("h4", {}, `${product.serialNumber}. ${product.productName}`),
    el("ul", { className: "images" }, ...images));
}

export function renderProducts(products) {
  const shown = products.slice(0, MAX_SHOWN);
  list.replaceChildren(...shown.map(card));
  note.textContent = products.length > shown.length ? `Showing the first ${shown.length} of ${products.length} products.` : "";
}

export function clearProducts() {
  list.replaceChildren();
  note.textContent = "";
}
