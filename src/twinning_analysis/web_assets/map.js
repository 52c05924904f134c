/* twinning-analysis interactive map: base map, arcs and places on one canvas, with zoom, pan, hover, search and
   layer switches. Coordinates arrive projected (by the same Python code as the printed maps) as integers,
   each path as [x0, y0, dx1, dy1, ...] (differences to the vertex before, which keeps pages small).

   Compact page data (plots/webmap.py writes it):
     places: {i: id, l: label, c: country code, x, y, n: links, m: marker style, r: radius (px),
              v: values of data.placeRows, s: extra search text}
     arcs:   {i: id, a, b: place indices, s: style, p: [paths], f: indices into each filter's values,
              t: tooltip {title, rows, sources} or v: values of data.arcRows}                              */
"use strict";

/** [x0, y0, dx1, dy1, ...] → [x0, y0, x1, y1, ...]. */
function undelta(path) {
  const out = new Array(path.length);
  let x = 0, y = 0;
  for (let k = 0; k < path.length; k += 2) {
    x += path[k];
    y += path[k + 1];
    out[k] = x;
    out[k + 1] = y;
  }
  return out;
}

/** Rows [key, value] of the keys whose value is not empty. */
function rowsOf(keys, values) {
  return keys.map((key, j) => [key, values[j]]).filter(([, value]) => value !== "" && value !== null && value !== undefined);
}

/** The compact page data → the places and arcs the map works with. */
function decodeMap(data) {
  const places = data.places.map((p) => {
    const look = data.markers[p.m];
    const values = p.v || [];
    return {id: p.i, label: p.l, country: p.c, x: p.x, y: p.y, n: p.n, r: p.r === undefined ? look.r : p.r,
            marker: look.shape, fill: look.fill, edge: look.edge, search: fold(p.l) + (p.s ? ` | ${p.s}` : ""),
            where: values.filter(Boolean).join(" · "), tip: {rows: rowsOf(data.placeRows, values)}};
  });
  const filters = data.filters || [];
  const arcs = data.arcs.map((a) => ({
    id: a.i, a: a.a, b: a.b, s: a.s, p: a.p.map(undelta),
    f: Object.fromEntries(filters.map((flt, j) => [flt.key, flt.values[a.f[j]].value])),
    tip: a.t || {title: `${places[a.a].label} – ${places[a.b].label}`, rows: rowsOf(data.arcRows, a.v || [])},
  }));
  return {places, arcs};
}

class TwinMap {
  constructor(root, data) {
    this.data = data;
    this.root = root;
    ({places: this.places, arcs: this.arcs} = decodeMap(data));
    this.styles = data.styles;
    this.filters = Object.fromEntries((data.filters || []).map((f) => [f.key, new Set(f.values.map((v) => v.value))]));
    this.country = "";          // the dropdown filter (a country code), "" = all
    this.onlyPlace = -1;        // only the links of this place (after a search), -1 = all
    this.hoverArc = -1;
    this.hoverPlace = -1;
    this.selectedPlace = -1;
    this.tileCache = new Map();
    this.buildPanel();
    this.stage = el("div", {class: "stage"});
    this.canvas = el("canvas", {"aria-label": data.title || "map", role: "img"});
    this.stage.append(this.canvas);
    this.stage.append(el("div", {class: "zoom"},
      el("button", {title: "zoom in", "aria-label": "zoom in", onclick: () => this.zoomBy(1.6)}, "+"),
      el("button", {title: "zoom out", "aria-label": "zoom out", onclick: () => this.zoomBy(1 / 1.6)}, "−"),
      el("button", {title: "whole map", "aria-label": "reset view", onclick: () => this.reset()}, "⟲")));
    if (data.attribution) this.stage.append(el("div", {class: "attribution"}, data.attribution));
    root.append(this.stage);
    this.tooltip = new Tooltip(this.stage);
    this.indexArcs();
    this.indexPlaces();
    this.buildPaths();
    this.basePaths = Object.fromEntries(Object.entries(data.base).map(([k, features]) => [k, this.ringsPath(features)]));
    this.bindEvents();
    new ResizeObserver(() => this.resize()).observe(this.stage);
    this.resize();
    this.reset();
  }

  /* ---------- panel: search, filters, legend ---------- */

  buildPanel() {
    const d = this.data;
    const panel = el("aside", {class: "panel"});
    this.searchInput = el("input", {type: "search", placeholder: d.searchHint || "a town …", "aria-label": "search a town",
                                    autocomplete: "off", id: "search"});
    this.results = el("ul", {class: "results", role: "listbox"});
    this.chip = el("div");
    panel.append(el("h2", {}, "Find a place"), this.searchInput, this.results, this.chip);
    this.searchInput.addEventListener("input", () => { this.tooltip.hide(true); this.search(this.searchInput.value); });
    this.searchInput.addEventListener("keydown", (e) => {
      const items = [...this.results.children];
      const active = items.findIndex((li) => li.classList.contains("active"));
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const next = items.length ? (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length : -1;
        items.forEach((li, i) => li.classList.toggle("active", i === next));
      } else if (e.key === "Enter" && items.length) {
        items[Math.max(active, 0)].click();
      } else if (e.key === "Escape") {
        this.results.replaceChildren();
      }
    });
    if (d.select) {
      const select = el("select", {"aria-label": d.select.title, id: "country"},
        el("option", {value: ""}, `all (${d.select.total.toLocaleString("en")})`),
        d.select.values.map((v) => el("option", {value: v.value}, `${v.label} (${v.count.toLocaleString("en")})`)));
      select.addEventListener("change", () => { this.country = select.value; this.changed(); });
      panel.append(el("h2", {}, d.select.title), select);
    }
    for (const f of d.filters || []) {
      const values = f.values.map((v) => ({...v, key: v.style === undefined ? null : () => this.styleKey(v.style)}));
      panel.append(checkGroup(f.title, values, (set) => { this.filters[f.key] = set; this.changed(); }));
    }
    if (d.legend) {
      panel.append(el("h2", {}, d.legend.title));
      for (const item of d.legend.items) {
        const key = item.style !== undefined ? this.styleKey(item.style)
          : el("span", {class: "swatch", style: `background:${item.fill};border-radius:${item.round ? "50%" : "0"}`});
        panel.append(el("label", {}, key, item.label));
      }
    }
    if (d.notes) for (const note of d.notes) panel.append(el("p", {class: "status"}, note));
    this.status = el("p", {class: "status", id: "status", "aria-live": "polite"});
    panel.append(this.status);
    this.root.append(panel);
  }

  styleKey(i) {
    const s = this.styles[i];
    return el("span", {class: `key${s.dashed ? " dashed" : ""}`, style: `border-top-color:${s.color}`});
  }

  search(text) {
    const query = fold(text.trim());
    this.results.replaceChildren();
    if (!query) return;
    const hits = [];
    for (let i = 0; i < this.places.length && hits.length < 200; i++) {
      const at = this.places[i].search.indexOf(query);
      if (at >= 0) hits.push([at === 0 || this.places[i].search[at - 1] === " " ? 0 : 1, -this.places[i].n, i]);
    }
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [, , i] of hits.slice(0, 10)) {
      const p = this.places[i];
      this.results.append(el("li", {role: "option", onclick: () => this.selectPlace(i, true)},
                             p.label, " ", el("small", {}, p.where)));
    }
    if (!hits.length) this.results.append(el("li", {class: "none"}, "no place found"));
  }

  selectPlace(i, only) {
    this.results.replaceChildren();
    const p = this.places[i];
    this.searchInput.value = p.label;
    this.selectedPlace = i;
    this.onlyPlace = only ? i : -1;
    this.chip.replaceChildren(el("span", {class: "chip"}, `only the links of ${p.label}`,
      el("button", {title: "show all links", "aria-label": "show all links", onclick: () => this.clearPlace()}, "✕")));
    this.changed(false);
    const links = this.arcs.filter((a, k) => this.visible[k] && (a.a === i || a.b === i));
    const xs = [p.x], ys = [p.y];
    for (const a of links) for (const j of [a.a, a.b]) { xs.push(this.places[j].x); ys.push(this.places[j].y); }
    this.fit([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], 0.15, 40);
    const [sx, sy] = this.toScreen(p.x, p.y);
    this.tooltip.show(this.placeTip(i), sx, sy, true);
  }

  clearPlace() {
    this.onlyPlace = -1;
    this.selectedPlace = -1;
    this.chip.replaceChildren();
    this.tooltip.hide(true);
    this.changed();
  }

  /* ---------- geometry: paths and spatial indexes ---------- */

  ringsPath(features) {
    const path = new Path2D();
    for (const rings of features) {
      for (const ring of rings) {
        let x = ring[0], y = ring[1];
        path.moveTo(x, y);
        for (let k = 2; k < ring.length; k += 2) path.lineTo(x += ring[k], y += ring[k + 1]);
        path.closePath();
      }
    }
    return path;
  }

  isVisible(arc) {
    for (const [key, set] of Object.entries(this.filters)) if (!set.has(arc.f[key])) return false;
    if (this.country && this.places[arc.a].country !== this.country && this.places[arc.b].country !== this.country) {
      return false;
    }
    if (this.onlyPlace >= 0 && arc.a !== this.onlyPlace && arc.b !== this.onlyPlace) return false;
    return true;
  }

  buildPaths() {
    this.visible = this.arcs.map((a) => this.isVisible(a));
    this.stylePaths = this.styles.map(() => new Path2D());
    this.arcsShown = 0;
    const degree = new Array(this.places.length).fill(0);
    this.arcs.forEach((arc, k) => {
      if (!this.visible[k]) return;
      this.arcsShown++;
      degree[arc.a]++;
      degree[arc.b]++;
      const path = this.stylePaths[arc.s];
      for (const part of arc.p) {
        path.moveTo(part[0], part[1]);
        for (let j = 2; j < part.length; j += 2) path.lineTo(part[j], part[j + 1]);
      }
    });
    this.placeShown = degree.map((n, i) => n > 0 || (this.data.showIsolated && this.onlyPlace < 0 && !this.country));
    this.placesShown = this.placeShown.filter(Boolean).length;
    const total = this.arcs.length;
    this.status.textContent = `${this.arcsShown.toLocaleString("en")} of ${total.toLocaleString("en")} ${this.data.things || "links"} shown; `
      + `${this.placesShown.toLocaleString("en")} places.`;
    this.canvas.dataset.arcsDrawn = this.arcsShown;
    this.canvas.dataset.placesDrawn = this.placesShown;
  }

  indexArcs() {
    const [x0, y0, x1, y1] = this.data.bounds;
    this.cell = Math.max(x1 - x0, y1 - y0) / 256;
    this.grid = new Map();
    this.arcs.forEach((arc, k) => {
      for (const part of arc.p) {
        for (let j = 0; j + 3 < part.length; j += 2) {
          const [ax, ay, bx, by] = [part[j], part[j + 1], part[j + 2], part[j + 3]];
          const cx0 = Math.floor(Math.min(ax, bx) / this.cell), cx1 = Math.floor(Math.max(ax, bx) / this.cell);
          const cy0 = Math.floor(Math.min(ay, by) / this.cell), cy1 = Math.floor(Math.max(ay, by) / this.cell);
          for (let cx = cx0; cx <= cx1; cx++) {
            for (let cy = cy0; cy <= cy1; cy++) {
              const key = cx * 100003 + cy;
              let list = this.grid.get(key);
              if (!list) this.grid.set(key, list = []);
              list.push(k, j);
            }
          }
        }
      }
    });
  }

  indexPlaces() {
    this.placeGrid = new Map();
    const [x0, y0, x1, y1] = this.data.bounds;
    this.placeCell = Math.max(x1 - x0, y1 - y0) / 512;
    this.places.forEach((p, i) => {
      const key = Math.floor(p.x / this.placeCell) * 100003 + Math.floor(p.y / this.placeCell);
      let list = this.placeGrid.get(key);
      if (!list) this.placeGrid.set(key, list = []);
      list.push(i);
    });
  }

  /** Visible arcs within ``radius`` screen pixels of screen point (sx, sy), nearest first: [[arc, pixels]]. */
  arcsNear(sx, sy, radius = 6) {
    const [wx, wy] = this.toWorld(sx, sy);
    const r = radius / this.scale;
    const best = new Map();
    for (let cx = Math.floor((wx - r) / this.cell); cx <= Math.floor((wx + r) / this.cell); cx++) {
      for (let cy = Math.floor((wy - r) / this.cell); cy <= Math.floor((wy + r) / this.cell); cy++) {
        const list = this.grid.get(cx * 100003 + cy);
        if (!list) continue;
        for (let m = 0; m < list.length; m += 2) {
          const k = list[m];
          if (!this.visible[k]) continue;
          for (const part of this.arcs[k].p) {
            if (list[m + 1] + 3 >= part.length) continue;
            const d = segmentDistance(wx, wy, part[list[m + 1]], part[list[m + 1] + 1], part[list[m + 1] + 2],
                                      part[list[m + 1] + 3]);
            if (d <= r && (!best.has(k) || d < best.get(k))) best.set(k, d);
          }
        }
      }
    }
    return [...best.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([k, d]) => [k, d * this.scale]);
  }

  /** The visible place whose marker is under screen point (sx, sy), or -1. */
  placeAt(sx, sy) {
    const [wx, wy] = this.toWorld(sx, sy);
    const r = 12 / this.scale;
    let found = -1, best = Infinity;
    for (let cx = Math.floor((wx - r) / this.placeCell); cx <= Math.floor((wx + r) / this.placeCell); cx++) {
      for (let cy = Math.floor((wy - r) / this.placeCell); cy <= Math.floor((wy + r) / this.placeCell); cy++) {
        for (const i of this.placeGrid.get(cx * 100003 + cy) || []) {
          if (!this.placeShown[i]) continue;
          const p = this.places[i];
          const d = Math.hypot(p.x - wx, p.y - wy) * this.scale;
          if (d <= Math.max(p.r, 3) + 2 && d < best) { best = d; found = i; }
        }
      }
    }
    return found;
  }

  /* ---------- view ---------- */

  resize() {
    const box = this.stage.getBoundingClientRect();
    this.width = Math.max(1, box.width);
    this.height = Math.max(1, box.height);
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    if (this.scale) this.draw();
  }

  fit(box, margin = 0.02, minimum = 0) {
    let [x0, y0, x1, y1] = box;
    const w = Math.max(x1 - x0, minimum * 1000 / this.data.unit), h = Math.max(y1 - y0, minimum * 1000 / this.data.unit);
    this.cx = (x0 + x1) / 2;
    this.cy = (y0 + y1) / 2;
    this.scale = Math.min(this.width / (w * (1 + 2 * margin)), this.height / (h * (1 + 2 * margin)));
    this.draw();
  }

  reset() { this.fit(this.data.view); }

  zoomBy(factor, sx = this.width / 2, sy = this.height / 2) {
    const [wx, wy] = this.toWorld(sx, sy);
    const [x0, y0, x1, y1] = this.data.bounds;
    const least = Math.min(this.width / (x1 - x0), this.height / (y1 - y0)) / 2;
    const most = Math.min(0.2 * this.data.unit, 20);  // at most 5 m a pixel, and a coordinate unit at most 20 pixels
    this.scale = Math.min(Math.max(this.scale * factor, least), most);
    this.cx = wx - (sx - this.width / 2) / this.scale;
    this.cy = wy + (sy - this.height / 2) / this.scale;
    this.draw();
  }

  toScreen(x, y) { return [(x - this.cx) * this.scale + this.width / 2, this.height / 2 - (y - this.cy) * this.scale]; }
  toWorld(sx, sy) { return [this.cx + (sx - this.width / 2) / this.scale, this.cy - (sy - this.height / 2) / this.scale]; }

  changed(hideTip = true) {
    this.buildPaths();
    if (hideTip) this.tooltip.hide(true);
    this.hoverArc = -1;
    this.draw();
  }

  /* ---------- drawing ---------- */

  draw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.paint(); });
  }

  worldTransform(ctx) {
    const s = this.scale * this.dpr;
    ctx.setTransform(s, 0, 0, -s, this.dpr * (this.width / 2 - this.cx * this.scale),
                     this.dpr * (this.height / 2 + this.cy * this.scale));
  }

  paint() {
    const started = performance.now();
    const ctx = this.canvas.getContext("2d");
    const c = this.data.colors;
    const px = 1 / this.scale;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = c.water;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (this.data.tiles) this.paintTiles(ctx);
    this.worldTransform(ctx);
    ctx.lineJoin = "round";
    ctx.lineCap = "round";
    const base = this.basePaths;
    const alpha = this.data.tiles ? 0.35 : 1;
    ctx.globalAlpha = alpha;
    if (base.land) { ctx.fillStyle = c.land; ctx.fill(base.land, "evenodd"); }
    if (base.focus) { ctx.fillStyle = c.focus; ctx.fill(base.focus, "evenodd"); }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = c.border;
    ctx.lineWidth = 0.8 * px;
    if (base.land) ctx.stroke(base.land);
    if (base.focus) ctx.stroke(base.focus);
    if (base.regions) { ctx.strokeStyle = c.regions; ctx.lineWidth = 0.6 * px; ctx.stroke(base.regions); }
    if (base.lakes && !this.data.tiles) { ctx.fillStyle = c.water; ctx.fill(base.lakes, "evenodd"); }
    // arcs: one path per style, the most numerous first (as on the printed map), so rare ones stay on top
    for (const i of this.data.styleOrder) {
      const s = this.styles[i];
      ctx.strokeStyle = s.color;
      ctx.globalAlpha = s.alpha;
      ctx.lineWidth = s.width * px;
      ctx.setLineDash(s.dashed ? [4 * px, 3 * px] : []);
      ctx.stroke(this.stylePaths[i]);
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    const marked = new Set();
    if (this.hoverArc >= 0) marked.add(this.hoverArc);
    for (const i of [this.hoverPlace, this.selectedPlace]) {
      if (i >= 0) this.arcs.forEach((a, k) => { if (this.visible[k] && (a.a === i || a.b === i)) marked.add(k); });
    }
    for (const k of marked) {
      const arc = this.arcs[k];
      const path = new Path2D();
      for (const part of arc.p) {
        path.moveTo(part[0], part[1]);
        for (let j = 2; j < part.length; j += 2) path.lineTo(part[j], part[j + 1]);
      }
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 5 * px;
      ctx.stroke(path);
      ctx.strokeStyle = this.styles[arc.s].highlight || this.styles[arc.s].color;
      ctx.lineWidth = 2.6 * px;
      ctx.stroke(path);
    }
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.paintPlaces(ctx);
    this.paintLabels(ctx);
    this.lastPaintMs = performance.now() - started;
    this.canvas.dataset.frames = String(Number(this.canvas.dataset.frames || 0) + 1);
    markReady();
  }

  paintPlaces(ctx) {
    const zoomed = this.scale / this.initialScale();
    for (let i = 0; i < this.places.length; i++) {
      if (!this.placeShown[i]) continue;
      const p = this.places[i];
      const [x, y] = this.toScreen(p.x, p.y);
      if (x < -20 || y < -20 || x > this.width + 20 || y > this.height + 20) continue;
      const r = p.marker === "dot" ? Math.min(1.2 + 0.4 * Math.log2(Math.max(zoomed, 1)), 3) : p.r;
      const hot = i === this.hoverPlace || i === this.selectedPlace;
      ctx.beginPath();
      if (p.marker === "square") ctx.rect(x - r, y - r, 2 * r, 2 * r);
      else ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = hot ? "#ffd400" : p.fill;
      ctx.fill();
      if (p.edge) { ctx.strokeStyle = p.edge; ctx.lineWidth = p.marker === "square" ? 0.7 : 1; ctx.stroke(); }
    }
  }

  initialScale() {
    const [x0, y0, x1, y1] = this.data.view;
    return Math.min(this.width / ((x1 - x0) * 1.04), this.height / ((y1 - y0) * 1.04));
  }

  paintLabels(ctx) {
    const zoomed = this.scale / this.initialScale();
    const budget = Math.round((this.data.labelCount || 18) * Math.max(1, zoomed));
    const taken = [];
    ctx.font = "12px 'DejaVu Sans', Arial, sans-serif";
    ctx.textBaseline = "middle";
    let drawn = 0;
    const order = this.selectedPlace >= 0 ? [this.selectedPlace, ...this.data.labelOrder] : this.data.labelOrder;
    for (const i of order) {
      if (drawn >= budget) break;
      if (!this.placeShown[i] && i !== this.selectedPlace) continue;
      const p = this.places[i];
      const [x, y] = this.toScreen(p.x, p.y);
      if (x < 0 || y < 0 || x > this.width || y > this.height) continue;
      const w = ctx.measureText(p.label).width + 4;
      const box = [x + p.r + 2, y - 8, x + p.r + 2 + w, y + 8];
      if (taken.some((t) => box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3])) continue;
      taken.push(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(p.label, box[0] + 1, y);
      ctx.fillStyle = "#222";
      ctx.fillText(p.label, box[0] + 1, y);
      drawn++;
    }
    this.labelsDrawn = drawn;
  }

  paintTiles(ctx) {
    const t = this.data.tiles;
    const world = t.world;  // width of the Web Mercator square in coordinate units
    const z = Math.max(0, Math.min(t.maxZoom, Math.round(Math.log2(world * this.scale / 256))));
    const n = 2 ** z, size = world / n;
    const [wx0, wy1] = this.toWorld(0, 0), [wx1, wy0] = this.toWorld(this.width, this.height);
    const i0 = Math.max(0, Math.floor((wx0 + world / 2) / size)), i1 = Math.min(n - 1, Math.floor((wx1 + world / 2) / size));
    const j0 = Math.max(0, Math.floor((world / 2 - wy1) / size)), j1 = Math.min(n - 1, Math.floor((world / 2 - wy0) / size));
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    for (let i = i0; i <= i1; i++) {
      for (let j = j0; j <= j1; j++) {
        const url = t.url.replace("{z}", z).replace("{x}", i).replace("{y}", j);
        let img = this.tileCache.get(url);
        if (!img) {
          img = new Image();
          img.onload = () => this.draw();
          img.src = url;
          this.tileCache.set(url, img);
        }
        if (img.complete && img.naturalWidth) {
          const [sx, sy] = this.toScreen(-world / 2 + i * size, world / 2 - j * size);
          ctx.drawImage(img, sx, sy, size * this.scale + 0.5, size * this.scale + 0.5);
        }
      }
    }
  }

  /* ---------- interaction ---------- */

  placeTip(i) {
    const p = this.places[i];
    const links = [];
    this.arcs.forEach((a, k) => {
      if (this.visible[k] && (a.a === i || a.b === i)) links.push(a.tip.title + (a.f.relation ? ` (${a.f.relation})` : ""));
    });
    links.sort();
    const shown = links.slice(0, 40);
    if (links.length > shown.length) shown.push(`… and ${links.length - shown.length} more`);
    return {title: p.label, rows: [...p.tip.rows, ["links shown", String(links.length)]], items: shown,
            hint: "Click an arc for its sources."};
  }

  bindEvents() {
    const canvas = this.canvas;
    let drag = null;
    canvas.addEventListener("wheel", (e) => {
      e.preventDefault();
      const box = canvas.getBoundingClientRect();
      this.zoomBy(Math.pow(1.0015, -e.deltaY), e.clientX - box.left, e.clientY - box.top);
    }, {passive: false});
    canvas.addEventListener("pointerdown", (e) => {
      drag = {x: e.clientX, y: e.clientY, cx: this.cx, cy: this.cy, moved: false};
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener("pointermove", (e) => {
      const box = canvas.getBoundingClientRect();
      const sx = e.clientX - box.left, sy = e.clientY - box.top;
      if (drag && (drag.moved || Math.hypot(e.clientX - drag.x, e.clientY - drag.y) > 3)) {
        drag.moved = true;
        canvas.classList.add("dragging");
        this.cx = drag.cx - (e.clientX - drag.x) / this.scale;
        this.cy = drag.cy + (e.clientY - drag.y) / this.scale;
        this.tooltip.hide();
        this.draw();
        return;
      }
      this.hover(sx, sy);
    });
    canvas.addEventListener("pointerup", (e) => {
      canvas.classList.remove("dragging");
      const click = drag && !drag.moved;
      drag = null;
      if (!click) return;
      const box = canvas.getBoundingClientRect();
      const sx = e.clientX - box.left, sy = e.clientY - box.top;
      const place = this.placeAt(sx, sy);
      const near = place >= 0 ? [] : this.arcsNear(sx, sy);
      if (place >= 0) this.tooltip.show(this.placeTip(place), sx, sy, true);
      else if (near.length) this.tooltip.show(this.arcTip(near, true), sx, sy, true);
      else this.tooltip.hide(true);
    });
    canvas.addEventListener("pointerleave", () => { if (!drag) { this.tooltip.hide(); this.setHover(-1, -1); } });
    canvas.addEventListener("dblclick", (e) => {
      const box = canvas.getBoundingClientRect();
      this.zoomBy(2, e.clientX - box.left, e.clientY - box.top);
    });
    document.addEventListener("keydown", (e) => { if (e.key === "Escape") this.tooltip.hide(true); });
  }

  arcTip(near, pin = false) {
    const arc = this.arcs[near[0][0]];
    const tip = {...arc.tip};
    if (near.length > 1) tip.hint = `${near.length - 1} more ${near.length === 2 ? "link" : "links"} here: zoom in to tell them apart.`;
    else tip.hint = pin ? "" : "Click to keep this open (for the links).";
    return tip;
  }

  hover(sx, sy) {
    const place = this.placeAt(sx, sy);
    const near = place >= 0 ? [] : this.arcsNear(sx, sy);
    this.setHover(near.length ? near[0][0] : -1, place);
    this.canvas.style.cursor = place >= 0 || near.length ? "pointer" : "";
    if (place >= 0) this.tooltip.show(this.placeTip(place), sx, sy);
    else if (near.length) this.tooltip.show(this.arcTip(near), sx, sy);
    else this.tooltip.hide();
  }

  setHover(arc, place) {
    if (arc === this.hoverArc && place === this.hoverPlace) return;
    this.hoverArc = arc;
    this.hoverPlace = place;
    this.draw();
  }

  /* ---------- for tests and for the curious (window.twinningMap in the console) ---------- */

  api() {
    const self = this;
    return {
      get arcsDrawn() { return self.arcsShown; },
      get placesDrawn() { return self.placesShown; },
      get labelsDrawn() { return self.labelsDrawn; },
      /** Milliseconds the last frame took to draw (base map, every arc, places, labels). */
      get lastPaintMs() { return self.lastPaintMs; },
      /** Draw one frame now and return how long it took (ms). */
      repaint() { self.paint(); return self.lastPaintMs; },
      arcIds() { return self.arcs.map((a) => a.id); },
      /** Page coordinates of the middle vertex of arc ``id`` (in the current view). */
      pointOnArc(id) {
        const arc = self.arcs.find((a) => a.id === id);
        const part = arc.p.reduce((a, b) => (b.length > a.length ? b : a));
        const j = 2 * Math.floor(part.length / 4);
        const [sx, sy] = self.toScreen(part[j], part[j + 1]);
        const box = self.canvas.getBoundingClientRect();
        return {x: box.left + sx, y: box.top + sy};
      },
      /** Page coordinates of place ``id`` (in the current view). */
      placePoint(id) {
        const p = self.places.find((q) => q.id === id);
        const [sx, sy] = self.toScreen(p.x, p.y);
        const box = self.canvas.getBoundingClientRect();
        return {x: box.left + sx, y: box.top + sy};
      },
      /** Ids of the visible arcs within ``radius`` pixels of page point (x, y), nearest first. */
      arcsNear(x, y, radius = 6) {
        const box = self.canvas.getBoundingClientRect();
        return self.arcsNear(x - box.left, y - box.top, radius).map(([k]) => self.arcs[k].id);
      },
      view() { return {cx: self.cx, cy: self.cy, scale: self.scale}; },
      fitArc(id) {
        const arc = self.arcs.find((a) => a.id === id);
        const xs = arc.p.flatMap((p) => p.filter((_, j) => j % 2 === 0)), ys = arc.p.flatMap((p) => p.filter((_, j) => j % 2));
        self.fit([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], 0.2);
        self.paint();
      },
    };
  }
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

document.addEventListener("DOMContentLoaded", () => {
  const map = new TwinMap(document.getElementById("app"), pageData());
  window.twinningMap = map.api();
});
