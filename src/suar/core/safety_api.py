"""`POST /api/v1/safety/analyze`: the safety engine over HTTP, for signed-in members."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from suar.accounts.permissions import require_perm
from suar.accounts.roles import Perm
from suar.safety import analyze
from suar.safety.report import Context

router = Router(tags=["safety"])

MAX_CHARS = 100_000  # a post or story; longer texts go through the CLI or a task


class AnalyzeIn(Schema):
    text: str = Field(max_length=MAX_CHARS)
    lang: str | None = Field(default=None, pattern="^(id|en)$")
    context: Context = Context.POST


@router.post("/analyze")
def analyze_text(request: HttpRequest, payload: AnalyzeIn) -> dict[str, Any]:
    require_perm(request.user, Perm.VIEW_COMMUNITY)
    try:
        report = analyze(payload.text, lang=payload.lang, context=payload.context)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc
    return report.to_dict()
