// One request: its status polled at the pace the API's Retry-After asks for, its products, its downloads and actions.

import * as api from "./api.js";
import { duration, FINAL_STATUSES } from "./format.js";
import { closePages, initPages, openPages, reloadPage } from "./pages.js";

const section = document.getElementById("request");
const idText = document.getElementById("request-id");
const statusText = document.getElementById("request-status");
const progress = document.getElementById("request-progress");
const counts = document.getElementById("request-counts");
const reason = document.getElementById("request-reason");
const pace = document.getElementById("request-pace");
const paceInFlight = document.getElementById("pace-in-flight");
const paceRate = document.getElementById("pace-rate");
const paceLeft = document.getElementById("pace-left");
const message = document.getElementById("action-message");
const buttons = {
  output: document.getElementById("download-output"),
  failed: document.getElementById("download-failed"),
  retry: document.getElementById("retry"),
  cancel: document.getElementById("cancel"),
};

/** Used when a running request's answer has no Retry-After. */
const DEFAULT_POLL_SECONDS = 2;

/** Features this gateway turned out not to have (404/405), so their buttons stay hidden. */
const unsupported = new Set();

let current = null;
let timer = null;
let generation = 0;
let lastStatus = null;
let onChanged = () => {};

function say(text, ok = false) {
  message.textContent = text;
  message.classList.toggle("ok", ok);
  message.hidden = !text;
}

function show(status) {
  const images = status.images;
  const final = FINAL_STATUSES.has(status.status);
  section.dataset.status = status.status;
  statusText.textContent = status.status;
  statusText.className = `status status-${status.status}`;
  progress.value = status.percentComplete ?? 0;
  progress.setAttribute("aria-valuetext", `${status.percentComplete ?? 0}%`);
  counts.textContent = images.total
    ? `${images.succeeded} succeeded, ${images.failed} failed, ${images.pending} pending of ${images.total} images in ${status.productCount} ${status.productCount === 1 ? "product" : "products"} (${status.percentComplete}%)`
    : "Waiting for the CSV to be read…";
  // the numbers to watch while it runs: what the workers hold, how fast results come, and so how long is left
  pace.hidden = final || status.imagesInFlight === null || status.imagesInFlight === undefined;
  if (!pace.hidden) {
    paceInFlight.textContent = `${status.imagesInFlight}`;
    paceRate.textContent = status.ratePerMinute === null ? "–" : `${status.ratePerMinute} images/min`;
    paceLeft.textContent = status.estimatedSecondsLeft === null ? "–" : `about ${duration(status.estimatedSecondsLeft)}`;
  }
  reason.textContent = status.failureReason ?? "";
  reason.hidden = !status.failureReason;
  buttons.output.hidden = !status.outputCsvUrl;
  buttons.cancel.hidden = final || unsupported.has("cancel");
  buttons.retry.hidden = !final || images.failed === 0 || unsupported.has("retry");
  buttons.failed.hidden = true;
  if (final && images.failed > 0 && !unsupported.has("failed")) {
    probeFailedCsv(status.requestId);
  }
}

async function probeFailedCsv(id) {
  try {
    await api.csv(id, "failed.csv");
    if (current === id) {
      buttons.failed.hidden = false;
    }
  } catch (error) {
    if (error instanceof api.ApiError && error.unsupported) {
      unsupported.add("failed");
    }
  }
}

async function poll(id, run) {
  try {
    const { status, retryAfter } = await api.status(id);
    if (run !== generation) {
      return;
    }
    show(status);
    if (status.status !== lastStatus) {
      // the list shows statuses too: keep it in step with the one on screen
      lastStatus = status.status;
      onChanged(status);
    }
    const final = FINAL_STATUSES.has(status.status);
    // products exist once Ingest has read the CSV (an Accepted request has none yet); the page on screen follows along
    if (status.images.total > 0) {
      await reloadPage();
    }
    if (final) {
      return;
    }
    timer = setTimeout(() => poll(id, run), (retryAfter ?? DEFAULT_POLL_SECONDS) * 1000);
  } catch (error) {
    if (run !== generation) {
      return;
    }
    if (error instanceof api.ApiError && error.status === 404 && !error.unsupported) {
      say("No request has this ID (or it belongs to another API key).");
      return;
    }
    say(`${error.message} Trying again…`);
    timer = setTimeout(() => poll(id, run), DEFAULT_POLL_SECONDS * 1000);
  }
}

/** Shows request <paramref name="id"/> and follows it until it is final. */
export function openRequest(id) {
  clearTimeout(timer);
  generation++;
  current = id;
  lastStatus = null;
  section.hidden = false;
  idText.textContent = id;
  statusText.textContent = "Loading…";
  statusText.className = "status";
  counts.textContent = "";
  pace.hidden = true;
  say("");
  for (const button of Object.values(buttons)) {
    button.hidden = true;
  }
  openPages(id);
  poll(id, generation);
}

export function closeRequest() {
  clearTimeout(timer);
  generation++;
  current = null;
  closePages();
  section.hidden = true;
}

function download(blob, name) {
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

async function act(button, feature, action, done) {
  const id = current;
  button.disabled = true;
  say("");
  try {
    await action(id);
    done(id);
  } catch (error) {
    if (error instanceof api.ApiError && error.unsupported) {
      unsupported.add(feature);
      button.hidden = true;
      say("This server does not offer that yet.");
    } else {
      say(error.message);
    }
  } finally {
    button.disabled = false;
  }
}

/** <paramref name="changed"/> is called with each status that differs from the one before. */
export function initRequest(changed) {
  onChanged = changed;
  // the status is what matters here: products show again on the next poll or a reload
  initPages((error) => say(`The products could not be read: ${error.message}`));
  buttons.output.addEventListener("click", () =>
    act(buttons.output, "output", async (id) => download(await api.csv(id, "output.csv"), `${id}-output.csv`), () => {}));
  buttons.failed.addEventListener("click", () =>
    act(buttons.failed, "failed", async (id) => download(await api.csv(id, "failed.csv"), `${id}-failed.csv`), () => {}));
  buttons.cancel.addEventListener("click", () => {
    if (confirm("Cancel this request? Images not processed yet will not be.")) {
      act(buttons.cancel, "cancel", api.cancel, (id) => {
        say("Cancelling…", true);
        openRequest(id);
      });
    }
  });
  buttons.retry.addEventListener("click", () =>
    act(buttons.retry, "retry", api.retry, (id) => {
      say("Retrying the failed images…", true);
      openRequest(id);
    }));
}
