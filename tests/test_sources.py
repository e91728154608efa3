"""New input sources: RSS/Atom feeds, WARC archives and http(s) URLs.

Every input is real: feeds and pages are written to ``tmp_path``, WARC files with
warcio's own writer, and URLs are fetched by httpx from a stdlib HTTP server on
127.0.0.1 (so those fetches pass ``allow_private=True``; the refusals run without it
and check that no request reached the server). All news text is written for these
tests.
"""

from __future__ import annotations

import gzip
import io
import ipaddress
import re
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import CATALOGUE
from eventwire.ingest import read_inputs
from eventwire.ingest import urls as urls_module
from eventwire.ingest.urls import DEFAULT_LIMITS, FetchLimits, is_public, read_url
from eventwire.model import Article, Failure

Result = Article | Failure


def read(*inputs: str | Path, published: date | None = None, max_bytes: int = 20_000_000,
         allow_private: bool = False) -> list[Result]:
    return list(read_inputs([str(i) for i in inputs], published=published,
                            max_bytes=max_bytes, allow_private=allow_private))


def articles(results: list[Result]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def failures(results: list[Result]) -> list[Failure]:
    return [r for r in results if isinstance(r, Failure)]


def test_new_codes_are_catalogued() -> None:
    for code in ("E014", "E015", "E016", "E017", "E018"):
        assert CATALOGUE[code]


# --- feeds -------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>The Lakeshore Courier</title>
    <link>https://courier.example/</link>
    <description>News from the lake district</description>
    <item>
      <title>Ferry workers strike over unpaid overtime</title>
      <link>https://courier.example/2024/03/ferry-strike</link>
      <guid isPermaLink="false">courier-2024-0311</guid>
      <pubDate>Mon, 11 Mar 2024 22:40:00 -0500</pubDate>
      <description><![CDATA[<p>Crews on the three lake ferries walked off the job on
        Monday morning, stranding hundreds of commuters at the northern pier.</p>
        <p>The union said the strike would last until the transport board paid
        overtime owed since the autumn. The board called the walkout
        <em>unlawful</em> and asked a court to order crews back.</p>
        <script>trackView('ferry');</script>]]></description>
    </item>
    <item>
      <title>Council agenda published</title>
      <link>https://courier.example/2024/03/agenda</link>
      <guid>courier-2024-0312</guid>
      <pubDate>Tue, 12 Mar 2024 08:00:00 -0500</pubDate>
      <description></description>
    </item>
    <item>
      <title>Mayor meets market traders after fire</title>
      <link>https://courier.example/2024/03/market-fire</link>
      <pubDate>Wed, 13 Mar 2024 14:15:00 -0500</pubDate>
      <description>Short teaser.</description>
      <content:encoded><![CDATA[<div><p>Mayor Ines Corvalan met traders from the
        burned central market on Wednesday and promised temporary stalls within a
        week.</p><p>Firefighters said the blaze started in a storage room<br>behind the
        fish hall.</p></div>]]></content:encoded>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Northern Wire</title>
  <id>urn:uuid:6d1c2a5e-northern-wire</id>
  <updated>2024-05-02T18:00:00+02:00</updated>
  <entry>
    <title>Border crossing reopens after talks</title>
    <id>urn:northern-wire:4471</id>
    <link href="https://wire.example/4471"/>
    <published>2024-05-01T23:50:00+02:00</published>
    <updated>2024-05-02T09:00:00+02:00</updated>
    <content type="html">&lt;p&gt;The main border crossing between the two provinces
      reopened on Wednesday after negotiators agreed on new customs checks.&lt;/p&gt;
      &lt;p&gt;Lorry drivers had waited for four days in a queue that stretched
      twelve kilometres.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Photo gallery</title>
    <id>urn:northern-wire:4472</id>
    <link href="https://wire.example/4472"/>
    <updated>2024-05-02T10:00:00+02:00</updated>
    <content type="html">&lt;img src="a.jpg"/&gt;</content>
  </entry>
  <entry>
    <title>Teachers rally outside ministry</title>
    <id>urn:northern-wire:4473</id>
    <link href="https://wire.example/4473"/>
    <updated>2024-05-02T16:30:00+02:00</updated>
    <summary type="text">Several thousand teachers rallied outside the education
      ministry on Thursday to demand smaller classes and a pay rise.</summary>
  </entry>
</feed>
"""


def test_rss_feed_one_article_per_item(tmp_path: Path) -> None:
    path = tmp_path / "courier.rss"
    path.write_text(RSS, encoding="utf-8")
    results = read(path)
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
    strike, empty, market = results
    assert isinstance(strike, Article) and isinstance(market, Article)
    assert strike.doc_id == "courier-2024-0311"
    assert strike.title == "Ferry workers strike over unpaid overtime"
    assert strike.text == (
        "Crews on the three lake ferries walked off the job on Monday morning, stranding "
        "hundreds of commuters at the northern pier.\n\nThe union said the strike would last "
        "until the transport board paid overtime owed since the autumn. The board called the "
        "walkout unlawful and asked a court to order crews back.")
    # the publisher's own day, not the UTC one (22:40 -05:00 is already the 12th in UTC)
    assert strike.published == date(2024, 3, 11)
    assert strike.url == "https://courier.example/2024/03/ferry-strike"
    assert strike.source == "The Lakeshore Courier"
    assert str(empty) == (f"{path}#2: feed item has no text (no content, summary or "
                          "description) [E007]")
    # no guid: the link is the id; content:encoded wins over the teaser
    assert market.doc_id == "https://courier.example/2024/03/market-fire"
    assert market.text.startswith("Mayor Ines Corvalan met traders")
    assert "storage room behind the fish hall." in market.text
    assert market.published == date(2024, 3, 13)


def test_atom_feed_and_xml_sniffing(tmp_path: Path) -> None:
    atom = tmp_path / "wire.atom"
    atom.write_text(ATOM, encoding="utf-8")
    as_xml = tmp_path / "wire-copy.xml"
    as_xml.write_text(ATOM, encoding="utf-8")
    for path in (atom, as_xml):
        results = read(path)
        assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
        border, gallery, rally = results
        assert isinstance(border, Article) and isinstance(rally, Article)
        assert isinstance(gallery, Failure)
        assert border.doc_id == "urn:northern-wire:4471"
        assert border.url == "https://wire.example/4471"
        assert border.source == "Northern Wire"
        assert border.published == date(2024, 5, 1)  # published, not updated
        assert border.text.endswith("stretched twelve kilometres.")
        assert "\n\n" in border.text and "<p>" not in border.text
        assert (gallery.input_name, gallery.code) == (f"{path}#2", "E007")
        assert rally.published == date(2024, 5, 2)
        assert rally.text.startswith("Several thousand teachers rallied")


def test_published_override_wins_over_item_dates(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(ATOM, encoding="utf-8")
    assert {a.published for a in articles(read(path, published=date(2020, 1, 1)))} == {
        date(2020, 1, 1)}


def test_xml_that_is_not_a_feed_is_unsupported(tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?>\n<!-- <rss> in a comment -->\n'
                       '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                       "<url><loc>https://courier.example/</loc></url></urlset>",
                       encoding="utf-8")
    [only] = read(sitemap)
    assert str(only) == (f"{sitemap}: unsupported input type '.xml': not an RSS, Atom or RDF "
                         "feed (root element <urlset>) [E009]")


def test_malformed_feed_keeps_the_items_it_can(tmp_path: Path) -> None:
    broken = RSS.replace("<title>Council agenda published</title>",
                         "<title>Council agenda <b>published</title>")
    path = tmp_path / "broken.rss"
    path.write_text(broken, encoding="utf-8")
    results = read(path)
    assert [a.doc_id for a in articles(results)] == [
        "courier-2024-0311", "https://courier.example/2024/03/market-fire"]
    malformed = [f for f in failures(results) if f.code == "E014"]
    assert len(malformed) == 1 and malformed[0].input_name == str(path)
    assert "mismatched tag at line" in malformed[0].reason


@pytest.mark.parametrize(("content", "code", "reason"), [
    ("<rss version='2.0'><chan", "E014", "feed could not be parsed"),
    ("<rss version='2.0'><channel><title>Quiet</title></channel></rss>", "E001",
     "feed has no items"),
    ("Lorry drivers waited at the border.", "E014", "feed could not be parsed"),
])
def test_feed_without_items_is_one_failure(tmp_path: Path, content: str, code: str,
                                           reason: str) -> None:
    path = tmp_path / "odd.rss"
    path.write_text(content, encoding="utf-8")
    [only] = read(path)
    assert isinstance(only, Failure)
    assert (only.input_name, only.code) == (str(path), code)
    assert only.reason.startswith(reason)


def test_non_english_item_is_named(tmp_path: Path) -> None:
    spanish = RSS.replace("Short teaser.", "x").replace(
        "<![CDATA[<div><p>Mayor Ines Corvalan", "<![CDATA[<div><p>La alcaldesa se reunió "
        "ayer con los comerciantes del mercado quemado y prometió puestos nuevos para "
        "todos ellos en una semana, según dijeron los vecinos del barrio.</p><p>Mayor")
    spanish = spanish.replace("met traders from the\n        burned central market on "
                              "Wednesday and promised temporary stalls within a\n        "
                              "week.</p><p>Firefighters said the blaze started in a storage "
                              "room<br>behind the\n        fish hall.</p>", "</p>")
    path = tmp_path / "mixed.rss"
    path.write_text(spanish, encoding="utf-8")
    last = read(path)[-1]
    assert isinstance(last, Failure) and (last.input_name, last.code) == (f"{path}#3", "E008")


# --- WARC ----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Valley Tribune</title>
<meta property="og:site_name" content="Valley Tribune">
{date_meta}
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{title}</h1>
{paragraphs}
</article>
<footer>Copyright Valley Tribune. All rights reserved.</footer>
</body></html>
"""

STORIES = {
    "dam": ("Farmers block highway over dam water cuts", [
        "Hundreds of farmers blocked the valley highway with tractors on Thursday, "
        "protesting a decision by the irrigation authority to cut water releases from the "
        "upper dam by a third.",
        "Police diverted traffic through the hill villages for most of the day. Farm "
        "leaders said the cuts would ruin the spring planting and demanded a meeting with "
        "the regional governor before the weekend.",
        "The irrigation authority said the reservoir stood at its lowest level in twelve "
        "years and that the rationing would be reviewed at the end of the month."]),
    "clinic": ("Governor opens rural clinic after long delay", [
        "The regional governor opened a new health clinic in the mining town of Sorrel "
        "Creek on Tuesday, four years after construction began.",
        "Residents had protested twice last year over the delays, which the health "
        "department blamed on a dispute with the original builder.",
        "The clinic will have eight beds, a maternity ward and a small laboratory, and "
        "will serve about twenty thousand people in the surrounding villages."]),
    "bridge": ("Engineers close old river bridge after cracks found", [
        "Engineers closed the old river bridge to all traffic on Monday after inspectors "
        "found cracks in two of its supporting piers.",
        "The city transport office said buses would run across the northern bridge while "
        "repairs were planned, adding twenty minutes to many journeys.",
        "Shop owners on the east bank said they feared losing customers for months."]),
}


def page(key: str, *, published: str | None = None) -> bytes:
    title, paragraphs = STORIES[key]
    date_meta = (f'<meta property="article:published_time" content="{published}">'
                 if published else "")
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return PAGE.format(title=title, date_meta=date_meta, paragraphs=body).encode("utf-8")


def _response(writer: WARCWriter, uri: str, body: bytes, content_type: str,
              warc_date: str = "2024-04-18T06:30:00Z", status: str = "200 OK") -> object:
    headers = StatusAndHeaders(status, [("Content-Type", content_type),
                                        ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                     http_headers=headers,
                                     warc_headers_dict={"WARC-Date": warc_date})


def _request(writer: WARCWriter, uri: str) -> object:
    headers = StatusAndHeaders("GET /news HTTP/1.1", [("Host", "tribune.example")],
                               is_http_request=True)
    return writer.create_warc_record(uri, "request", http_headers=headers)


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def write_warc(gzipped: bool) -> tuple[bytes, list[int]]:
    """request, dam (dated page), image, clinic (undated page), bridge (dated page),
    404 page; returns the bytes and each record's start offset."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    offsets = []
    records = [
        _request(writer, "https://tribune.example/news/dam"),
        _response(writer, "https://tribune.example/news/dam",
                  page("dam", published="2024-04-17T09:00:00+00:00"),
                  "text/html; charset=utf-8"),
        _response(writer, "https://tribune.example/img/dam.png", PNG, "image/png"),
        _response(writer, "https://tribune.example/news/clinic", page("clinic"), "text/html",
                  warc_date="2024-04-16T21:05:00Z"),
        _response(writer, "https://tribune.example/news/bridge",
                  page("bridge", published="2024-04-15"), "text/html; charset=utf-8"),
        _response(writer, "https://tribune.example/news/gone",
                  page("bridge"), "text/html", status="404 Not Found"),
    ]
    for record in records:
        offsets.append(buffer.tell())
        writer.write_record(record)
    offsets.append(buffer.tell())
    return buffer.getvalue(), offsets


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_articles(tmp_path: Path, gzipped: bool) -> None:
    data, _ = write_warc(gzipped)
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(data)
    results = read(path)
    assert not failures(results), failures(results)
    dam, clinic, bridge = articles(results)
    assert dam.doc_id == dam.url == "https://tribune.example/news/dam"
    assert dam.title == "Farmers block highway over dam water cuts"
    # the existing HTML path keeps the page's headline as the text's first line
    assert dam.text.startswith(f"{dam.title}\n\nHundreds of farmers blocked the valley")
    assert "Copyright" not in dam.text and "Sport" not in dam.text
    assert dam.published == date(2024, 4, 17)       # the page's own date...
    assert clinic.published == date(2024, 4, 16)    # ...else the capture's WARC-Date
    assert bridge.published == date(2024, 4, 15)
    assert dam.source == "Valley Tribune"


def test_warc_corrupted_record_is_named_and_reading_resumes(tmp_path: Path) -> None:
    data, offsets = write_warc(gzipped=True)
    damaged = bytearray(data)
    middle = (offsets[3] + offsets[4]) // 2  # inside the clinic record's gzip member
    damaged[middle:middle + 24] = b"\x00" * 24
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(bytes(damaged))
    results = read(path)
    assert [a.doc_id for a in articles(results)] == [
        "https://tribune.example/news/dam", "https://tribune.example/news/bridge"]
    [broken] = failures(results)
    assert broken.input_name == f"{path}#4" and broken.code == "E015"
    assert broken.reason.startswith(f"broken record at byte {offsets[3]} (")
    assert broken.reason.endswith(f"reading resumed at byte {offsets[4]}")


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_warc_truncated_file_codes_what_it_has(tmp_path: Path, gzipped: bool) -> None:
    data, offsets = write_warc(gzipped)
    cut = (offsets[4] + offsets[5]) // 2  # halfway through the bridge record
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    path.write_bytes(data[:cut])
    results = read(path)
    assert [a.doc_id for a in articles(results)] == [
        "https://tribune.example/news/dam", "https://tribune.example/news/clinic"]
    [cut_off] = failures(results)
    assert cut_off.input_name == f"{path}#5" and cut_off.code == "E015"


def test_warc_payload_broken_inside_a_good_record(tmp_path: Path) -> None:
    """A response whose HTTP body claims gzip but is not: that record fails, the next
    record is still read."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    body = b"\x1f\x8b\x08\x00not really gzip at all" * 3
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                          ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://tribune.example/news/garbled", "response", payload=io.BytesIO(body),
        http_headers=headers))
    writer.write_record(_response(writer, "https://tribune.example/news/dam",
                                  page("dam"), "text/html"))
    path = tmp_path / "garbled.warc.gz"
    path.write_bytes(buffer.getvalue())
    first, second = read(path)
    assert isinstance(first, Failure) and first.input_name == f"{path}#1"
    assert first.reason.startswith("https://tribune.example/news/garbled: ")
    assert isinstance(second, Article) and second.doc_id == "https://tribune.example/news/dam"


def test_warc_without_html_and_non_warc_files(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(_response(writer, "https://tribune.example/a.png", PNG, "image/png"))
    images = tmp_path / "images.warc.gz"
    images.write_bytes(buffer.getvalue())
    not_warc = tmp_path / "notes.warc.gz"
    not_warc.write_bytes(gzip.compress(b"Meeting notes, not an archive.\n"))
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    results = read(images, not_warc, empty)
    assert [(f.input_name, f.code) for f in failures(results)] == [
        (str(images), "E001"), (str(not_warc), "E015"), (str(empty), "E001")]
    assert [f.reason for f in failures(results)][:2] == [
        "WARC file holds no HTML response records",
        "not a WARC file (it starts b'Meeting notes, not an ar', not 'WARC/')"]
    assert len(results) == 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.floats(0, 1), length=st.integers(1, 64), gzipped=st.booleans(),
       truncate=st.booleans())
def test_damaged_warc_never_raises(position: float, length: int, gzipped: bool,
                                   truncate: bool) -> None:
    data, _ = write_warc(gzipped)
    at = int(position * (len(data) - 1))
    damaged = data[:at] if truncate else data[:at] + b"\xa5" * length + data[at + length:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("x.warc.gz" if gzipped else "x.warc")
        path.write_bytes(damaged)
        results = read(path)
    assert results
    for r in results:
        if isinstance(r, Failure):
            assert r.input_name.startswith(str(path)) and "\n" not in str(r)
        else:  # a damaged byte may land in the record's URI, so only its shape is fixed
            assert r.doc_id and r.url == r.doc_id and r.text.strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".rss", ".atom", ".xml",
                                                             ".warc", ".warc.gz"]))
def test_arbitrary_bytes_in_new_formats_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        results = read(path)
    assert results
    for r in failures(results):
        assert r.input_name.startswith(str(path)) and r.code in CATALOGUE


# --- URLs ----------------------------------------------------------------------------

class NewsServer(ThreadingHTTPServer):
    daemon_threads = True
    requests: list[str]


class Handler(BaseHTTPRequestHandler):
    server: NewsServer

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.server.requests.append(self.path)
        route = self.path.split("?")[0]
        try:
            if route == "/story":
                self._send(200, "text/html; charset=utf-8",
                           page("dam", published="2024-04-17T09:00:00+00:00"))
            elif route == "/latin1":
                self._send(200, "text/html; charset=iso-8859-1",
                           page("clinic").replace(b"mining town", "café town".encode("latin-1")))
            elif route.startswith("/hop/"):
                left = int(route.rsplit("/", 1)[1])
                self._redirect(f"/hop/{left - 1}" if left > 1 else "/story")
            elif route == "/to-loopback":
                port = self.server.server_address[1]
                self._redirect(f"http://127.0.0.1:{port}/story")
            elif route == "/to-ftp":
                self._redirect("ftp://files.example/story.html")
            elif route == "/huge":  # no Content-Length: only streaming can stop it
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(400):
                    self.wfile.write(b"<p>" + b"filler words for a very long page " * 30
                                     + b"</p>\n")
            elif route == "/declared-huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "900000000")
                self.end_headers()
            elif route == "/report.pdf":
                self._send(200, "application/pdf", b"%PDF-1.7\n" + PNG)
            elif route == "/slow":
                time.sleep(2)
                self._send(200, "text/html", page("bridge"))
            else:
                self._send(404, "text/html", b"<html><body>Not found</body></html>")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size limit, timeout): that is the point of the test

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[NewsServer]:
    httpd = NewsServer(("127.0.0.1", 0), Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def base(server: NewsServer, host: str = "127.0.0.1") -> str:
    return f"http://{host}:{server.server_address[1]}"


def fetch(url: str, *, max_bytes: int = 20_000_000,
          limits: FetchLimits = DEFAULT_LIMITS) -> Result:
    [result] = read_url(url, published=None, max_bytes=max_bytes, allow_private=True,
                        limits=limits)
    return result


def test_url_html_page(server: NewsServer) -> None:
    url = f"{base(server)}/story"
    [art] = read(url, allow_private=True)
    assert isinstance(art, Article)
    assert art.doc_id == art.url == url
    assert art.title == "Farmers block highway over dam water cuts"
    assert "\n\nHundreds of farmers blocked the valley highway" in art.text
    assert art.published == date(2024, 4, 17)


def test_url_charset_from_the_header(server: NewsServer) -> None:
    art = fetch(f"{base(server)}/latin1")
    assert isinstance(art, Article) and "café town of Sorrel Creek" in art.text


def test_url_redirect_chain_is_followed(server: NewsServer) -> None:
    url = f"{base(server)}/hop/5"
    art = fetch(url)
    assert isinstance(art, Article)
    assert art.doc_id == url and art.url == f"{base(server)}/story"


def test_url_too_many_redirects(server: NewsServer) -> None:
    url = f"{base(server)}/hop/6"
    result = fetch(url)
    assert isinstance(result, Failure)
    assert (result.input_name, result.code) == (url, "E017")
    assert result.reason == f"more than 5 redirects (last to {base(server)}/story)"


@pytest.mark.parametrize("route", ["/huge", "/declared-huge"])
def test_url_over_the_size_limit(server: NewsServer, route: str) -> None:
    result = fetch(f"{base(server)}{route}", max_bytes=100_000)
    assert isinstance(result, Failure) and result.code == "E004"
    assert "over the 100.0 kB limit" in result.reason


def test_url_not_html_and_not_found(server: NewsServer) -> None:
    pdf = fetch(f"{base(server)}/report.pdf")
    assert str(pdf) == (f"{base(server)}/report.pdf: {base(server)}/report.pdf is "
                        "application/pdf, not an HTML page [E018]")
    missing = fetch(f"{base(server)}/nowhere")
    assert str(missing) == (f"{base(server)}/nowhere: HTTP 404 Not Found from "
                            f"{base(server)}/nowhere [E017]")


def test_url_read_timeout(server: NewsServer) -> None:
    started = time.monotonic()
    result = fetch(f"{base(server)}/slow", limits=FetchLimits(read_timeout=0.3))
    assert time.monotonic() - started < 1.5
    assert isinstance(result, Failure) and result.code == "E017"
    assert result.reason.startswith(f"timed out fetching {base(server)}/slow (ReadTimeout")


def test_url_connection_refused_is_a_failure() -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), Handler) as closed:
        port = closed.server_address[1]
    result = fetch(f"http://127.0.0.1:{port}/story")
    assert isinstance(result, Failure) and result.code == "E017"
    assert "ConnectError" in result.reason


@pytest.mark.parametrize(("host", "kind"), [
    ("127.0.0.1", "a loopback"),
    ("localhost", "a loopback"),  # a name: its DNS answers are checked
    ("10.20.30.40", "a private"),
    ("192.168.1.7", "a private"),
    ("169.254.169.254", "a link-local"),
    ("[::1]", "a loopback"),
    ("[::ffff:127.0.0.1]", "a loopback"),
    ("0.0.0.0", "an unspecified"),
    ("224.0.0.1", "a multicast"),
    ("240.1.2.3", "a reserved"),
])
def test_non_public_hosts_are_refused_without_a_request(server: NewsServer, host: str,
                                                         kind: str) -> None:
    before = len(server.requests)
    url = f"{base(server, host)}/story"
    started = time.monotonic()
    [result] = read(url)
    assert time.monotonic() - started < 1.0
    assert isinstance(result, Failure) and result.code == "E016"
    assert result.input_name == url
    assert f" {kind} address" in result.reason and "--allow-private" in result.reason
    assert len(server.requests) == before


def test_refusal_message() -> None:
    [named] = read("http://localhost:8080/news")
    [literal] = read("http://169.254.169.254/latest/meta-data/")
    assert re.fullmatch(r"http://localhost:8080/news: refused http://localhost:8080/news: "
                        r"localhost resolves to a loopback address \((127\.0\.0\.1|::1)\); "
                        r"pass --allow-private to fetch it \[E016\]", str(named))
    assert str(literal) == ("http://169.254.169.254/latest/meta-data/: refused "
                            "http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a "
                            "link-local address; pass --allow-private to fetch it [E016]")


def test_every_redirect_hop_is_checked(server: NewsServer,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """With no internet here, 'localhost' stands in for a public host: the test makes
    eventwire's own address check see it as public (httpx still connects to
    127.0.0.1). Its redirect to a loopback literal must then be refused."""
    real = urls_module.host_addresses

    def public_localhost(host: str, port: int, name: str) -> list[object]:
        if host == "localhost":
            return [ipaddress.ip_address("93.184.216.34")]
        return list(real(host, port, name))

    monkeypatch.setattr(urls_module, "host_addresses", public_localhost)
    before = len(server.requests)
    url = f"{base(server, 'localhost')}/to-loopback"
    [result] = read(url)
    assert isinstance(result, Failure) and result.code == "E016"
    assert result.reason.startswith(f"refused redirect 1 to {base(server)}/story: ")
    assert server.requests[before:] == ["/to-loopback"]  # the loopback hop was never made


def test_redirect_to_another_scheme_is_refused(server: NewsServer) -> None:
    result = fetch(f"{base(server)}/to-ftp")
    assert isinstance(result, Failure) and result.code == "E016"
    assert "ftp://files.example/story.html" in result.reason


def test_public_addresses() -> None:
    assert is_public(ipaddress.ip_address("93.184.216.34"))
    assert is_public(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946"))
    for private in ("100.64.0.1", "172.16.0.1", "fe80::1", "fc00::1", "::", "ff02::1"):
        assert not is_public(ipaddress.ip_address(private)), private


def test_mixed_inputs_keep_their_order(server: NewsServer, tmp_path: Path) -> None:
    feed = tmp_path / "courier.rss"
    feed.write_text(RSS, encoding="utf-8")
    data, _ = write_warc(gzipped=True)
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(data)
    url = f"{base(server)}/story"
    results = read(feed, url, warc, allow_private=True)
    assert [r.doc_id if isinstance(r, Article) else r.input_name for r in results] == [
        "courier-2024-0311", f"{feed}#2", "https://courier.example/2024/03/market-fire",
        url, "https://tribune.example/news/dam", "https://tribune.example/news/clinic",
        "https://tribune.example/news/bridge"]
