// Numbers as people read them.

export function bytes(count) {
  if (count === null || count === undefined) {
    return "–";
  }
  const units = ["B", "KB", "MB", "GB"];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The share of the input's bytes the output saved, e.g. "62% smaller"; null when either is unknown. */
export function saving(bytesIn, bytesOut) {
  if (!bytesIn || bytesOut === null || bytesOut === undefined) {
    return null;
  }
  const saved = Math.round((1 - bytesOut / bytesIn) * 100);
  return saved > 0 ? `${saved}% smaller` : "unchanged";
}

/** A duration in seconds as people say it: "45 s", "3 min", "1 h 20 min". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return "–";
  }
  if (seconds < 60) {
    return `${Math.max(1, Math.round(seconds))} s`;
  }
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : "–";
}

export function shortId(id) {
  return id.slice(0, 8);
}

export const FINAL_STATUSES = new Set(["Completed", "CompletedWithErrors", "Failed", "Cancelled"]);

/** Builds an element: el("td", { className: "x" }, "text", child). */
export function el(tag, properties = {}, ...children) {
  const element = Object.assign(document.createElement(tag), properties);
  element.append(...children.filter((child) => child !== null && child !== undefined));
  return element;
}
