"""One request a person confirmed on a platform (hide a comment, block its author), and what
to remember of its outcome: done, not supported (the platform refuses that as such), or failed
with the platform's reason."""

from __future__ import annotations

from collections.abc import Callable

from suar.publishing.adapters import AuthError, NotSupported, PublishError

DONE = "done"
NOT_SUPPORTED = "not_supported"
FAILED = "failed"


def ask(call: Callable[[], object]) -> tuple[str, str]:
    """(outcome, message) of `call`; the two models' states share NOT_SUPPORTED and FAILED."""
    try:
        call()
    except NotSupported as exc:
        return NOT_SUPPORTED, str(exc)
    except AuthError as exc:
        return FAILED, f"access to the account was refused: {exc.message}"
    except PublishError as exc:
        return FAILED, exc.message
    return DONE, ""
