"""The production web server: gunicorn serving Suar's WSGI app, static files via WhiteNoise."""

from __future__ import annotations

import re
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

# Paths that carry a one-time secret (the password-reset link) must not reach the logs.
SECRET_PATHS = re.compile(r"(/akun/sandi/atur/)[^/]+/[^/ ]+")


class RedactingLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key in ("U", "r"):
            if isinstance(atoms.get(key), str):
                atoms[key] = SECRET_PATHS.sub(r"\1[redacted]", atoms[key])
        return atoms


class SuarServer(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from suar.wsgi import application

        return application


def run_gunicorn(*, host: str, port: int, workers: int) -> None:
    SuarServer(
        {
            "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": 4,
            "timeout": 60,
            "accesslog": "-",
            "logger_class": RedactingLogger,
            # No query strings in the access log: they can hold tokens (password reset links).
            "access_log_format": '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        }
    ).run()
