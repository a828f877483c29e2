// JSON Schemas (OpenAPI 3.1) as a reader wants them: a type in one line, an object's properties as a list,
// a named schema as a link to its entry under Schemas.

import { el } from "./format.js";

const SCHEMA_REF = "#/components/schemas/";
// deep enough for any response of ours; a self-referring schema stops here instead of looping
const MAX_DEPTH = 4;

export function schemaAnchor(name) {
  return `schema-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** The schema's type in a few words, with named schemas as links: "array of RequestSummary", "string (uuid) | null". */
export function typeLabel(schema) {
  if (!schema) {
    return el("span", { className: "type" }, "any");
  }
  if (schema.$ref?.startsWith(SCHEMA_REF)) {
    const name = schema.$ref.slice(SCHEMA_REF.length);
    return el("a", { href: `#${schemaAnchor(name)}`, className: "type" }, name);
  }
  const label = el("span", { className: "type" });
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    variants.forEach((variant, index) => label.append(...(index ? [" | "] : []), typeLabel(variant)));
    return label;
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes("array")) {
    label.append("array of ", typeLabel(schema.items));
    const rest = types.filter((type) => type !== "array");
    if (rest.length) {
      label.append(` | ${rest.join(" | ")}`);
    }
    return label;
  }
  let text = types.length ? types.join(" | ") : schema.properties ? "object" : "any";
  if (schema.format) {
    text += ` (${schema.format})`;
  }
  if (schema.enum) {
    text += `: ${schema.enum.map((value) => JSON.stringify(value)).join(", ")}`;
  }
  label.append(text);
  return label;
}

/** A schema with its properties (and theirs, to a depth), each with its type, whether it is required, its description. */
export function schemaView(schema, depth = 0) {
  const view = el("div", { className: "schema" }, typeLabel(schema));
  if (schema?.description) {
    view.append(" ", el("span", { className: "hint" }, schema.description));
  }
  const properties = objectProperties(schema);
  if (properties && depth < MAX_DEPTH) {
    const required = new Set(schema.required ?? []);
    const list = el("ul");
    for (const [name, property] of Object.entries(properties)) {
      const item = el("li", {}, el("code", {}, name), " ");
      if (required.has(name)) {
        item.append(el("span", { className: "required" }, "required"), " ");
      }
      item.append(inlineOrNamed(property, depth + 1));
      list.append(item);
    }
    view.append(list);
  }
  return view;
}

function inlineOrNamed(schema, depth) {
  // a named schema is described once, under Schemas; an inline object is described where it is
  return objectProperties(schema) && !schema.$ref ? schemaView(schema, depth) : describedType(schema);
}

function describedType(schema) {
  const text = el("span", {}, typeLabel(schema));
  if (schema?.description) {
    text.append(" ", el("span", { className: "hint" }, schema.description));
  }
  return text;
}

function objectProperties(schema) {
  return schema && !schema.$ref && schema.properties && Object.keys(schema.properties).length ? schema.properties : null;
}
