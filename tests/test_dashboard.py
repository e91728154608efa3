"""Browser tests of the analyst dashboard: Playwright driving Debian's chromium against
``eventwire serve`` over a store of the samples plus one hostile article.

Screenshots are kept in out/screenshots/ as artifacts. The tests skip (with the
reason) only when chromium is missing or cannot start; a missing dashboard build
is a failure (``make web`` builds it).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

from eventwire.ingest import read_inputs  # noqa: E402  (after the importorskip above)
from eventwire.store.db import Store  # noqa: E402
from eventwire.store.ingest import ingest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
STATIC = ROOT / "src" / "eventwire" / "web" / "static"
SCREENSHOTS = ROOT / "out" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "dashboard-test-token"
# Flags the machine's closed network needs (no background connections to the internet).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=2">'
HOSTILE = {
    "id": "hostile-markup",
    "title": f"Police detain protesters in Nairobi {SCRIPT}",
    "text": "Kenyan police arrested 30 protesters in Nairobi on Monday. "
            f"{SCRIPT} {IMAGE} The protesters had marched against a new fuel tax.",
    "published": "2024-03-04",
    "source": "<b>Hostile</b> Wire",
    "url": "javascript:window.__pwned=3",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _eventwire() -> str:
    script = Path(sys.executable).with_name("eventwire")
    return str(script) if script.exists() else "eventwire"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``eventwire serve`` on a free port over the samples and the hostile article."""
    if not (STATIC / "index.html").exists():
        pytest.fail(f"the dashboard is not built ({STATIC} is missing): run `make web`")
    root = tmp_path_factory.mktemp("dashboard")
    hostile = root / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = root / "dashboard.duckdb"
    with Store(db) as store:
        ingest(read_inputs([str(SAMPLES / "articles.jsonl"), str(SAMPLES / "txt"),
                            str(SAMPLES / "html"), str(hostile)]), store)
    port = _free_port()
    log = (root / "serve.log").open("w")
    proc = subprocess.Popen(
        [_eventwire(), "serve", "--db", str(db), "--port", str(port), "--token", TOKEN],
        stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:
                    # up, and its page index built: the pages below come from it
                    if response.status == 200 and json.load(response)["index"] == "ready":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("eventwire serve did not start:\n"
                            + (root / "serve.log").read_text(encoding="utf-8"))
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def api(server: str, path: str) -> Any:
    with urllib.request.urlopen(f"{server}/api/{path}", timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium; `make browser`)")
    with playwright_api.sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except playwright_api.Error as error:
            pytest.skip(f"chromium could not be launched: {error}")
        yield chromium
        chromium.close()


class Page:
    """A browser page and the errors it reported (console errors, uncaught exceptions)."""

    def __init__(self, page: Any, server: str) -> None:
        self.page = page
        self.server = server
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def open(self, query: str = "") -> Any:
        self.page.goto(f"{self.server}/{query}")
        self.page.wait_for_selector("tr.event-row")
        return self.page

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture()
def view(browser: Any, server: str) -> Iterator[Page]:
    # The page's Content-Security-Policy is bypassed so that the hostile-article test
    # proves the code never parses data as HTML, not merely that the CSP caught it.
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
    try:
        yield Page(context.new_page(), server)
    finally:
        context.close()


def total_events(page: Any) -> int:
    return int(page.inner_text("#page-info").split(" of ")[1].split()[0])


def wait_total_changes(page: Any, old: int) -> None:
    page.wait_for_function(
        "old => !document.querySelector('#page-info').textContent.endsWith(`of ${old} events`)",
        arg=old)


def category_of(page: Any, event_id: str | None) -> str:
    return str(page.locator(f"tr.event-row[data-event-id='{event_id}'] td.category").inner_text())


def test_dashboard_loads_map_timeline_table(view: Page) -> None:
    page = view.open()
    page.wait_for_selector("#map .cluster-icon, #map path.leaflet-interactive")
    page.wait_for_selector("#map-root .leaflet-overlay-pane path")  # country shapes
    page.wait_for_selector(".timeline-svg .bar rect")
    page.wait_for_selector(".network-svg .node")
    assert "events" in page.inner_text("#health")
    csp = page.get_attribute("meta[http-equiv=Content-Security-Policy]", "content")
    assert csp and "script-src 'self'" in csp
    assert page.locator("tr.event-row").count() > 10
    assert total_events(page) > 10
    view.screenshot("dashboard")
    assert view.errors == []


def test_filter_narrows_table_and_url(view: Page) -> None:
    page = view.open()
    everything = total_events(page)
    page.check("input[name=category][value=ASSAULT]")
    page.wait_for_url("**category=ASSAULT**")
    wait_total_changes(page, everything)
    narrowed = total_events(page)
    assert 0 < narrowed < everything
    assert set(page.locator("tr.event-row td.category").all_inner_texts()) == {"ASSAULT"}
    page.fill("input[name=country]", "cod")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**country=COD**")
    wait_total_changes(page, narrowed)
    assert set(page.locator("tr.event-row td:nth-child(7)").all_inner_texts()) == {"COD"}
    # The URL alone restores the view.
    url = page.url
    view.screenshot("filtered")
    page.goto(url)
    page.wait_for_selector("tr.event-row")
    assert page.is_checked("input[name=category][value=ASSAULT]")
    assert page.input_value("input[name=country]") == "COD"
    assert set(page.locator("tr.event-row td.category").all_inner_texts()) == {"ASSAULT"}
    assert view.errors == []


def test_click_event_opens_article_with_highlighted_spans(view: Page, server: str) -> None:
    page = view.open()
    # An event with an actor, a recipient and a place, so several kinds are highlighted.
    events = api(server, "events?limit=500")["events"]
    chosen = next(e for e in events if e["actor"] and e["recipient"] and e["event_loc"]
                  and e["actor"][0].get("start") is not None)
    row = page.locator(f"tr.event-row[data-event-id='{chosen['id']}']")
    for _ in range(20):  # page through the table to the event
        if row.count():
            break
        page.click("#next-page")
        page.wait_for_timeout(300)
    row.click()
    page.wait_for_selector("#article-text mark.current")
    page.wait_for_url(f"**event={chosen['id']}**")
    assert page.inner_text("#open-event-id") == chosen["id"]
    detail = api(server, f"events/{chosen['id']}")
    evidence = detail["evidence"]
    kinds = set(" ".join(page.locator("#article-text mark.current").evaluate_all(
        "marks => marks.map(m => m.dataset.kinds)")).split())
    assert {"trigger", "actor", "recipient", "place"} <= kinds
    trigger = page.locator("#article-text mark.current.hl-trigger").first.inner_text()
    assert trigger in evidence["trigger"]["text"]
    legend = page.inner_text("#span-legend")
    for kind in ("trigger", "actor", "recipient", "place", "date"):
        assert kind in legend
    assert evidence["sentence"]["text"][:40] in page.inner_text("#evidence")
    assert page.locator("#mentions li").count() == len(detail["mentions"]) or not detail["mentions"]
    view.screenshot("article")
    assert view.errors == []


def test_correction_changes_category_and_shows_in_audit_log(view: Page, server: str) -> None:
    page = view.open()
    row = page.locator("tr.event-row").first
    event_id = row.get_attribute("data-event-id")
    before = row.locator("td.category").inner_text()
    after = "SANCTION" if before != "SANCTION" else "AID"
    row.click()
    page.wait_for_selector("#fix-category")
    # A wrong token is refused and changes nothing.
    page.fill("#token", "not-the-token")
    page.select_option("#fix-category", after)
    page.click("#save-category")
    page.wait_for_selector("#review-message.error")
    assert "refused" in page.inner_text("#review-message")
    assert category_of(page, event_id) == before
    view.errors = [e for e in view.errors if "401" not in e]  # the refused request's log line
    page.fill("#token", TOKEN)
    page.fill("#author", "playwright")
    page.fill("#note", "coded as the wrong category")
    page.select_option("#fix-category", after)
    page.click("#save-category")
    page.wait_for_selector("#review-message.ok")
    page.wait_for_function(
        "([id, value]) => { const row = document.querySelector("
        "`tr.event-row[data-event-id='${id}'] td.category`);"
        " return row && row.textContent === value; }", arg=[event_id, after])
    assert category_of(page, event_id) == after
    assert page.evaluate("sessionStorage.getItem('eventwire.token')") == TOKEN
    audit = page.locator("#audit tbody tr").first.locator("td").all_inner_texts()
    assert audit[1:6] == ["playwright", event_id, "event", before, after]
    assert api(server, f"events/{event_id}")["event"]["event"] == after
    view.screenshot("correction")
    assert view.errors == []


def test_hostile_article_shows_markup_as_text_and_runs_nothing(view: Page, server: str) -> None:
    events = api(server, "events?limit=500&text=protesters")["events"]
    hostile = next(e for e in events if e["doc_id"] == HOSTILE["id"])
    page = view.open(f"?event={hostile['id']}")
    page.wait_for_selector("#article-text")
    page.wait_for_timeout(500)  # time for any injected handler to have fired
    assert SCRIPT in page.inner_text("#article-title")
    text = page.inner_text("#article-text")
    assert SCRIPT in text and IMAGE in text
    assert "<b>Hostile</b> Wire" in page.inner_text("#article-root .meta")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#article-root script, #article-root img, #article-root b").count() == 0
    # A javascript: URL is not made a link.
    assert page.locator("#article-root a[href^='javascript']").count() == 0
    view.screenshot("hostile")
    assert view.errors == []
