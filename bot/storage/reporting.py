"""The clinic's figures, computed in the database: counts only, never a patient's identity."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from bot.storage.engine import DbConnection
from bot.storage.models import (
    ANSWERED,
    CLARIFIED,
    ESCALATION,
    FALLBACK,
    SMALLTALK,
    CheckinAnswers,
    Report,
    Stats,
    TopicFeedback,
    UnansweredQuestion,
)
from bot.storage.schema import checkins, events, feedback, patients, unanswered

_COUNTED_KINDS = (
    ANSWERED,
    CLARIFIED,
    FALLBACK,
    SMALLTALK,
    ESCALATION,
)


async def _count(connection: DbConnection, query: sa.Select[int]) -> int:
    return int((await connection.execute(query)).scalar_one())


async def load_stats(connection: DbConnection, clinic_id: str, since: datetime) -> Stats:
    """Headline counts for ``clinic_id`` from ``since`` (inclusive) onwards."""
    kinds = await connection.execute(
        sa.select(events.c.kind, events.c.level, sa.func.count())
        .where(
            events.c.clinic_id == clinic_id,
            events.c.created_at >= since,
            events.c.kind.in_(_COUNTED_KINDS),
        )
        .group_by(events.c.kind, events.c.level)
    )
    by_kind: dict[str, int] = {}
    escalations: dict[str, int] = {}
    for kind, level, count in kinds:
        by_kind[kind] = by_kind.get(kind, 0) + count
        if kind == ESCALATION:
            key = level or "unknown"
            escalations[key] = escalations.get(key, 0) + count

    votes = await connection.execute(
        sa.select(feedback.c.helpful, sa.func.count())
        .where(feedback.c.clinic_id == clinic_id, feedback.c.created_at >= since)
        .group_by(feedback.c.helpful)
    )
    helpful = {bool(value): count for value, count in votes}

    return Stats(
        clinic_id=clinic_id,
        since=since,
        answered=by_kind.get(ANSWERED, 0),
        clarified=by_kind.get(CLARIFIED, 0),
        fallbacks=by_kind.get(FALLBACK, 0),
        smalltalk=by_kind.get(SMALLTALK, 0),
        escalations_by_level=dict(sorted(escalations.items())),
        helpful=helpful.get(True, 0),
        not_helpful=helpful.get(False, 0),
        unanswered=await _count(
            connection,
            sa.select(sa.func.count()).where(
                unanswered.c.clinic_id == clinic_id, unanswered.c.created_at >= since
            ),
        ),
        checkin_responses=await _count(
            connection,
            sa.select(sa.func.count()).where(
                checkins.c.clinic_id == clinic_id,
                checkins.c.responded_at >= since,
                checkins.c.response.is_not(None),
            ),
        ),
        new_patients=await _count(
            connection,
            sa.select(sa.func.count()).where(
                patients.c.clinic_id == clinic_id, patients.c.first_seen_at >= since
            ),
        ),
    )


async def load_report(
    connection: DbConnection, clinic_id: str, since: datetime, *, top: int
) -> Report:
    """``Stats`` plus feedback per topic, the ``top`` unanswered texts and check-in answers."""
    stats = await load_stats(connection, clinic_id, since)

    topic_rows = await connection.execute(
        sa.select(feedback.c.topic, feedback.c.helpful, sa.func.count())
        .where(feedback.c.clinic_id == clinic_id, feedback.c.created_at >= since)
        .group_by(feedback.c.topic, feedback.c.helpful)
    )
    per_topic: dict[str, list[int]] = {}
    for topic, was_helpful, count in topic_rows:
        per_topic.setdefault(topic, [0, 0])[0 if was_helpful else 1] += count
    by_topic = tuple(
        TopicFeedback(topic=topic, helpful=yes, not_helpful=no)
        for topic, (yes, no) in sorted(per_topic.items(), key=lambda item: (-sum(item[1]), item[0]))
    )

    asked = sa.func.count().label("asked")
    text_rows = await connection.execute(
        sa.select(unanswered.c.text, asked)
        .where(
            unanswered.c.clinic_id == clinic_id,
            unanswered.c.created_at >= since,
            unanswered.c.text.is_not(None),
        )
        .group_by(unanswered.c.text)
        .order_by(asked.desc(), unanswered.c.text)
        .limit(top)
    )
    top_unanswered = tuple(UnansweredQuestion(text=text, count=count) for text, count in text_rows)

    answered = sa.func.count().label("answered")
    answer_rows = await connection.execute(
        sa.select(checkins.c.kind, checkins.c.response, answered)
        .where(
            checkins.c.clinic_id == clinic_id,
            checkins.c.responded_at >= since,
            checkins.c.response.is_not(None),
        )
        .group_by(checkins.c.kind, checkins.c.response)
        .order_by(checkins.c.kind, answered.desc(), checkins.c.response)
    )
    checkin_answers = tuple(
        CheckinAnswers(kind=kind, response=response, count=count)
        for kind, response, count in answer_rows
    )

    return Report(
        stats=stats,
        feedback_by_topic=by_topic,
        top_unanswered=top_unanswered,
        checkin_answers=checkin_answers,
    )
