// The console's entry: the API key, the routes (#/requests/{id}), and the parts wired together.

import * as api from "./api.js";
import { initRequest, openRequest, closeRequest } from "./request.js";
import { initRequests, refreshRequests } from "./requests.js";
import { initUpload } from "./upload.js";

const keyForm = document.getElementById("key-form");
const keyInput = document.getElementById("api-key");
const keyState = document.getElementById("key-state");

function showKeyState() {
  keyState.textContent = api.apiKey() ? "Key in use for this tab." : "";
}

keyInput.value = api.apiKey();
showKeyState();
keyForm.addEventListener("submit", (event) => {
  event.preventDefault();
  api.setApiKey(keyInput.value.trim());
  showKeyState();
  refreshRequests();
  route();
});

function route() {
  const match = /^#\/requests\/([0-9a-f-]{36})$/i.exec(location.hash);
  if (match) {
    openRequest(match[1].toLowerCase());
  } else {
    closeRequest();
  }
}

initUpload((accepted) => {
  location.hash = `#/requests/${accepted.requestId}`;
  refreshRequests();
});
initRequest(() => refreshRequests());
initRequests();
window.addEventListener("hashchange", route);
route();
refreshRequests();
