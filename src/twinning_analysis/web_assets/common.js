/* twinning-analysis interactive pages: helpers shared by the map and the charts (no library, no network). */
"use strict";

/** The page's data, embedded as JSON in <script id="page-data">. */
function pageData() {
  return JSON.parse(document.getElementById("page-data").textContent);
}

/** Say that the page is drawn (tests wait for it), and how long it took from navigation (benchmarks read it). */
function markReady() {
  if (document.body.dataset.ready) return;
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = "true";
}

/** A DOM element: el("a", {href: "x", class: "y"}, "text", child, ...). Text is always set as text, never as HTML. */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Lower case, accents and ß folded: "Nischni Nowgorod", "nischni nowgorod" and "Nìschni" meet. */
function fold(text) {
  return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss").toLowerCase();
}

/** A link only for web addresses; anything else stays plain text. */
function sourceItem(title, url) {
  return /^https?:\/\//.test(url || "")
    ? el("li", {}, el("a", {href: url, target: "_blank", rel: "noopener noreferrer"}, title))
    : el("li", {}, title);
}

/** The inside of a tooltip: {title, rows: [[key, value]], items: [text], sources: [[title, url]], hint}. */
function tipContent(tip) {
  const parts = [el("h3", {}, tip.title)];
  if (tip.rows && tip.rows.length) {
    parts.push(el("table", {}, tip.rows.map(([key, value]) => el("tr", {}, el("th", {}, key), el("td", {}, value)))));
  }
  if (tip.items && tip.items.length) parts.push(el("ul", {class: "items"}, tip.items.map((t) => el("li", {}, t))));
  if (tip.sources && tip.sources.length) {
    parts.push(el("div", {class: "sources"}, tip.sources.length === 1 ? "Source:" : `Sources (${tip.sources.length}):`,
                  el("ul", {}, tip.sources.map(([title, url]) => sourceItem(title, url)))));
  }
  if (tip.hint) parts.push(el("div", {class: "hint"}, tip.hint));
  return parts;
}

/** One floating tooltip inside ``host``; ``pin`` keeps it open (and clickable) until ``hide(true)``. */
class Tooltip {
  constructor(host) {
    this.host = host;
    this.node = el("div", {class: "tooltip", role: "tooltip", hidden: true});
    host.append(this.node);
    this.pinned = false;
  }
  show(tip, x, y, pin = false) {
    if (this.pinned && !pin) return;
    this.node.replaceChildren(...tipContent(tip));
    if (pin) this.node.prepend(el("button", {class: "close", title: "close", "aria-label": "close",
                                             onclick: () => this.hide(true)}, "×"));
    this.node.hidden = false;
    this.pinned = pin;
    this.node.classList.toggle("pinned", pin);
    const box = this.host.getBoundingClientRect();
    const w = this.node.offsetWidth, h = this.node.offsetHeight;
    let left = x + 14, top = y + 14;
    if (left + w > box.width - 4) left = Math.max(4, x - w - 14);
    if (top + h > box.height - 4) top = Math.max(4, y - h - 14);
    this.node.style.left = `${left}px`;
    this.node.style.top = `${top}px`;
  }
  hide(unpin = false) {
    if (this.pinned && !unpin) return;
    this.pinned = false;
    this.node.classList.remove("pinned");
    this.node.hidden = true;
  }
  get text() { return this.node.hidden ? "" : this.node.textContent; }
}

/** A group of check boxes, one per value with its count; ``onchange`` gets the set of checked values. */
function checkGroup(title, values, onchange) {
  const checked = new Set(values.map((v) => v.value));
  const boxes = values.map((v) => {
    const input = el("input", {type: "checkbox", checked: true, "data-value": v.value});
    input.addEventListener("change", () => {
      if (input.checked) checked.add(v.value); else checked.delete(v.value);
      onchange(checked);
    });
    return el("label", {}, input, v.key ? v.key() : null, v.label, el("span", {class: "n"}, Number(v.count).toLocaleString("en")));
  });
  return el("div", {class: "group", "data-group": title}, el("h2", {}, title), boxes);
}
