// The upload form: a CSV by drag and drop or the file picker, an optional webhook URL, and the CSV's errors as a table.

import * as api from "./api.js";
import { el } from "./format.js";

const form = document.getElementById("upload-form");
const drop = document.getElementById("drop");
const input = document.getElementById("csv-file");
const fileName = document.getElementById("file-name");
const webhook = document.getElementById("webhook-url");
const button = document.getElementById("submit");
const message = document.getElementById("upload-message");
const errors = document.getElementById("errors");

let chosen = null;

function choose(file) {
  chosen = file ?? null;
  fileName.textContent = chosen ? `${chosen.name} (${chosen.size} bytes)` : "No file chosen";
}

function show(text) {
  message.textContent = text;
  message.hidden = !text;
}

function showErrors(problem) {
  const rows = errors.querySelector("tbody");
  rows.replaceChildren(...(problem.errors ?? []).map((error) =>
    el("tr", {}, el("td", {}, String(error.row)), el("td", {}, error.column ?? ""), el("td", {}, error.reason))));
  const listed = problem.errors?.length ?? 0;
  const total = problem.errorCount ?? listed;
  document.getElementById("errors-caption").textContent =
    total > listed ? `Errors in the CSV (first ${listed} of ${total})` : `Errors in the CSV (${total})`;
  errors.hidden = false;
}

/** Wires the form; <paramref name="accepted"/> is called with the 202 answer. */
export function initUpload(accepted) {
  input.addEventListener("change", () => choose(input.files[0]));
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
  }
  for (const type of ["dragleave", "drop"]) {
    drop.addEventListener(type, () => drop.classList.remove("over"));
  }
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    choose(event.dataTransfer.files[0]);
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show("");
    errors.hidden = true;
    if (!chosen) {
      show("Choose a CSV file first.");
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      const answer = await api.submit(chosen, webhook.value.trim());
      accepted(answer);
    } catch (error) {
      if (error instanceof api.ApiError && Array.isArray(error.problem.errors)) {
        show(error.problem.title ?? "The CSV is not valid.");
        showErrors(error.problem);
      } else if (error instanceof api.ApiError && error.problem.errors) {
        // other validation problems (a bad webhook URL) list their errors by field
        show(Object.values(error.problem.errors).flat().join(" ") || error.message);
      } else {
        show(error.message);
      }
    } finally {
      button.disabled = false;
    }
  });
}
