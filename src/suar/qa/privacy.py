"""One person's Q&A data for the privacy export: their questions and upvotes."""

from __future__ import annotations

from typing import Any

from suar.accounts.models import User
from suar.qa.models import Question, QuestionVote


def export_data(user: User) -> dict[str, Any]:
    questions = Question.objects.filter(author=user).select_related("session")
    return {
        "questions": [
            {
                "session": q.session.title,
                "text": q.text,
                "anonymous": q.is_anonymous,
                "status": q.status,
                "answer": q.answer,
                "created_at": q.created_at.isoformat(),
            }
            for q in questions.order_by("created_at")
        ],
        "upvoted_question_ids": list(
            QuestionVote.objects.filter(user=user).values_list("question_id", flat=True)
        ),
    }
