"""deploy/ under attack, with the real nginx, two real gunicorn nodes and a real redis-server.

Requests leave from chosen loopback addresses (127.0.0.x), so nginx and the nodes see distinct
readers: nginx connects from 127.0.0.1, the only address the nodes trust.
"""

from __future__ import annotations

import http.client
import random
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from scripts.render_nginx import PER_CLIENT_CONNECTIONS
from tests.server.conftest import CLUSTER_BUDGET
from tests.support.nginx_front import nginx_front
from tests.support.servers import procfile_server, wait_for
from webapp.language import reader_language

pytestmark = pytest.mark.server

POISONS = [
    {"X-Forwarded-Host": "evil.example"},
    {"X-Forwarded-Port": "6666"},
    {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example:6666"},
    {"Forwarded": "for=1.2.3.4;host=evil.example;proto=https"},
    {"X-Forwarded-Prefix": "/evil"},
    {"X-Forwarded-Server": "evil.example", "X-Host": "evil.example"},
]
# Every kind of body that carries absolute URLs (the oEmbed one is added with the base URL).
ABSOLUTE_URL_PAGES = [
    "/",
    "/entreprises/maif",
    "/entreprises/maif.json",
    "/api/v1/companies",
    "/sitemap.xml",
    "/robots.txt",
    "/flux.atom",
    "/embed/maif",
    "/widget?q=maif",
    "/widget?q=maif&type=iframe",
]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def cache(self) -> str:
        return self.headers.get("X-Cache-Status", "")


def fetch(base: str, path: str, headers: dict | None = None, source: str = "127.0.0.1") -> Answer:
    """GET from a chosen loopback address, with exactly the headers given (and Host)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode("utf-8"))
    finally:
        connection.close()


def test_a_request_for_another_host_is_closed_without_an_answer(cluster):
    parts = urlsplit(cluster["front"])
    for request in (
        b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n",
        b"GET /entreprises/maif HTTP/1.0\r\n\r\n",
    ):
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
            sock.sendall(request)
            assert _answer(sock) == b"", request


def _answer(sock: socket.socket) -> bytes:
    """What the server sent back: nginx's 444 closes the connection, by FIN or by reset
    (whichever the kernel uses when the request was not read to the end); neither says a word."""
    try:
        return sock.recv(1024)
    except ConnectionResetError:
        return b""


def test_poisoning_attempts_are_never_cached_nor_served(cluster):
    front = cluster["front"]
    pages = [*ABSOLUTE_URL_PAGES, f"/oembed?url={front}/entreprises/maif"]
    for number, poison in enumerate(POISONS):
        for page in pages:
            served_from_cache = False
            # A variant no other request asks for, so the poisoned request is the one cached;
            # a fresh variant is tried if a loaded machine let the copy expire in between.
            for attempt in range(3):
                url = f"{page}{'&' if '?' in page else '?'}v=poison-{number}-{attempt}"
                poisoned = fetch(front, url, poison, source="127.0.0.20")
                assert poisoned.status == 200 and poisoned.cache == "MISS", (url, poison)
                # nginx files its copy only after the answer has left: ask again, with the same
                # poison, until its copy is served, so the clean request meets that copy.
                wait_for(
                    lambda url=url, poison=poison: (
                        fetch(front, url, poison, "127.0.0.20").cache == "HIT"
                    ),
                    f"nginx to cache {url}",
                    timeout=5,
                )
                clean = fetch(front, url, source="127.0.0.21")
                for answer in (poisoned, clean):
                    assert "evil" not in answer.body and "6666" not in answer.body, (url, poison)
                    assert front + "/" in answer.body, url
                served_from_cache = clean.cache == "HIT"
                if served_from_cache:
                    break
            assert served_from_cache, (url, clean.cache)


def test_a_node_reached_directly_never_reflects_the_host_header(cluster):
    for node in cluster["nodes"]:
        for page in ABSOLUTE_URL_PAGES:
            answer = fetch(node, page, {"Host": "evil.example", **POISONS[2]}, "127.0.0.22")
            assert answer.status == 200, page
            assert "evil" not in answer.body and cluster["front"] + "/" in answer.body, page


@pytest.mark.parametrize(
    ("url", "trigger"),
    [("/recherche?q=maif", "search-input"), ("/widget?q=maif", "widget-form")],
)
@pytest.mark.parametrize("fragment_first", [True, False])
def test_nginx_never_serves_a_fragment_as_a_page_or_a_page_as_a_fragment(
    cluster, url, trigger, fragment_first
):
    url = f"{url}&v=vary-{fragment_first}"
    fragment = {"HX-Request": "true", "HX-Trigger": trigger}
    restore = {**fragment, "HX-History-Restore-Request": "true"}
    boosted = {"HX-Request": "true", "HX-Trigger": "a-link"}
    asks = [("fragment", fragment), ("page", {}), ("restore", restore), ("boosted", boosted)]
    if not fragment_first:
        asks.reverse()
    for _round in ("fills the cache", "served from it"):
        for name, headers in asks:
            answer = fetch(cluster["front"], url, headers, source="127.0.0.23")
            assert answer.status == 200, name
            is_page = "<html" in answer.body
            assert is_page == (name != "fragment"), (name, answer.cache)
    assert fetch(cluster["front"], url, source="127.0.0.23").cache == "HIT"


def test_the_search_budget_holds_across_both_nodes(cluster):
    statuses = [
        fetch(cluster["front"], f"/api/v1/search?q=budget{n}", source="127.0.0.30").status
        for n in range(CLUSTER_BUDGET + 10)
    ]
    print(
        f"\nthrough nginx, 2 nodes, one redis: {statuses.count(200)} accepted, "
        f"{statuses.count(429)} refused of {len(statuses)} (budget {CLUSTER_BUDGET})"
    )
    assert statuses == [200] * CLUSTER_BUDGET + [429] * 10
    refused_url = f"/api/v1/search?q=budget{CLUSTER_BUDGET}"
    assert fetch(cluster["front"], refused_url, source="127.0.0.31").status == 200, (
        "a 429 is never cached for other readers"
    )


def test_forwarded_addresses_buy_nothing_when_a_node_is_reached_directly(cluster):
    node = cluster["nodes"][0]
    statuses = [
        fetch(
            node, f"/widget?q=direct{n}", {"X-Forwarded-For": f"198.51.100.{n}"}, "127.0.0.32"
        ).status
        for n in range(CLUSTER_BUDGET + 5)
    ]
    assert statuses == [200] * CLUSTER_BUDGET + [429] * 5


def test_embed_routes_are_rate_limited_by_nginx_per_address(cluster):
    statuses = [
        fetch(cluster["front"], "/badge/maif.svg", source="127.0.0.40").status for _ in range(300)
    ]
    assert 429 in statuses and statuses[:40] == [200] * 40
    assert fetch(cluster["front"], "/badge/maif.svg", source="127.0.0.41").status == 200


@pytest.fixture(scope="module")
def behind_tls_terminator(tmp_path_factory):
    """One node without BASE_URL behind nginx, itself behind a TLS terminator at 127.0.0.2."""
    root = tmp_path_factory.mktemp("terminated")
    env = {"VERIF_TRUSTED_PROXIES": "127.0.0.1"}
    with procfile_server(root / "index", env) as node:
        prefix = root / "nginx"
        with nginx_front(
            [node.removeprefix("http://")], prefix, tls_terminators=("127.0.0.2",)
        ) as front:
            yield front


def test_the_scheme_from_the_tls_terminator_is_honoured_and_nobody_elses(behind_tls_terminator):
    https = {"X-Forwarded-Proto": "https"}
    url = "/api/v1/search?q=edf"
    terminated = fetch(behind_tls_terminator, url, https, source="127.0.0.2")
    assert '"url":"https://' in terminated.body.replace(" ", "")
    assert terminated.headers["Strict-Transport-Security"].startswith("max-age=")
    spoofed = fetch(behind_tls_terminator, url, https, source="127.0.0.3")
    assert '"url":"http://' in spoofed.body.replace(" ", "")
    assert "Strict-Transport-Security" not in spoofed.headers


@pytest.mark.parametrize(
    ("accept_language", "lang"),
    [
        ("en-US,en;q=0.9", "en"),
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("de-DE,en;q=0.5", "en"),
        ("xx, <script>", "fr"),
        ("", "fr"),
    ],
)
def test_the_cache_keeps_one_copy_per_language_the_site_speaks(cluster, accept_language, lang):
    url = "/label?v=languages"
    for _round in ("fills the cache", "served from it"):
        answer = fetch(cluster["front"], url, {"Accept-Language": accept_language}, "127.0.0.24")
        assert f'<html lang="{lang}">' in answer.body, (accept_language, answer.cache)


def html_lang(answer: Answer) -> str:
    return re.search(r'<html lang="([a-z]+)">', answer.body).group(1)


def accept_language_corpus(count: int) -> list[str]:
    """Headers a browser sends and headers nobody should: tags, wildcards, every q form."""
    tags = ["fr", "en", "fr-CA", "en-GB", "EN", "Fr-be", "de", "*", "xx", "french", "en_US"]
    qualities = ["", ";q=0", ";q=0.5", ";q=0.50", ";q=0.505", ";q=0.9", ";q=1", ";q=1.000",
                 ";q=1.5", ";q=abc", ";q=.5", " ; q = 0.3", ";level=1;q=0.7"]  # fmt: skip
    draw = random.Random(24)
    return [
        draw.choice([", ", ",", " , "]).join(
            draw.choice(tags) + draw.choice(qualities) for _ in range(draw.randint(1, 4))
        )
        for _ in range(count)
    ]


def test_nginx_and_a_node_choose_the_same_language_for_any_header(cluster):
    """The audit's case first: through nginx it was English, from a node French."""
    node = cluster["nodes"][0]
    for header in ["en;q=0.1, fr;q=0.9", *accept_language_corpus(80)]:
        asked = {"Accept-Language": header}
        through = html_lang(fetch(cluster["front"], "/label?v=agree", asked, "127.0.0.25"))
        direct = html_lang(fetch(node, "/label?v=agree", asked))
        assert through == direct == reader_language(header), header


def test_two_hundred_distinct_headers_leave_two_copies_in_the_cache(cluster):
    url = "/label?v=two-hundred-variants"
    statuses = []
    for n in range(200):
        header = f"de-{n:03d}, {'en' if n % 2 else 'fr'};q=0.5"
        answer = fetch(cluster["front"], url, {"Accept-Language": header}, "127.0.0.26")
        assert html_lang(answer) == ("en" if n % 2 else "fr")
        statuses.append(answer.cache)
    # After the short test TTL a copy is revalidated (EXPIRED, REVALIDATED): never missed.
    assert statuses.count("MISS") == 2, statuses
    cache = cluster["root"] / "nginx" / "cache"
    stored = [f for f in cache.rglob("*") if f.is_file() and url.encode() in f.read_bytes()]
    assert len(stored) == 2


def test_one_address_cannot_hold_more_than_its_share_of_connections(cluster):
    """Requests whose bodies (under the 16 KiB cap) trickle, from one address: past the cap
    nginx answers 429 to that address at once, and everyone else is served as before."""
    parts = urlsplit(cluster["front"])
    held = []

    def capped() -> bool:
        for sock in held:  # a byte each, within client_body_timeout: all stay in progress
            sock.sendall(b"x")
        return fetch(cluster["front"], "/healthz", source="127.0.0.27").status == 429

    try:
        for _ in range(PER_CLIENT_CONNECTIONS):
            sock = socket.create_connection((parts.hostname, parts.port), 10, ("127.0.0.27", 0))
            sock.sendall(b"POST /signaler HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: application/x-www-form-urlencoded\r\n"
                         b"Content-Length: 8000\r\n\r\nkind=")  # fmt: skip
            held.append(sock)
        wait_for(capped, "the cap to refuse the address holding every slot it may")
        assert fetch(cluster["front"], "/healthz", source="127.0.0.28").status == 200
    finally:
        for sock in held:
            sock.close()
    wait_for(
        lambda: fetch(cluster["front"], "/healthz", source="127.0.0.27").status == 200,
        "the address to be served again once its requests ended",
    )


def test_answers_gunicorn_gives_itself_carry_the_security_headers_through_nginx(cluster):
    """A request line over gunicorn's 4094 bytes: gunicorn answers 414 without the app."""
    refused = fetch(cluster["front"], "/" + "a" * 5000)
    assert refused.status == 414 and "Request Line is too large" in refused.body
    assert refused.headers.get_all("Content-Security-Policy") == [
        "default-src 'none'; frame-ancestors 'none'"
    ]
    assert refused.headers["X-Content-Type-Options"] == "nosniff"
    assert refused.headers["X-Frame-Options"] == "DENY"


def test_the_app_s_own_policies_reach_readers_once_cached_or_not(cluster):
    node = fetch(cluster["nodes"][0], "/badge/maif.svg?v=policies")
    for _round in ("MISS", "HIT"):
        answer = fetch(cluster["front"], "/badge/maif.svg?v=policies", source="127.0.0.29")
        assert answer.cache == _round
        csp = answer.headers.get_all("Content-Security-Policy")
        assert csp == [node.headers["Content-Security-Policy"]] and "frame-ancestors *" in csp[0]
        assert answer.headers.get_all("X-Content-Type-Options") == ["nosniff"]
        assert "X-Frame-Options" not in answer.headers


@pytest.mark.parametrize("referer", ["http://[::1]/", "http://[", "https://[::1]:8443/x"])
def test_an_ipv6_or_broken_referer_on_a_card_is_answered(cluster, referer):
    answer = fetch(cluster["front"], "/embed/maif", {"Referer": referer}, "127.0.0.30")
    assert answer.status == 200


def test_a_chunked_body_over_the_limit_is_refused_by_nginx(cluster):
    parts = urlsplit(cluster["front"])
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    body = iter([b"details=" + b"x" * 8000] * 3)  # 24 KB in chunks, no Content-Length
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        connection.request("POST", "/signaler", body=body, headers=headers, encode_chunked=True)
        response = connection.getresponse()
        assert response.status == 413
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        connection.close()
