"""The Flask application factory: wiring only, no business logic."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import Babel
from htmx_flask import Htmx

from search_index import LiveIndex, ensure_index
from webapp import (
    api,
    clock,
    embeds,
    errors,
    exports,
    i18n,
    limits,
    moderation,
    open_data,
    ops,
    proxies,
    public,
    report_form,
    response_policy,
    templating,
)
from webapp.api import docs as api_docs
from webapp.config import PROJECT_ROOT, load_config
from webapp.embeds import oembed
from webapp.public import guide_twin, journal


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(load_config(config))
    ensure_index(app.config["REGISTRY_PATH"], app.config["INDEX_DIR"])
    app.extensions["live_index"] = LiveIndex(
        app.config["INDEX_DIR"], check_interval=app.config["GENERATION_CHECK_SECONDS"]
    )
    Htmx(app)
    Babel(app, locale_selector=i18n.select_locale)
    clock.init_app(app)
    templating.init_app(app)
    response_policy.init_app(app)
    proxies.init_app(app)
    limits.init_app(app)
    errors.init_app(app)
    open_data.init_app(app)
    report_form.init_app(app)
    moderation.init_app(app)
    guide_twin.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(ops.bp)
    app.register_blueprint(embeds.bp)
    app.register_blueprint(api_docs.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(oembed.bp)
    app.register_blueprint(report_form.bp)
    app.register_blueprint(journal.bp)
    return app
