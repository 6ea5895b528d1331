"""The dashboard's pages (reads): overview, alerts, questions, FAQ, check-ins, activity, CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import Any

from starlette.responses import Response

from bot.core.knowledge import Category, FaqEntry
from bot.report import report_rows
from bot.storage.dashboard import AlertView, DailyCount
from bot.storage.models import Alert, Report
from bot.web.charts import Chart, Series, bars, columns_by_day
from bot.web.faq_editor import FaqState, entry_to_dict
from bot.web.grouping import group_questions
from bot.web.page import SECURITY_HEADERS, Page

MESSAGE_KINDS = ("answered", "clarified", "fallback", "smalltalk", "escalation")
CHECKIN_ANSWERS = {"ok": "all good", "q": "a question", "wrong": "something is wrong"}
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]


def checkin_label(kind: str) -> str:
    """A check-in's kind as staff read it: ``day3`` is "Day 3 check-in"."""
    match = re.fullmatch(r"day(\d+)", kind)
    return f"Day {match.group(1)} check-in" if match else kind.replace("_", " ")


def _day_range(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def overview_charts(
    report: Report, daily: Sequence[DailyCount], days: Sequence[date], titles: dict[str, str]
) -> list[Chart]:
    """The five overview charts, from the report and the per-day counts."""
    stats = report.stats
    per_day = {(c.day, c.kind): c.count for c in daily}
    charts = [
        columns_by_day(
            "Messages per day",
            "Patients' messages per day, by what the bot did with them.",
            days,
            [Series(k, tuple(per_day.get((d, k), 0) for d in days)) for k in MESSAGE_KINDS],
        ),
        bars(
            "Escalations by level",
            "Messages triaged as an emergency or as urgent.",
            ["emergency", "urgent"],
            [
                Series(
                    "escalations",
                    tuple(stats.escalations_by_level.get(k, 0) for k in ("emergency", "urgent")),
                    "#B00020",
                )
            ],
        ),
        bars(
            "Answered and unanswered",
            "Questions answered outright, answered after a clarifying choice, or not answered.",
            ["questions"],
            [
                Series("answered", (stats.answered,)),
                Series("clarified", (stats.clarified,)),
                Series("fallback", (stats.fallbacks,)),
            ],
        ),
    ]
    topics = report.feedback_by_topic[:12]
    charts.append(
        bars(
            "Helpfulness per topic",
            "Patients' Helpful and Not helpful votes on each FAQ answer.",
            [titles.get(t.topic, t.topic) for t in topics],
            [
                Series("helpful", tuple(t.helpful for t in topics)),
                Series("not helpful", tuple(t.not_helpful for t in topics)),
            ],
        )
    )
    kinds = sorted({a.kind for a in report.checkin_answers}, key=lambda k: (len(k), k))
    answers = {(a.kind, a.response): a.count for a in report.checkin_answers}
    charts.append(
        bars(
            "Check-in answers",
            "How patients answered each check-in after treatment.",
            [checkin_label(k) for k in kinds],
            [
                Series(label, tuple(answers.get((k, code), 0) for k in kinds))
                for code, label in CHECKIN_ANSWERS.items()
            ],
        )
    )
    return charts


async def overview(page: Page) -> Response:
    days = page.days()
    since = page.now - timedelta(days=days)
    report = await page.storage.report(page.clinic.slug, since, top=0)
    daily = await page.store.messages_per_day(page.clinic.slug, since, page.zone)
    today = page.now.astimezone(page.zone).date()
    titles = {entry.id: entry.title for entry in page.knowledge.faq}
    stats = report.stats
    questions = stats.answered + stats.clarified + stats.fallbacks
    return page.render(
        "overview.html",
        title="Overview",
        nav="overview",
        days=days,
        stats=stats,
        answered_rate=round(100 * (stats.answered + stats.clarified) / questions)
        if questions
        else None,
        open_alerts=await page.store.open_alert_count(page.clinic.slug),
        charts=overview_charts(
            report, daily, _day_range(today - timedelta(days=days - 1), today), titles
        ),
    )


@dataclass(frozen=True, slots=True)
class AlertRow:
    """One alert as the alerts page shows it."""

    alert: Alert
    flags: str
    days: int | None
    taken_by: str = ""


def days_since_treatment(view: AlertView, today: date, zone: tzinfo) -> int | None:
    """Days since treatment today: from the patient's date, else from the alert's count."""
    if view.treated_on is not None:
        return (today - view.treated_on).days
    alert = view.alert
    if alert.days_since_treatment is None:
        return None
    return alert.days_since_treatment + (today - alert.created_at.astimezone(zone).date()).days


async def alerts(page: Page) -> Response:
    views = await page.store.alerts(
        page.clinic.slug, acknowledged_since=page.now - timedelta(days=30)
    )
    names = {flag.id: flag.name.get("en", flag.id) for flag in page.knowledge.red_flags}
    today = page.now.astimezone(page.zone).date()
    # Who took an alert on the dashboard is in the audit log; the "I'm on it" button in
    # Telegram leaves only the user id.
    takers = {
        entry.target: entry.staff_name
        for entry in await page.store.audit_entries(page.clinic.slug)
        if entry.action == "acknowledge_alert"
    }
    rows = [
        AlertRow(
            alert=view.alert,
            flags=", ".join(names.get(f, f) for f in view.alert.flag_ids),
            days=days_since_treatment(view, today, page.zone),
            taken_by=takers.get(view.alert.id)
            or f"Telegram user {view.alert.acknowledged_by} (in the staff chat)",
        )
        for view in views
    ]
    return page.render(
        "alerts.html",
        title="Alerts",
        nav="alerts",
        open_rows=[r for r in rows if r.alert.status != "acknowledged"],
        done_rows=[r for r in rows if r.alert.status == "acknowledged"],
    )


async def questions(page: Page) -> Response:
    days = page.days()
    texts, without_text = await page.store.unanswered_texts(
        page.clinic.slug, page.now - timedelta(days=days)
    )
    groups = group_questions(texts, page.responder)
    return page.render(
        "questions.html",
        title="Unanswered questions",
        nav="questions",
        days=days,
        groups=[g for g in groups if g.answered_now_by is None],
        solved=[g for g in groups if g.answered_now_by is not None],
        without_text=without_text,
        keeps_text=page.clinic.services.store_message_text,
        entries=sorted(page.knowledge.faq, key=lambda e: e.title.casefold()),
        titles={e.id: e.title for e in page.knowledge.faq},
    )


async def _state(page: Page) -> FaqState | None:
    """The clinic's FAQ as the editor sees it (read in a worker thread: it loads YAML)."""
    editor = page.clinic.editor
    return await asyncio.to_thread(editor.current) if editor is not None else None


async def faq(page: Page) -> Response:
    state = await _state(page)
    if state is None:
        entries = [(e, "shipped", True) for e in page.knowledge.faq]
    else:
        entries = [
            (
                e,
                ("changed" if e.id in state.shipped_ids else "own")
                if state.is_own(e.id)
                else "shipped",
                e.id not in state.disabled,
            )
            for e in state.entries
        ]
    entries.sort(key=lambda item: (item[0].category, item[0].title.casefold()))
    return page.render(
        "faq.html", title="FAQ", nav="faq", entries=entries, version=state.version if state else ""
    )


def entry_form_values(entry: FaqEntry | dict[str, Any] | None) -> dict[str, str]:
    """Form fields for an entry: lists become one item per line."""
    data = entry_to_dict(entry) if isinstance(entry, FaqEntry) else dict(entry or {})
    return {
        "id": str(data.get("id", "")),
        "category": str(data.get("category", "aftercare")),
        "title": str(data.get("title", "")),
        "questions": "\n".join(data.get("questions") or []),
        "keywords": "\n".join(data.get("keywords") or []),
        "answer": str(data.get("answer", "")),
        "related": ", ".join(data.get("related") or []),
    }


async def render_entry_form(
    page: Page,
    values: dict[str, str],
    *,
    new: bool,
    problems: Iterable[str] = (),
    status: int = 200,
    enabled: bool = True,
    source: str = "own",
) -> Response:
    state = await _state(page)
    return page.render(
        "entry.html",
        status=status,
        title="New FAQ entry" if new else f"Edit: {values['title'] or values['id']}",
        nav="faq",
        new=new,
        values=values,
        problems=list(problems),
        categories=CATEGORIES,
        version=state.version if state else "",
        enabled=enabled,
        source=source,
    )


async def edit_entry(page: Page) -> Response:
    entry_id = str(page.request.path_params["entry_id"])
    state = await _state(page)
    entry = state.entry(entry_id) if state is not None else None
    if state is None or entry is None:
        return page.app.problem(404, "Not found", "There is no such FAQ entry.")
    own = state.is_own(entry_id)
    source = ("changed" if entry_id in state.shipped_ids else "own") if own else "shipped"
    return await render_entry_form(
        page,
        entry_form_values(entry),
        new=False,
        enabled=entry_id not in state.disabled,
        source=source,
    )


async def new_entry(page: Page) -> Response:
    if page.clinic.editor is None:
        return page.app.problem(404, "Not found", "This clinic's FAQ cannot be edited here.")
    return await render_entry_form(page, entry_form_values(None), new=True)


async def draft_entry(page: Page) -> Response:
    """ "Write a new answer" for a group of questions: the new-entry form, pre-filled."""
    if page.clinic.editor is None:
        return page.app.problem(404, "Not found", "This clinic's FAQ cannot be edited here.")
    values = entry_form_values(None)
    values["questions"] = "\n".join(page.fields("text")[:20])
    return await render_entry_form(page, values, new=True)


async def checkins(page: Page) -> Response:
    days = page.days()
    since = page.now - timedelta(days=days)
    report = await page.storage.report(page.clinic.slug, since, top=0)
    chart = overview_charts(report, [], [], {})[-1]
    rows = await page.store.recent_checkins(page.clinic.slug, since)
    return page.render(
        "checkins.html",
        title="Check-ins",
        nav="checkins",
        days=days,
        answers_chart=chart,
        rows=rows,
        answers=CHECKIN_ANSWERS,
    )


async def activity(page: Page) -> Response:
    entries = await page.store.audit_entries(page.clinic.slug)
    return page.render("activity.html", title="Activity", nav="activity", entries=entries)


def _cell(value: object) -> object:
    """Keep spreadsheet apps from running a patient's text as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


async def export_csv(page: Page) -> Response:
    days = page.days()
    since = page.now - timedelta(days=days)
    report = await page.storage.report(page.clinic.slug, since, top=100)
    daily = await page.store.messages_per_day(page.clinic.slug, since, page.zone)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "item", "detail", "count"])
    for row in report_rows(report):
        writer.writerow([_cell(v) for v in row])
    for count in daily:
        writer.writerow(["daily", count.day.isoformat(), count.kind, count.count])
    await page.audit("export_csv", detail=f"last {days} days")
    today = page.now.astimezone(page.zone).date().isoformat()
    filename = f"aftercare-{page.clinic.slug}-{today}.csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{filename}"'},
    )
