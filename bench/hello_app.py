"""The HTTP baseline: a bare Flask hello-world, served by the same gunicorn command as the site."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"


@app.get("/healthz")
def healthz() -> str:
    """Only so the benchmark can wait for it the way it waits for the site."""
    return "ok"
