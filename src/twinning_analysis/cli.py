"""The command line: ``twinning run | world | tables | figures | notebooks | interactive | geocode | extract``.

Bad input ends the command with exit code 1 and one line naming file, line and column.

>>> main(["--help"])  # doctest: +SKIP
"""
from __future__ import annotations

import argparse
import logging
import sys

from twinning_analysis.config import project_paths
from twinning_analysis.errors import TwinningError
from twinning_analysis.pipeline import Options, run_pipeline


def _parse_params(pairs: list[str]) -> tuple[tuple[str, object], ...]:
    """``["year=2031", "online=false"]`` → typed (name, value) pairs for the notebooks."""
    params = []
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name.isidentifier():
            raise TwinningError(f"--param wants name=value, got {pair!r}")
        lowered = text.strip().lower()
        value: object = text
        if lowered in ("true", "false"):
            value = lowered == "true"
        elif lowered.lstrip("-").isdigit():
            value = int(lowered)
        params.append((name, value))
    return tuple(params)


def _run_steps(args: argparse.Namespace, steps: tuple[str, ...] | None) -> int:
    options = Options(online=args.online, params=_parse_params(args.param))
    paths = project_paths()
    run_pipeline(paths, steps=steps, force=args.force, options=options, strict=args.strict)
    if steps is None or "index" in steps:
        print(f"Open the run's landing page: {paths.reports / 'index.html'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from twinning_analysis import cli_extract, cli_geocode

    parser = argparse.ArgumentParser(prog="twinning", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, steps, text in (
            ("run", None, "the whole pipeline: world list → tables → figures → pages → notebooks → index"),
            ("world", ("world",), "the world list of twin towns → world_places and world_pairs, geocoded offline"),
            ("tables", ("tables",), "raw data → processed tables, pair lines and quality report"),
            ("figures", ("figures",), "draw every figure from the processed tables"),
            ("notebooks", ("notebooks",), "execute every notebook into reports/ (HTML too)"),
            ("interactive", ("interactive", "index"), "write the interactive pages and reports/index.html")):
        command = sub.add_parser(name, help=text, description=text)
        command.add_argument("--force", action="store_true", help="rerun steps even if their inputs are unchanged")
        command.add_argument("--online", action="store_true",
                             help="allow online geocoding (Nominatim) and web tiles under the interactive map")
        command.add_argument("--strict", action="store_true",
                             help="stop at the first warning about the input (an unreadable value, a repeated claim)")
        command.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                             help="notebook parameter, e.g. --param year=2031 (repeatable)")
        command.set_defaults(handler=lambda args, steps=steps: _run_steps(args, steps))
    cli_geocode.add_parser(sub)
    cli_extract.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="twinning: %(message)s")
    try:
        return args.handler(args)
    except TwinningError as err:
        print(f"twinning: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("twinning: interrupted; the last complete outputs are unchanged", file=sys.stderr)
        return 130
