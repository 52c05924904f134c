/* twinning-analysis interactive charts (SVG): founding waves per year by era, and the conference timeline. */
"use strict";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) if (value !== null && value !== undefined) node.setAttribute(key, value);
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A linear scale from [d0, d1] to [r0, r1]. */
function scale(d0, d1, r0, r1) {
  const f = (v) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);
  f.domain = [d0, d1];
  return f;
}

/** Round tick values between lo and hi (about ``count`` of them). */
function ticks(lo, hi, count) {
  const raw = (hi - lo) / count;
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => s >= raw) || Math.ceil(raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(v);
  return out;
}

/** Dashed lines at the political breaks, labelled in rows above the plot so that labels never overlap. */
function breakMarks(breaks, x, top, bottom, plotLeft, plotRight) {
  const group = svg("g", {class: "break"});
  const rows = [];  // per row, the [left, right] spans of its labels
  for (const [year, label] of breaks) {
    const px = x(year);
    if (px < plotLeft || px > plotRight) continue;
    const width = 6.2 * label.length + 6;
    const flip = px + width > plotRight;  // near the right edge the label goes to the left of its line
    const span = flip ? [px - width, px] : [px, px + width];
    let row = rows.findIndex((spans) => spans.every(([a, b]) => span[1] < a || b < span[0]));
    if (row < 0) { row = rows.length; rows.push([]); }
    rows[row].push(span);
    group.append(svg("line", {x1: px, x2: px, y1: top - 4 - 14 * row, y2: bottom}),
                 svg("text", {x: flip ? px - 3 : px + 3, y: top - 8 - 14 * row, "text-anchor": flip ? "end" : "start"},
                     label));
  }
  return {group, rows: rows.length};
}

/** What both charts share: a side panel ending with the notes (and ``extra``), the chart area, a tooltip,
    and a redraw whenever the area changes size. */
class ChartPage {
  mount(root, panel, notes, ...extra) {
    for (const note of notes || []) panel.append(el("p", {class: "status"}, note));
    panel.append(...extra);
    this.chart = el("div", {class: "chart"});
    root.append(panel, this.chart);
    this.tooltip = new Tooltip(this.chart);
    new ResizeObserver(() => this.render()).observe(this.chart);
  }
}

/* ---------- founding waves: stacked bars per year and era ---------- */

class Bars extends ChartPage {
  constructor(root, data) {
    super();
    this.data = data;
    this.shown = new Set(data.series.map((s) => s.key));
    const panel = el("aside", {class: "panel"});
    panel.append(checkGroup(data.legendTitle, data.series.map((s) => ({
      value: s.key, label: s.label, count: s.total,
      key: () => el("span", {class: "swatch", style: `background:${s.color}`})}))
    , (set) => { this.shown = set; this.render(); }));
    panel.append(el("label", {}, el("span", {class: "swatch hatched", style: "background:repeating-linear-gradient(45deg,#888 0 2px,#fff 2px 5px)"}),
                    "known to the decade only (spread over its ten years)"));
    this.status = el("p", {class: "status", id: "status"});
    this.mount(root, panel, data.notes, this.status);
  }

  render() {
    const d = this.data;
    const width = Math.max(480, this.chart.clientWidth - 32), height = Math.max(320, this.chart.clientHeight - 40);
    const years = d.years;
    const series = d.series.filter((s) => this.shown.has(s.key));
    const totals = years.map((_, i) => series.reduce((sum, s) => sum + s.exact[i] + s.spread[i], 0));
    const max = Math.max(1, ...totals);
    const breaksRows = 3;
    const margin = {left: 48, right: 12, top: 20 + 14 * breaksRows, bottom: 36};
    const x = scale(years[0] - 0.5, years[years.length - 1] + 0.5, margin.left, width - margin.right);
    const y = scale(0, max * 1.05, height - margin.bottom, margin.top);
    const band = x(1) - x(0);
    const root = svg("svg", {width, height, role: "img", "aria-label": d.title});
    root.append(svg("defs", {}, series.map((s) => svg("pattern", {id: `spread-${s.key}`, width: 5, height: 5,
      patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)"},
      svg("rect", {width: 5, height: 5, fill: "#fff"}), svg("rect", {width: 2.2, height: 5, fill: s.color})))));
    const grid = svg("g", {class: "grid"}), axis = svg("g", {class: "axis"});
    for (const t of ticks(0, max * 1.05, 5)) {
      grid.append(svg("line", {x1: margin.left, x2: width - margin.right, y1: y(t), y2: y(t)}));
      axis.append(svg("text", {x: margin.left - 6, y: y(t) + 4, "text-anchor": "end"}, t));
    }
    for (const t of ticks(years[0], years[years.length - 1], Math.max(4, Math.floor(width / 90)))) {
      axis.append(svg("line", {x1: x(t), x2: x(t), y1: height - margin.bottom, y2: height - margin.bottom + 4}),
                  svg("text", {x: x(t), y: height - margin.bottom + 17, "text-anchor": "middle"}, t));
    }
    axis.append(svg("line", {x1: margin.left, x2: width - margin.right, y1: height - margin.bottom, y2: height - margin.bottom}),
                svg("text", {x: 14, y: (margin.top + height - margin.bottom) / 2, "text-anchor": "middle",
                             transform: `rotate(-90 14 ${(margin.top + height - margin.bottom) / 2})`}, d.ylabel),
                svg("text", {x: width - margin.right, y: height - 4, "text-anchor": "end"}, d.xlabel));
    root.append(grid);
    const marks = breakMarks(d.breaks, x, margin.top, height - margin.bottom, margin.left, width - margin.right);
    root.append(marks.group);
    const bars = svg("g", {class: "bars"});
    let drawn = 0;
    years.forEach((year, i) => {
      let base = 0;
      for (const s of series) {
        for (const [value, fill] of [[s.exact[i], s.color], [s.spread[i], `url(#spread-${s.key})`]]) {
          if (!value) continue;
          bars.append(svg("rect", {x: x(year) - band * 0.42, width: band * 0.84, y: y(base + value),
                                   height: y(base) - y(base + value), fill, stroke: s.edge || "none",
                                   "stroke-width": 0.6, "data-year": year, "data-series": s.key}));
          base += value;
          drawn++;
        }
      }
    });
    root.append(bars, axis);
    const hits = svg("g", {});
    years.forEach((year, i) => {
      const pairs = (d.pairs[year] || []).filter((p) => this.shown.has(p[1]));
      const rect = svg("rect", {class: "hit", x: x(year) - band / 2, width: band, y: margin.top,
                                height: height - margin.bottom - margin.top, "data-year": year});
      const show = (evt, pin) => {
        const box = this.chart.getBoundingClientRect();
        hits.querySelectorAll(".active").forEach((r) => r.classList.remove("active"));
        rect.classList.add("active");
        const exact = series.reduce((sum, s) => sum + s.exact[i], 0);
        const rows = series.filter((s) => s.exact[i]).map((s) => [s.label, String(s.exact[i])]);
        const items = pairs.map((p) => p[2]);
        this.tooltip.show({title: `${year}: ${exact} ${exact === 1 ? "pair" : "pairs"} founded`, rows, items,
                           hint: items.length && !pin ? "Click to keep this list open." : ""},
                          evt.clientX - box.left + this.chart.scrollLeft, evt.clientY - box.top + this.chart.scrollTop, pin);
      };
      rect.addEventListener("mousemove", (evt) => show(evt, false));
      rect.addEventListener("click", (evt) => show(evt, true));
      rect.addEventListener("mouseleave", () => { rect.classList.remove("active"); this.tooltip.hide(); });
      hits.append(rect);
    });
    root.append(hits);
    this.chart.replaceChildren(root, this.tooltip.node);
    const count = series.reduce((sum, s) => sum + s.total, 0);
    this.status.textContent = `${count} dated pairs shown in ${drawn} bar segments.`;
    root.dataset.segments = drawn;
    markReady();
  }
}

/* ---------- conference timeline: one mark per edition, Germany above, Russia below ---------- */

class Timeline extends ChartPage {
  constructor(root, data) {
    super();
    this.data = data;
    const panel = el("aside", {class: "panel"});
    panel.append(el("h2", {}, "Host country"));
    for (const lane of data.lanes) {
      panel.append(el("label", {}, el("span", {class: "swatch", style: `background:${lane.color};border-radius:${lane.marker === "circle" ? "50%" : "0"}`}),
                      `${lane.label} (${lane.count})`));
    }
    panel.append(el("h2", {}, "Status"));
    for (const [status, text] of data.statusLegend) panel.append(el("label", {}, el("span", {class: `swatch status-${status}`,
      style: status === "held" ? "background:#555" : "background:#fff"}), text));
    this.mount(root, panel, data.notes);
  }

  render() {
    const d = this.data;
    const width = Math.max(520, this.chart.clientWidth - 32), height = 400;
    const margin = {left: 110, right: 24, top: 30 + 14 * 2, bottom: 40};
    const x = scale(d.range[0], d.range[1], margin.left, width - margin.right);
    const laneY = Object.fromEntries(d.lanes.map((lane, i) => [lane.key, margin.top + (i + 0.5) * (height - margin.top - margin.bottom) / d.lanes.length]));
    const root = svg("svg", {width, height, role: "img", "aria-label": d.title});
    const axis = svg("g", {class: "axis"});
    for (const t of ticks(d.range[0], d.range[1], Math.max(4, Math.floor(width / 90)))) {
      axis.append(svg("line", {x1: x(t), x2: x(t), y1: height - margin.bottom, y2: height - margin.bottom + 4}),
                  svg("text", {x: x(t), y: height - margin.bottom + 17, "text-anchor": "middle"}, t));
    }
    axis.append(svg("line", {x1: margin.left, x2: width - margin.right, y1: height - margin.bottom, y2: height - margin.bottom}));
    for (const lane of d.lanes) {
      axis.append(svg("text", {x: 8, y: laneY[lane.key] + 4}, lane.label),
                  svg("line", {x1: margin.left, x2: width - margin.right, y1: laneY[lane.key], y2: laneY[lane.key], stroke: "#e4e4e4"}));
    }
    root.append(axis);
    root.append(breakMarks(d.breaks, x, margin.top, height - margin.bottom, margin.left, width - margin.right).group);
    const links = svg("g", {stroke: "#6b6b6b", "stroke-dasharray": "3 2", fill: "none"});
    for (const [a, b] of d.links) {
      const ea = d.editions[a], eb = d.editions[b];
      links.append(svg("line", {x1: x(ea.x), y1: laneY[ea.lane], x2: x(eb.x), y2: laneY[eb.lane]}));
    }
    root.append(links);
    const marks = svg("g", {});
    d.editions.forEach((e) => {
      const lane = d.lanes.find((l) => l.key === e.lane);
      const px = x(e.x), py = laneY[e.lane];
      const held = e.status === "held";
      const shape = lane.marker === "circle"
        ? svg("circle", {cx: px, cy: py, r: 8}) : svg("rect", {x: px - 7.5, y: py - 7.5, width: 15, height: 15});
      shape.setAttribute("fill", held ? lane.color : "#fff");
      shape.setAttribute("stroke", held ? "#222" : lane.color);
      shape.setAttribute("stroke-width", held ? 0.8 : 2);
      if (e.status === "cancelled") shape.setAttribute("stroke-dasharray", "2 2");
      const label = svg("text", {x: px, y: py + (lane.key === d.lanes[0].key ? -14 : 24), "text-anchor": "middle",
                                 "font-weight": "bold"}, e.name);
      const mark = svg("g", {class: "edition", "data-edition": e.name, tabindex: 0}, shape, label,
                       svg("circle", {class: "hit", cx: px, cy: py, r: 16}));
      const show = (evt, pin) => {
        const box = this.chart.getBoundingClientRect();
        this.tooltip.show(e.tip, evt.clientX - box.left + this.chart.scrollLeft, evt.clientY - box.top + this.chart.scrollTop, pin);
      };
      mark.addEventListener("mousemove", (evt) => show(evt, false));
      mark.addEventListener("click", (evt) => show(evt, true));
      mark.addEventListener("mouseleave", () => this.tooltip.hide());
      marks.append(mark);
    });
    root.append(marks);
    this.chart.replaceChildren(root, this.tooltip.node);
    root.dataset.editions = d.editions.length;
    markReady();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const data = pageData();
  const app = document.getElementById("app");
  window.twinningChart = data.kind === "timeline" ? new Timeline(app, data) : new Bars(app, data);
});
