"""Reports on several nodes: two gunicorn nodes behind nginx, one PostgreSQL, one Redis."""

from __future__ import annotations

import http.client
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest
import requests

from register.paths import PROJECT_ROOT
from tests.server.conftest import CLUSTER_REPORT_BUDGET
from tests.support.servers import operator_command

pytestmark = pytest.mark.server

REPORT = {
    "kind": "withdrawn",
    "company": "maif",
    "details": "Le certificateur annonce le retrait.",
    "evidence_url": "https://example.org/retrait",
}


def send(base: str, headers: dict | None = None, **fields) -> requests.Response:
    """Fetch the form (for its signed timestamp), then post it as a browser on that site would."""
    form = requests.get(f"{base}/signaler?entreprise=maif", headers=headers, timeout=10)
    token = re.search(r'name="jeton" value="([^"]+)"', form.text).group(1)
    return requests.post(
        f"{base}/signaler",
        data={**REPORT, **fields, "jeton": token},
        headers={"Sec-Fetch-Site": "same-origin", **(headers or {})},
        allow_redirects=False,
        timeout=10,
    )


def moderation(cluster, *args: str) -> str:
    return operator_command(cluster, "reports", *args)


def test_a_report_sent_through_node_a_is_listed_by_the_command_line(cluster):
    node_a, node_b = cluster["nodes"]
    sent = send(node_a, {"X-Forwarded-For": "192.0.2.10"}, details="Envoyé au nœud A.")
    assert sent.status_code == 303, sent.text
    reference = sent.headers["Location"].split("?")[0].rsplit("/", 1)[-1]
    assert reference in moderation(cluster, "list", "--company", "maif")
    receipt = requests.get(f"{node_b}/signaler/recu/{reference}", timeout=10)
    assert receipt.status_code == 200 and reference in receipt.text, "node B reads the same base"


def test_a_report_through_nginx_is_never_cached_and_lands_in_the_shared_database(cluster):
    front = cluster["front"]
    form = requests.get(f"{front}/signaler", timeout=10)
    assert form.headers["X-Cache-Status"] != "HIT" and form.headers["Cache-Control"] == "no-store"
    sent = send(front, details="Envoyé par le proxy.")
    assert sent.status_code == 303, sent.text
    reference = sent.headers["Location"].split("?")[0].rsplit("/", 1)[-1]
    assert "/signaler/recu/" in sent.headers["Location"]
    assert reference in moderation(cluster, "list")
    cross = requests.post(
        f"{front}/signaler", data=REPORT, headers={"Sec-Fetch-Site": "cross-site"}, timeout=10
    )
    assert cross.status_code == 403


def test_the_per_client_report_budget_holds_across_both_nodes(cluster):
    """nginx's address is trusted for X-Forwarded-For: posting to A then B as one reader."""
    reader = {"X-Forwarded-For": "192.0.2.77"}
    nodes = cluster["nodes"]
    statuses = [
        send(nodes[n % 2], reader, details=f"Signalement numéro {n}.").status_code
        for n in range(CLUSTER_REPORT_BUDGET + 1)
    ]
    assert statuses == [303] * CLUSTER_REPORT_BUDGET + [429]
    other_reader = {"X-Forwarded-For": "192.0.2.78"}
    assert send(nodes[1], other_reader, details="Un autre lecteur.").status_code == 303


def test_the_recipe_names_what_every_node_shares_and_the_cluster_shares_it():
    """The audit followed deploy/README.md without a shared database or key: 8 of 12 posts
    were refused and the reports split between nodes. The recipe now sets both."""
    recipe = (PROJECT_ROOT / "deploy" / "README.md").read_text(encoding="utf-8")
    shared = ("VERIF_DATABASE_URL", "VERIF_SECRET_KEY", "VERIF_RATELIMIT_STORAGE_URI")
    for name in shared:
        assert f"| `{name}=" in recipe and f"export {name}=" in recipe, name


def test_forms_served_by_one_node_are_accepted_by_the_other_and_moderated_in_one_place(cluster):
    """Twelve posts, each to the other node than the one that served its form."""
    references = []
    for n in range(12):
        served, posted = cluster["nodes"][n % 2], cluster["nodes"][1 - n % 2]
        reader = {"X-Forwarded-For": f"192.0.2.{120 + n}"}
        form = requests.get(f"{served}/signaler?entreprise=maif", headers=reader, timeout=10)
        token = re.search(r'name="jeton" value="([^"]+)"', form.text).group(1)
        sent = requests.post(
            f"{posted}/signaler",
            data={**REPORT, "details": f"Envoi croisé numéro {n}.", "jeton": token},
            headers={"Sec-Fetch-Site": "same-origin", **reader},
            allow_redirects=False,
            timeout=10,
        )
        assert sent.status_code == 303, sent.text
        references.append(sent.headers["Location"].split("?")[0].rsplit("/", 1)[-1])
    listed = moderation(cluster, "list", "--company", "maif")
    assert all(reference in listed for reference in references)


def test_a_chunked_body_over_the_limit_is_refused_whole_by_a_node(cluster):
    """The audit's case: a valid report, then padding past 16 KiB, sent chunked to a node."""
    node = urlsplit(cluster["nodes"][0])
    stored_before = moderation(cluster, "list")
    form = requests.get(f"{cluster['nodes'][0]}/signaler?entreprise=maif", timeout=10)
    token = re.search(r'name="jeton" value="([^"]+)"', form.text).group(1)
    report = urlencode({**REPORT, "details": "Découpé en morceaux, trop long.", "jeton": token})
    chunks = iter([report.encode(), b"&padding=" + b"p" * 10_000, b"p" * 10_000])
    connection = http.client.HTTPConnection(node.hostname, node.port, timeout=10)
    try:
        connection.request("POST", "/signaler", body=chunks, encode_chunked=True, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin",
        })  # fmt: skip
        response = connection.getresponse()
        assert response.status == 413 and response.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        connection.close()
    assert moderation(cluster, "list") == stored_before


def test_three_hundred_parallel_posts_spend_a_budget_exactly_across_both_nodes(cluster):
    """The audit: 300 parallel posts, budget 5, 17 accepted (test, then count, separately)."""
    reader = {"X-Forwarded-For": "192.0.2.200"}
    tokens = []
    for n in range(300):
        form = requests.get(f"{cluster['nodes'][n % 2]}/signaler", headers=reader, timeout=10)
        tokens.append(re.search(r'name="jeton" value="([^"]+)"', form.text).group(1))

    def post(n: int) -> int:
        return requests.post(
            f"{cluster['nodes'][n % 2]}/signaler",
            data={**REPORT, "details": f"Envoi parallèle numéro {n}.", "jeton": tokens[n]},
            headers={"Sec-Fetch-Site": "same-origin", **reader},
            allow_redirects=False,
            timeout=60,
        ).status_code

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(post, range(300)))
    assert statuses.count(303) == CLUSTER_REPORT_BUDGET
    assert statuses.count(429) == 300 - CLUSTER_REPORT_BUDGET
