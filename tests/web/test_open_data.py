"""One mark per view decides both how its errors read and who may fetch it (webapp.open_data)."""

from __future__ import annotations

import pytest

from webapp import open_data

JSON_TWINS = {
    "api.search",
    "api.companies",
    "api.company",
    "api.openapi",
    "public.company_json",
    "public.labels_json",
    "exports.register_json",
    "journal.as_json",
    "oembed.oembed",
}
# The certifier API's routes are marked too; tests/web/test_certifier_api.py reads them (the
# bundled register holds no certificate to verify, and publishing is a POST with a token).
CERTIFICATE_ROUTES = {"certificates.certificate", "certificates.publish_certificates"}
# The health check answers JSON to the operator's load balancer, which reads its status code:
# it is neither a twin of a page nor data for other sites.
OPERATOR_JSON = {"ops.healthz"}
OPEN_FILES = {
    "exports.register_csv",
    "exports.feed",
    "exports.sitemap",
    "exports.robots",
    "exports.archived_source",
}
SAMPLE_ARGS = {
    "slug": "maif",
    "reference": "0000000000",
    "number": "RCF-0000",
    "name": "seed-article-fr.txt",
}
SAMPLE_QUERY = {"q": "maif", "url": "http://localhost/entreprises/maif"}
JSON_TYPES = ("application/json", "application/problem+json")


def read_routes(app):
    """Every GET route of the app, with a URL that fills its arguments."""
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            yield (
                rule.endpoint,
                adapter.build(rule.endpoint, {a: SAMPLE_ARGS[a] for a in rule.arguments}),
            )


def marked(app, mark) -> set[str]:
    return {name for name, view in app.view_functions.items() if getattr(view, mark, False)}


def test_the_marks_are_the_json_twins_and_the_open_files(app):
    assert marked(app, "answers_json") == JSON_TWINS | CERTIFICATE_ROUTES
    assert marked(app, "open_to_any_origin") == JSON_TWINS | CERTIFICATE_ROUTES | OPEN_FILES


def test_every_route_that_answers_json_is_marked_a_json_twin(app, client):
    answering_json = {
        endpoint
        for endpoint, url in read_routes(app)
        if client.get(url, query_string=SAMPLE_QUERY).mimetype in JSON_TYPES
    }
    assert answering_json == JSON_TWINS | OPERATOR_JSON | {"certificates.certificate"}


@pytest.mark.parametrize("endpoint", sorted(JSON_TWINS))
def test_every_json_twin_answers_problems_in_json_and_to_any_origin(app, client, endpoint):
    url = dict(read_routes(app))[endpoint]
    too_large = client.get(url, data=b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    refused_method = client.post(url)
    for response, code in ((too_large, 413), (refused_method, 405)):
        assert response.status_code == code
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["status"] == code
        assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("endpoint", sorted(JSON_TWINS | OPEN_FILES))
def test_every_open_route_may_be_read_from_any_origin(app, client, endpoint):
    response = client.get(dict(read_routes(app))[endpoint], query_string=SAMPLE_QUERY)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", ["/", "/entreprises/maif", "/journal", "/labels", "/widget"])
def test_pages_are_not_opened_to_other_origins_and_their_errors_are_pages(app, client, url):
    assert "Access-Control-Allow-Origin" not in client.get(url).headers
    refused = client.post(url)
    assert refused.status_code == 405 and refused.mimetype == "text/html"
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_an_unknown_api_url_answers_a_json_problem_to_any_origin(client):
    response = client.get("/api/v1/nothing-here")
    assert (response.status_code, response.mimetype) == (404, "application/problem+json")
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_new_view_becomes_a_json_twin_by_its_mark_alone(make_app):
    app = make_app()  # not TESTING: the bug must reach the 500 handler, as in production

    @open_data.json_twin
    def probe():
        raise ValueError("a bug in a new JSON route")

    app.add_url_rule("/probe.json", "probe", probe)
    response = app.test_client().get("/probe.json")
    assert (response.status_code, response.mimetype) == (500, "application/problem+json")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
