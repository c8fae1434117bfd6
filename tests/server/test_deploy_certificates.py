"""Certificates on several nodes (nginx, two gunicorn nodes, one PostgreSQL, one Redis): a write
through node A is served by node B within seconds, a revocation is refused by both at once,
and the token never reaches a log."""

from __future__ import annotations

import json

import pytest
import requests

from tests.support.certificates import certificate_record
from tests.support.servers import operator_command, wait_for

pytestmark = pytest.mark.server

CERTIFICATE = certificate_record(
    number="RCF-CLUSTER-0001", issued_on="2026-01-15", valid_until="2030-01-14"
)


def certifiers(cluster, *args: str) -> str:
    return operator_command(cluster, "certifiers", *args)


def publish(node: str, token: str, record: dict) -> requests.Response:
    return requests.post(
        f"{node}/api/v1/certificates",
        json={"certificates": [record]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def status(node: str) -> str:
    return requests.get(f"{node}/api/v1/companies/maif", timeout=10).json()["status"]


def test_a_certificate_posted_through_node_a_is_served_by_node_b_and_revocation_is_immediate(
    cluster,
):
    node_a, node_b = cluster["nodes"]
    token = certifiers(cluster, "add", "Certificateur du cluster").strip().splitlines()[-1]
    answer = publish(node_a, token, CERTIFICATE)
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"][0]["result"] == "created"
    assert status(node_a) == "certified", "the writing node serves it at once"
    wait_for(lambda: status(node_b) == "certified", "node B to serve the certificate", 10)
    number = requests.get(f"{node_b}/api/v1/certificates/rcf-cluster-0001", timeout=10)
    assert number.status_code == 200 and number.json()["company"]["slug"] == "maif"

    suspended = {**CERTIFICATE, "status": "suspended", "status_since": "2026-11-01"}
    assert publish(node_b, token, suspended).json()["results"][0]["result"] == "updated"
    wait_for(lambda: status(node_a) == "suspended", "node A to follow node B's write", 10)

    certifiers(cluster, "revoke", "Certificateur du cluster")
    for node in (node_a, node_b, cluster["front"]):
        refused = publish(node, token, CERTIFICATE)
        assert refused.status_code == 401 and "Bearer" in refused.headers["WWW-Authenticate"]
    assert "Certificateur du cluster" in certifiers(cluster, "list")
    logs = [log.read_text(errors="replace") for log in cluster["root"].glob("gunicorn-*.log")]
    assert len(logs) == 2 and all("Booting worker" in log for log in logs), "everything printed"
    assert not any(token in log or token[4:20] in log for log in logs), "the token was logged"


def test_a_batch_over_the_16_kib_body_cap_of_other_routes_goes_through_nginx(cluster):
    token = certifiers(cluster, "add", "Certificateur en gros").strip().splitlines()[-1]
    batch = [
        {
            "number": f"RCF-FRONT-{n:04d}",
            "company": {"slug": f"entreprise-essai-{n}", "name": f"Entreprise d'essai {n}"},
            "status": "active",
            "issued_on": "2026-01-15",
            "valid_until": "2030-01-14",
            "scope": "Service client à distance, par téléphone et par courriel. " * 7,
        }
        for n in range(40)
    ]
    body = json.dumps({"certificates": batch})
    assert len(body.encode()) > 16 * 1024
    answer = requests.post(
        f"{cluster['front']}/api/v1/certificates",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    assert {r["result"] for r in answer.json()["results"]} == {"created"}
