"""Command line: thin wrappers over the library functions.

Exit codes: 0 all inputs coded, 1 some inputs failed (each named on stderr),
2 usage error.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from datetime import date
from typing import TextIO

import click

from . import __version__
from .coding.coder import CoderSettings
from .model import Coded, Event, Failure
from .output.formats import FORMATS
from .pipeline import Pipeline


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def main(verbose: bool) -> None:
    """eventwire: code news articles into PLOVER political events."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="eventwire: %(message)s", stream=sys.stderr)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for every input (overrides metadata).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: table on a terminal, jsonl otherwise).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, writable=True),
              help="Write events here instead of stdout.")
@click.option("--include-unrealised", is_flag=True,
              help="Also emit negated and hypothetical events (flagged in 'auxiliary').")
@click.option("--method", type=click.Choice(["hybrid", "rules", "classifier"]),
              default="hybrid", show_default=True, help="Coding method (for ablations).")
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
def extract(inputs: tuple[str, ...], published: date | None, fmt: str | None, out: str | None,
            include_unrealised: bool, method: str, no_progress: bool) -> None:
    """Code INPUT articles (.txt, .html, .jsonl, .csv, directories, or - for stdin)."""
    from .ingest import read_inputs
    from .output.formats import write_events

    settings = CoderSettings(use_rules=method != "classifier",
                             use_classifier=method != "rules",
                             include_unrealised=include_unrealised)
    pipeline = Pipeline(settings)
    tally = Tally()
    stream: TextIO = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    fmt = fmt or ("table" if stream.isatty() else "jsonl")
    try:
        results = pipeline.code_many(read_inputs(inputs, published=published))
        results = _with_progress(results, enabled=not no_progress and sys.stderr.isatty())
        written = write_events(tally.events(results), fmt, stream)
    finally:
        if out:
            stream.close()
    for failure in tally.failures:
        click.echo(f"eventwire: failed: {failure}", err=True)
    click.echo(f"eventwire: {tally.articles} article(s) coded, {written} event(s), "
               f"{len(tally.failures)} failure(s)", err=True)
    sys.exit(1 if tally.failures else 0)


class Tally:
    """Counts coded articles and keeps failures while events stream through."""

    def __init__(self) -> None:
        self.articles = 0
        self.failures: list[Failure] = []

    def events(self, results: Iterator[Coded | Failure]) -> Iterator[Event]:
        for result in results:
            if isinstance(result, Failure):
                self.failures.append(result)
                continue
            self.articles += 1
            yield from result.events


def _with_progress(results: Iterator[Coded | Failure], *, enabled: bool
                   ) -> Iterator[Coded | Failure]:
    if not enabled:
        yield from results
        return
    from tqdm import tqdm

    with tqdm(unit="article", file=sys.stderr, dynamic_ncols=True) as bar:
        for result in results:
            bar.update(1)
            yield result


if __name__ == "__main__":  # pragma: no cover
    main()
