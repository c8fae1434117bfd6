"""Every node follows the register versions in the shared database (reports.register_versions).

Before a request, at most once every `REGISTER_SYNC_SECONDS`, a worker asks the database for
the newest version's number (one indexed row); when it is newer than the one this node last
installed, the worker installs it through the one publishing path, and every worker of the
node then switches to the new generation at its next index check (search_index.live). The
question is asked in the worker, never before gunicorn forks; a database that cannot answer
is logged and the node keeps serving what it has.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError

from register.publishing import Installer, PublishError
from reports.register_versions import follow
from search_index.publish import index_installer
from webapp import clock


def init_app(app: Flask) -> None:
    app.extensions["register_follower"] = Follower()
    app.before_request(_follow)


def registry_path() -> Path:
    return Path(current_app.config["REGISTRY_PATH"])


def installer() -> Installer:
    return index_installer(Path(current_app.config["INDEX_DIR"]))


class Follower:
    """When this worker last asked; only one request per worker asks at a time."""

    def __init__(self) -> None:
        self.asked_at = float("-inf")
        self.lock = threading.Lock()

    def due(self, interval: float) -> bool:
        now = time.monotonic()
        if now - self.asked_at < interval or not self.lock.acquire(blocking=False):
            return False
        self.asked_at = now
        return True


def _follow() -> None:
    follower: Follower = current_app.extensions["register_follower"]
    if not follower.due(current_app.config["REGISTER_SYNC_SECONDS"]):
        return
    try:
        version = follow(
            current_app.extensions["reports_db"], registry_path(), installer(), clock.today()
        )
    except (SQLAlchemyError, OSError, PublishError):
        current_app.logger.exception("register versions not followed; serving what this node has")
    else:
        if version is not None:
            current_app.logger.info("installed register version %s", version)
    finally:
        follower.lock.release()
