// The API reference: reads the gateway's one OpenAPI document and shows every operation in it — method, path,
// summary, parameters, request body and responses with their schemas — grouped by tag, then every named schema.

import { el } from "./format.js";
import { schemaAnchor, schemaView, typeLabel } from "./schema.js";

const DOCUMENT = "/openapi/v1.json";
const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];
// the gateway marks a proxied operation whose service did not describe it (e.g. it was down)
const UNDOCUMENTED = "x-imagepipeline-undocumented";

function operationsOf(document) {
  const operations = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      if (item[method]) {
        operations.push({ path, method, operation: item[method], shared: item.parameters ?? [] });
      }
    }
  }
  return operations;
}

function operationAnchor(method, path) {
  return `op-${method}-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

function byTag(document, operations) {
  const groups = new Map((document.tags ?? []).map((tag) => [tag.name, { tag, operations: [] }]));
  for (const entry of operations) {
    const name = entry.operation.tags?.[0] ?? "Other";
    if (!groups.has(name)) {
      groups.set(name, { tag: { name }, operations: [] });
    }
    groups.get(name).operations.push(entry);
  }
  return [...groups.values()].filter((group) => group.operations.length);
}

function parametersView(parameters) {
  const rows = parameters.map((parameter) => el("tr", {},
    el("td", {}, el("code", {}, parameter.name), parameter.required ? el("span", { className: "required" }, " required") : null),
    el("td", {}, parameter.in),
    el("td", {}, typeLabel(parameter.schema)),
    el("td", {}, parameter.description ?? parameter.schema?.description ?? "")));
  return el("div", { className: "scroll" }, el("table", {},
    el("thead", {}, el("tr", {}, ...["Name", "In", "Type", "Description"].map((title) => el("th", { scope: "col" }, title)))),
    el("tbody", {}, ...rows)));
}

function contentView(content) {
  const list = el("div");
  for (const [type, media] of Object.entries(content ?? {})) {
    list.append(el("div", { className: "media" }, el("span", { className: "badge" }, type), media.schema ? schemaView(media.schema) : null));
  }
  return list;
}

function responsesView(responses) {
  const rows = Object.entries(responses ?? {}).map(([code, response]) => el("tr", {},
    el("td", {}, el("span", { className: "response-code" }, code)),
    el("td", {}, response.description ?? ""),
    el("td", {}, contentView(response.content))));
  return el("div", { className: "scroll" }, el("table", {},
    el("thead", {}, el("tr", {}, ...["Status", "Description", "Body"].map((title) => el("th", { scope: "col" }, title)))),
    el("tbody", {}, ...rows)));
}

function operationView({ path, method, operation, shared }) {
  const article = el("article", { className: "operation", id: operationAnchor(method, path) });
  article.dataset.method = method.toUpperCase();
  article.dataset.path = path;
  const heading = el("h3", {},
    el("span", { className: `method method-${method}` }, method.toUpperCase()),
    el("code", { className: "path" }, path));
  if (operation.security?.length) {
    heading.append(el("span", { className: "badge" }, "API key"));
  }
  article.append(heading);
  if (operation.summary) {
    article.append(el("p", {}, operation.summary));
  }
  if (operation.description) {
    article.append(el("p", { className: "hint" }, operation.description));
  }
  if (operation[UNDOCUMENTED]) {
    article.append(el("p", { className: "message" }, operation[UNDOCUMENTED]));
  }
  const parameters = [...shared, ...(operation.parameters ?? [])];
  if (parameters.length) {
    article.append(el("h4", {}, "Parameters"), parametersView(parameters));
  }
  if (operation.requestBody) {
    article.append(el("h4", {}, "Request body", operation.requestBody.required ? el("span", { className: "required" }, " required") : null),
      operation.requestBody.description ? el("p", { className: "hint" }, operation.requestBody.description) : null,
      contentView(operation.requestBody.content));
  }
  article.append(el("h4", {}, "Responses"), responsesView(operation.responses));
  return article;
}

function render(document) {
  document.info ??= {};
  window.document.title = `${document.info.title ?? "API"} reference`;
  window.document.getElementById("description").textContent =
    `${document.info.title ?? "API"} ${document.info.version ?? ""}. ${document.info.description ?? ""}`;

  const schemes = Object.values(document.components?.securitySchemes ?? {});
  if (schemes.length) {
    const security = window.document.getElementById("security");
    security.textContent = "Operations marked “API key” need " +
      schemes.map((scheme) => `the ${scheme.name} ${scheme.in}${scheme.description ? ` (${scheme.description})` : ""}`).join(" or ") + ".";
    security.hidden = false;
  }

  const operations = operationsOf(document);
  const undocumented = operations.filter((entry) => entry.operation[UNDOCUMENTED]);
  if (undocumented.length) {
    showMessage(`${undocumented.length} operation(s) are listed without their description: the service behind them did not answer. Reload in a moment.`);
  }

  const toc = window.document.getElementById("toc");
  const sections = window.document.getElementById("operations");
  for (const { tag, operations: tagged } of byTag(document, operations)) {
    const id = `tag-${tag.name.replace(/[^A-Za-z0-9]+/g, "-")}`;
    toc.append(el("li", {}, el("h3", {}, el("a", { href: `#${id}` }, tag.name)),
      el("ul", { className: "toc" }, ...tagged.map(({ method, path, operation }) => el("li", {},
        el("a", { href: `#${operationAnchor(method, path)}` }, el("span", { className: `method method-${method}` }, method.toUpperCase()), " ",
          el("code", { className: "path" }, path)),
        operation.summary ? el("span", { className: "hint" }, ` ${operation.summary.split(/(?<=\.) /)[0]}`) : null)))));
    const section = el("section", { className: "card", id }, el("h2", {}, tag.name));
    section.setAttribute("aria-label", tag.name);
    if (tag.description) {
      section.append(el("p", { className: "hint" }, tag.description));
    }
    section.append(...tagged.map(operationView));
    sections.append(section);
  }

  const schemas = Object.entries(document.components?.schemas ?? {});
  if (schemas.length) {
    const list = window.document.getElementById("schema-list");
    for (const [name, schema] of schemas) {
      list.append(el("div", { className: "schema-entry", id: schemaAnchor(name) }, el("h3", {}, el("code", {}, name)), schemaView(schema)));
    }
    window.document.getElementById("schemas").hidden = false;
  }
  // the page was empty when the browser looked for the fragment: go there now
  if (location.hash) {
    window.document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }
}

function showMessage(text) {
  const message = window.document.getElementById("load-message");
  message.textContent = text;
  message.hidden = false;
}

try {
  const response = await fetch(DOCUMENT, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`${DOCUMENT} answered ${response.status}.`);
  }
  render(await response.json());
  window.document.body.dataset.loaded = "true";
} catch (error) {
  window.document.getElementById("description").textContent = "";
  showMessage(`The OpenAPI document could not be loaded: ${error.message}`);
  window.document.body.dataset.loaded = "error";
}
