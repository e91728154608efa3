"""Command line: thin wrappers over the library functions.

Exit codes: 0 all inputs coded, 1 some inputs failed (each named on stderr),
2 usage error.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

import click

from . import __version__
from .coding.coder import CoderSettings
from .errors import EventwireError
from .model import Coded, Event, Failure
from .output.formats import FORMATS
from .output.places import PLACE_FORMATS
from .pipeline import Pipeline

if TYPE_CHECKING:
    from .places.gazetteer import Gazetteer


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _input_options(command: Callable[..., None]) -> Callable[..., None]:
    """INPUTS and the options on reading them, shared by extract, places and ingest."""
    options = [
        click.argument("inputs", nargs=-1, required=True),
        click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
                     help="Publication date for every input (overrides metadata)."),
        click.option("--allow-private", is_flag=True,
                     help="Allow URLs that resolve to private, loopback or link-local "
                          "addresses."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


_gazetteer_option = click.option(
    "--gazetteer", "gazetteer_path", type=click.Path(dir_okay=False),
    help="Gazetteer file (default: $EVENTWIRE_GAZETTEER or the user data dir).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def main(verbose: bool) -> None:
    """eventwire: code news articles into PLOVER political events."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="eventwire: %(message)s", stream=sys.stderr)


@main.command()
@_input_options
@_gazetteer_option
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
            include_unrealised: bool, method: str, no_progress: bool,
            gazetteer_path: str | None, allow_private: bool) -> None:
    """Code INPUT articles (.txt, .html, .jsonl, .csv, directories, or - for stdin)."""
    from .ingest import read_inputs
    from .output.formats import write_events

    settings = CoderSettings(use_rules=method != "classifier",
                             use_classifier=method != "rules",
                             include_unrealised=include_unrealised)
    pipeline = Pipeline(settings, gazetteer=gazetteer_path)
    tally = Tally()

    def write(stream: TextIO, fmt: str) -> int:
        results = pipeline.code_many(read_inputs(inputs, published=published,
                                                 allow_private=allow_private))
        results = _with_progress(results, enabled=not no_progress and sys.stderr.isatty())
        return write_events(tally.events(results), fmt, stream)

    written = _write_out(out, fmt, write)
    _finish(tally, f"{tally.articles} article(s) coded, {written} event(s)")


def _write_out(out: str | None, fmt: str | None, write: Callable[[TextIO, str], int]) -> int:
    """Run ``write`` on the output file or stdout (table on a terminal, else jsonl)."""
    stream: TextIO = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        return write(stream, fmt or ("table" if stream.isatty() else "jsonl"))
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if out:
            stream.close()


def _finish(tally: Tally, summary: str) -> None:
    """Name every failed input, sum up, and exit 1 if any input failed."""
    for failure in tally.failures:
        click.echo(f"eventwire: failed: {failure}", err=True)
    click.echo(f"eventwire: {summary}, {len(tally.failures)} failure(s)", err=True)
    sys.exit(1 if tally.failures else 0)


@main.command()
@_input_options
@_gazetteer_option
@click.option("--format", "fmt", type=click.Choice(PLACE_FORMATS), default=None,
              help="Output format (default: table on a terminal, jsonl otherwise).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, writable=True),
              help="Write place mentions here instead of stdout.")
def places(inputs: tuple[str, ...], published: date | None, fmt: str | None, out: str | None,
           gazetteer_path: str | None, allow_private: bool) -> None:
    """Find and resolve the place names in INPUT articles (same inputs as extract)."""
    from .ingest import read_inputs
    from .output.places import write_places

    pipeline = Pipeline(gazetteer=gazetteer_path)
    tally = Tally()

    def write(stream: TextIO, fmt: str) -> int:
        results = tally.coded(pipeline.places(read_inputs(inputs, published=published,
                                                          allow_private=allow_private)))
        rows = (m.to_dict(coded.article.doc_id, coded.article.body_offset)
                for coded in results for m in coded.places)
        return write_places(rows, fmt, stream)

    written = _write_out(out, fmt, write)
    _finish(tally, f"{tally.articles} article(s) read, {written} place mention(s)")


@main.command()
@_input_options
@click.option("--db", default="eventwire.duckdb", show_default=True,
              type=click.Path(dir_okay=False),
              help="The store (created if missing).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Code in N local processes (one writer).")
@click.option("--dask", metavar="ADDRESS|local:N",
              help="Code on a Dask cluster (scheduler address) or a local one with N workers.")
@click.option("--wait", default=10.0, show_default=True,
              help="Seconds to wait for another process writing to the same store.")
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
def ingest(inputs: tuple[str, ...], db: str, workers: int, dask: str | None,
           published: date | None, allow_private: bool, wait: float,
           no_progress: bool) -> None:
    """Code INPUT articles into the store; rerunning adds only what is new."""
    from .ingest import read_inputs
    from .store.db import Store
    from .store.ingest import ingest as run_ingest

    try:
        with Store(db, wait=wait) as store:
            items = read_inputs(inputs, published=published, allow_private=allow_private)
            with _progress_bar(enabled=not no_progress and sys.stderr.isatty()) as update:
                report = run_ingest(items, store, workers=workers, dask=dask,
                                    on_progress=update)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    for failure in report.failures:
        click.echo(f"eventwire: failed: {failure}", err=True)
    click.echo(f"eventwire: {report.summary()} -> {db}", err=True)
    sys.exit(1 if report.failures else 0)


@contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[Callable[[Any], None]]:
    if not enabled:
        yield lambda report: None
        return
    from tqdm import tqdm

    with tqdm(unit="article", file=sys.stderr, dynamic_ncols=True) as bar:
        def update(report: Any) -> None:
            bar.update(report.coded + report.failed - bar.n)
            bar.set_postfix(events=report.events, failed=report.failed,
                            skipped=report.already_stored)
        yield update


def _filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """The store filters shared by ``query`` and ``export``."""
    options = [
        click.option("--category", "categories", multiple=True,
                     help="PLOVER category (repeatable)."),
        click.option("--actor", multiple=True, help="Actor country/organisation code."),
        click.option("--recipient", multiple=True, help="Recipient code (repeatable)."),
        click.option("--actor-sector", multiple=True, help="Actor sector code, e.g. MIL."),
        click.option("--recipient-sector", multiple=True, help="Recipient sector code."),
        click.option("--country", multiple=True, help="Where it happened (ISO-3)."),
        click.option("--since", callback=_parse_date, metavar="YYYY-MM-DD",
                     help="From this date."),
        click.option("--until", callback=_parse_date, metavar="YYYY-MM-DD",
                     help="To this date."),
        click.option("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT", help="Inside this box."),
        click.option("--text", help="Words in the event's sentence."),
        click.option("--mentions", is_flag=True,
                     help="Every report, not one row per real event."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(limit: int | None, options: dict[str, Any]) -> Any:
    from .store.query import Filters, parse_bbox

    bbox = options.pop("bbox")
    given: dict[str, Any] = {k: list(v) if isinstance(v, tuple) else v
                             for k, v in options.items()}
    return Filters(**given, bbox=parse_bbox(bbox) if bbox else None, limit=limit)


@main.command()
@click.option("--db", default="eventwire.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The store to read.")
@_filter_options
@click.option("--limit", default=100, show_default=True, type=click.IntRange(0))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default=None,
              help="Output format (default: table on a terminal, jsonl otherwise).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, writable=True))
def query(db: str, limit: int, fmt: str | None, out: str | None, **options: Any) -> None:
    """Events from the store, newest first (canonical events unless --mentions)."""
    from .output.formats import write_events
    from .store.db import Store
    from .store.query import page

    try:
        filters = _filters(limit, options)
        with Store(db, read_only=True) as store:
            events = (Event.from_dict(r) for r in page(store.conn, filters))
            written = _write_out(out, fmt, lambda stream, f: write_events(events, f, stream))
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"eventwire: {written} event(s)", err=True)


@main.command()
@click.option("--db", default="eventwire.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The store to read.")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["plover-jsonl", "csv", "parquet", "gdelt"]))
@click.option("-o", "--output", "out", default="-", show_default=True,
              help="Output file ('-' for stdout; parquet needs a file).")
@_filter_options
def export(db: str, fmt: str, out: str, **options: Any) -> None:
    """Every matching event (canonical unless --mentions) in a format other tools read."""
    from .export import write_export
    from .store.db import Store
    from .store.query import export_rows

    try:
        filters = _filters(None, options)
        with Store(db, read_only=True) as store:
            written = write_export(export_rows(store.conn, filters), fmt, out)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"eventwire: exported {written} event(s) as {fmt}", err=True)


@main.command()
@click.option("--from-corrections", "corrections_db", type=click.Path(dir_okay=False),
              help="Also learn from the analysts' category and mode corrections in this store.")
@click.option("--weight", default=5, show_default=True, type=click.IntRange(1, 100),
              help="How many generated sentences one correction counts as.")
@click.option("--out", type=click.Path(dir_okay=False),
              help="Where to write the model (default: the package's classifier).")
@click.option("--size", type=click.IntRange(100), default=None,
              help="Generated examples (default: the standard training size).")
def train(corrections_db: str | None, weight: int, out: str | None, size: int | None) -> None:
    """Retrain the event classifier (about a minute), optionally with corrections."""
    from .coding.classifier import DEFAULT_PATH
    from .training.generate import DEFAULT_SIZE
    from .training.train import train as fit

    extra = []
    if corrections_db:
        from .training.corrections import examples_from_corrections

        try:
            extra = examples_from_corrections(corrections_db, weight)
        except EventwireError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"eventwire: {len(extra) // weight} corrected event(s), each counted "
                   f"{weight} times", err=True)
    model, figures = fit(size or DEFAULT_SIZE, extra=extra)
    target = out or str(DEFAULT_PATH)
    model.save(target)
    click.echo(f"eventwire: held-out category accuracy {figures['with_trigger']:.3f} "
               f"(with trigger); model written to {target}", err=True)


@main.group()
def gazetteer() -> None:
    """Build, extend or describe the place gazetteer."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(dir_okay=False), help="Where to write it.")
def gazetteer_build(path: str | None) -> None:
    """(Re)build the bundled gazetteer (GeoNames towns of 500+ people, regions, countries)."""
    from .places.build import build_default
    from .places.gazetteer import Gazetteer

    target = build_default(path or Gazetteer().path)
    _echo_info(Gazetteer(target))


@gazetteer.command("import")
@click.argument("dump", type=click.Path(dir_okay=False))
@click.option("--path", type=click.Path(dir_okay=False), help="The gazetteer to extend.")
def gazetteer_import(dump: str, path: str | None) -> None:
    """Add a GeoNames dump (allCountries.txt or a country file such as FR.txt)."""
    from .places.build import import_geonames
    from .places.gazetteer import Gazetteer

    target = Gazetteer(path).path
    try:
        count = import_geonames(target, dump)
    except EventwireError as exc:
        raise click.ClickException(f"{exc} (the gazetteer at {target} is unchanged)") from exc
    click.echo(f"eventwire: imported {count} place(s) from {dump}", err=True)
    _echo_info(Gazetteer(target))


@gazetteer.command("info")
@click.option("--path", type=click.Path(dir_okay=False), help="The gazetteer to describe.")
def gazetteer_info(path: str | None) -> None:
    """Where the gazetteer is, how big, and where it came from."""
    from .places.gazetteer import Gazetteer

    _echo_info(Gazetteer(path))


def _echo_info(gaz: Gazetteer) -> None:
    for key, value in gaz.info().items():
        click.echo(f"{key:16s} {value}")


class Tally:
    """Counts coded articles and keeps failures while events stream through."""

    def __init__(self) -> None:
        self.articles = 0
        self.failures: list[Failure] = []

    def coded(self, results: Iterator[Coded | Failure]) -> Iterator[Coded]:
        for result in results:
            if isinstance(result, Failure):
                self.failures.append(result)
                continue
            self.articles += 1
            yield result

    def events(self, results: Iterator[Coded | Failure]) -> Iterator[Event]:
        for result in self.coded(results):
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



@main.command()
@click.option("--db", default="eventwire.duckdb", show_default=True,
              type=click.Path(dir_okay=False), help="The store to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (loopback by default; others expose the API).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="EVENTWIRE_TOKEN", default=None,
              help="Enable corrections for requests bearing this token (or set "
                   "$EVENTWIRE_TOKEN); without it the store is opened read-only.")
@click.option("--index/--no-index", default=True, show_default=True,
              help="Answer /api/events pages from an in-memory index built at start "
                   "(about the size of the stored records); --no-index answers from SQL.")
def serve(db: str, host: str, port: int, token: str | None, index: bool) -> None:
    """Serve the HTTP API (docs at /docs) and the dashboard over a store."""
    import uvicorn

    from .server import create_app

    try:
        # one DuckDB thread per query: requests run side by side in the thread pool,
        # and on a loaded server that beat each query competing for every core (bench/serve.py)
        app = create_app(db, token=token or None, threads=1, index=index)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    mode = "corrections enabled" if token else "read-only"
    click.echo(f"eventwire: serving {db} ({mode}) at http://{host}:{port}/ "
               f"(API docs: /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


if __name__ == "__main__":  # pragma: no cover
    main()
