"""The weekly clinic report: printed as a table, or written as CSV rows. Pure formatting."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from bot.storage import Report


def report_lines(report: Report, days: int) -> list[str]:
    """What a clinic manager wants to read on Monday morning."""
    stats = report.stats
    levels = ", ".join(f"{k} {v}" for k, v in sorted(stats.escalations_by_level.items()))
    lines = [
        f"Aftercare bot report for clinic '{stats.clinic_id}', last {days} days "
        f"(since {stats.since:%Y-%m-%d %H:%M} UTC)",
        "",
        f"Questions answered      {stats.answered}",
        f"Clarifying replies      {stats.clarified}",
        f"Fallbacks (unanswered)  {stats.fallbacks}",
        f"Small talk              {stats.smalltalk}",
        f"Escalations             {stats.escalations} ({levels or 'none'})",
        f"Helpful / not helpful   {stats.helpful} / {stats.not_helpful}",
        f"New patients            {stats.new_patients}",
        f"Check-in answers        {stats.checkin_responses}",
        "",
        "Top unanswered questions:",
    ]
    if report.top_unanswered:
        lines += [f"  {q.count:>4}  {q.text}" for q in report.top_unanswered]
    else:
        lines.append(
            f"  {stats.unanswered} unanswered (texts are kept only with STORE_MESSAGE_TEXT=true)"
        )
    lines += ["", "Helpfulness per FAQ entry (helpful / not helpful):"]
    lines += [f"  {t.topic:<32} {t.helpful} / {t.not_helpful}" for t in report.feedback_by_topic]
    if not report.feedback_by_topic:
        lines.append("  (no feedback yet)")
    lines += ["", "Check-in answers:"]
    lines += [f"  {a.kind:<8} {a.response:<8} {a.count}" for a in report.checkin_answers]
    if not report.checkin_answers:
        lines.append("  (none yet)")
    return lines


def report_rows(report: Report) -> Iterable[tuple[str, str, str, int]]:
    """(section, item, detail, count) rows: one CSV a spreadsheet can pivot."""
    stats = report.stats
    for name in ("answered", "clarified", "fallbacks", "smalltalk", "helpful", "not_helpful"):
        yield ("totals", name, "", int(getattr(stats, name)))
    yield ("totals", "new_patients", "", stats.new_patients)
    yield ("totals", "checkin_responses", "", stats.checkin_responses)
    for level, count in sorted(stats.escalations_by_level.items()):
        yield ("escalations", level, "", count)
    for question in report.top_unanswered:
        yield ("unanswered", question.text, "", question.count)
    for topic in report.feedback_by_topic:
        yield ("feedback", topic.topic, "helpful", topic.helpful)
        yield ("feedback", topic.topic, "not_helpful", topic.not_helpful)
    for answer in report.checkin_answers:
        yield ("checkins", answer.kind, answer.response, answer.count)


def write_csv(report: Report, out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(["section", "item", "detail", "count"])
    writer.writerows(report_rows(report))
