"""Self-contained HTML pages: the interactive maps and charts, readable from ``file://`` without any network.

A :class:`Page` holds a title, its kind (which of our scripts draws it) and its data; :meth:`Page.html`
inlines the stylesheet, the scripts from ``web_assets/`` and the data as JSON, so the page needs no other
file and loads nothing from anywhere (its Content-Security-Policy forbids it; only pages built with
``--online`` may fetch map tiles). The same data give the same bytes. In a notebook a page shows itself
inline (an ``<iframe srcdoc>``), so JupyterLab and the HTML export display it without a server.

>>> page = Page("demo", "Demo", "index", body="<p>hello</p>")
>>> page.html().startswith("<!DOCTYPE html>"), "connect-src" not in page.html()
(True, True)
>>> to_json({"a": "</script>"})
'{"a":"\\\\u003c/script>"}'
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path

from twinning_analysis.atomic import OutputBatch

#: Stylesheet and scripts inlined into the pages.
ASSETS = Path(__file__).resolve().parent / "web_assets"

#: The scripts each kind of page runs (in this order); "index" pages have none.
SCRIPTS = {"map": ("common.js", "map.js"), "bars": ("common.js", "charts.js"),
           "timeline": ("common.js", "charts.js"), "index": ()}

#: Credits every page carries in its footer.
CREDITS = ("twinning-analysis · boundaries: Natural Earth (public domain) · coordinates: GeoNames (CC BY 4.0) · "
           "facts: the sources named in each tooltip (data/raw/sources.csv)")


def to_json(data) -> str:
    """Compact JSON that is safe inside ``<script>``: every ``<`` escaped, no NaN, keys in the order given."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")


def asset(name: str) -> str:
    """The text of one file of ``web_assets/``."""
    return (ASSETS / name).read_text(encoding="utf-8")


def _policy(kind: str, tile_origin: str | None) -> str:
    """Content-Security-Policy: inline code and styles only; images only as data, or tiles with ``--online``."""
    scripts = "'unsafe-inline'" if SCRIPTS[kind] else "'none'"
    images = "data:" + (f" {tile_origin}" if tile_origin else "")
    return (f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src {images}; "
            "base-uri 'none'; form-action 'none'")


@dataclass(frozen=True)
class Page:
    """One interactive page (``reports/NAME.html``).

    ``kind`` picks the script (``map``, ``bars``, ``timeline``) or none (``index``); ``data`` is what that
    script draws; ``body`` is static HTML for pages without a script; ``notes`` are footer lines (text).
    ``tile_origin`` is set only for pages built with ``--online``.
    """

    name: str
    title: str
    kind: str
    data: dict = field(default_factory=dict)
    intro: str = ""
    body: str = ""
    notes: tuple[str, ...] = ()
    tile_origin: str | None = None
    height: int = 660

    def html(self, *, embedded: bool = False) -> str:
        """The whole page as one string (``embedded``: without the link back to the index, for notebooks)."""
        if self.kind not in SCRIPTS:
            raise ValueError(f"page {self.name}: unknown kind {self.kind!r}; use one of {', '.join(SCRIPTS)}")
        e = html.escape
        scripts = "\n".join(asset(name) for name in SCRIPTS[self.kind])
        data = (f'<script type="application/json" id="page-data">{to_json({"title": self.title, "kind": self.kind, **self.data})}'
                f"</script>\n<script>\n{scripts}</script>\n") if SCRIPTS[self.kind] else ""
        notes = "".join(f"<p>{e(note)}</p>" for note in (*self.notes, CREDITS))
        ready = "" if SCRIPTS[self.kind] else ' data-ready="true"'  # scripted pages say so once drawn
        body_class = " ".join(c for c in (self.kind, "embedded" if embedded else "") if c)
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_policy(self.kind, self.tile_origin)}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{e(self.title)}</title>\n<style>\n{asset('page.css')}</style>\n</head>\n"
            f'<body class="{body_class}"{ready}>\n<header>'
            + ('<nav><a href="index.html">all pages of this run</a></nav>' if self.name != "index" else "")
            + f"<h1>{e(self.title)}</h1>" + (f"<p>{e(self.intro)}</p>" if self.intro else "") + "</header>\n"
            f'<main id="app">{self.body}</main>\n<footer>{notes}</footer>\n{data}</body>\n</html>\n'
        )

    def _repr_html_(self) -> str:
        """Inline display in JupyterLab (and in the notebook's HTML export): the page in an iframe."""
        return (f'<iframe title="{html.escape(self.title)}" srcdoc="{html.escape(self.html(embedded=True))}" '
                f'style="width:100%;height:{self.height}px;border:1px solid #ccc"></iframe>')

    def write(self, folder: Path, batch: OutputBatch | None = None) -> Path:
        """Write ``folder/NAME.html`` atomically (with ``batch``: when that batch commits)."""
        target = Path(folder) / f"{self.name}.html"
        if batch is not None:
            batch.write_text(target, self.html())
        else:
            with OutputBatch() as own:
                own.write_text(target, self.html())
        return target
