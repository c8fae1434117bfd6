"""The Flask application factory: wiring only, no business logic.

The site-wide machinery is set up first, then each audience registers itself (its blueprints,
commands and start-up checks) with its own `init_app`: adding an audience is one line here.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from htmx_flask import Htmx

from webapp import (
    api,
    certifiers,
    clock,
    embeds,
    errors,
    exports,
    i18n,
    limits,
    memo,
    moderation,
    open_data,
    ops,
    proxies,
    public,
    register_sync,
    report_form,
    response_policy,
    served,
    templating,
)
from webapp.config import PROJECT_ROOT, load_config

# In set-up order: the response policy comes before any blueprint is registered.
SITE_WIDE = (
    served,
    memo,
    register_sync,
    i18n,
    clock,
    templating,
    response_policy,
    proxies,
    limits,
    errors,
    open_data,
)
AUDIENCES = (public, api, embeds, exports, report_form, moderation, certifiers, ops)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(load_config(config))
    Htmx(app)
    for part in SITE_WIDE + AUDIENCES:
        part.init_app(app)
    return app
