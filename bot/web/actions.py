"""The dashboard's changes (POSTs): each checked for CSRF by the caller and audited here."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from starlette.responses import Response

from bot.core.knowledge import Knowledge
from bot.web.faq_editor import FaqEditError
from bot.web.page import Page
from bot.web.pages import entry_form_values, render_entry_form

logger = logging.getLogger(__name__)

MAX_TEXTS = 20
MAX_TEXT_LENGTH = 500


async def logout(page: Page) -> Response:
    session_id = page.app.sessions.session_id(page.request)
    if session_id is not None:
        await page.store.end_session(session_id, now=page.now)
    await page.audit("sign_out")
    response = page.app.render(
        "problem.html",
        title="Signed out",
        message="You are signed out. Send /dashboard to the bot to sign in again.",
        staff=None,
    )
    page.app.sessions.clear_cookie(response, page.clinic.slug)
    return response


async def acknowledge(page: Page) -> Response:
    """ "I'm on it" from the dashboard: the same acknowledgement as the Telegram button."""
    alert_id = str(page.request.path_params["alert_id"])
    alert = await page.store.clinic_alert(page.clinic.slug, alert_id)
    if alert is None:  # unknown, or another clinic's alert: nothing is changed
        return page.app.problem(404, "Not found", "There is no such alert.")
    taken = await page.storage.acknowledge_alert(alert.id, page.session.staff_user_id, page.now)
    if not taken:
        return page.redirect("alerts", "already")
    await page.audit("acknowledge_alert", target=alert.id, detail=alert.level)
    hook = page.clinic.services.on_alert_acknowledged
    updated = await page.storage.get_alert(alert.id)
    if hook is not None and updated is not None:
        try:
            await hook(updated, page.session.staff_name)
        except Exception:  # the acknowledgement stands even if Telegram cannot be told
            logger.exception("dashboard: could not update the staff chat for alert %s", alert.id)
    return page.redirect("alerts", "acknowledged")


async def _edit(page: Page, change: Callable[[], Any]) -> Any:
    """Run an FAQ change in a worker thread, one at a time per clinic, then make it live
    (``page.applied`` says whether the bot uses it now, soon, or from its next start)."""
    async with page.clinic.edit_lock:
        result = await asyncio.to_thread(change)
        knowledge = result[0] if isinstance(result, tuple) else result
        assert isinstance(knowledge, Knowledge)
        hook = page.clinic.services.on_knowledge_changed
        if hook is None:
            page.applied = "restart"
        else:
            try:
                page.applied = "now" if await hook(knowledge) else "soon"
            except Exception:  # saved and valid: the bot's next start uses it
                logger.exception("dashboard: the bot could not take up a FAQ change")
                page.applied = "restart"
    return result


def _texts(page: Page) -> list[str] | None:
    texts = page.fields("text")
    if not texts or len(texts) > MAX_TEXTS or any(len(t) > MAX_TEXT_LENGTH for t in texts):
        return None
    return texts


async def add_phrasing(page: Page) -> Response:
    """Add the chosen unanswered wordings as phrasings of an entry."""
    editor = page.clinic.editor
    entry_id = page.field("entry_id")
    texts = _texts(page)
    if editor is None:
        return page.app.problem(404, "Not found", "This clinic's FAQ cannot be edited here.")
    if texts is None or not entry_id:
        return page.app.problem(
            422, "Nothing added", f"Choose an entry and 1 to {MAX_TEXTS} wordings to add."
        )
    try:
        _, added = await _edit(page, lambda: editor.add_phrasings(entry_id, texts))
    except FaqEditError as exc:
        return page.render(
            "problem.html", status=422, title="Not saved", message="; ".join(exc.problems)
        )
    await page.audit("add_phrasing", target=entry_id, detail=f"{len(added)} wording(s)")
    return page.redirect("questions", "phrasing")


def _entry_from_form(page: Page, entry_id: str, base: dict[str, Any]) -> dict[str, Any]:
    def lines(name: str) -> list[str]:
        return [line.strip() for line in page.field(name).splitlines() if line.strip()]

    entry: dict[str, Any] = {
        "id": entry_id,
        "category": page.field("category"),
        "title": page.field("title"),
        "questions": lines("questions"),
        "answer": page.field("answer"),
    }
    keywords = lines("keywords")
    related = [r.strip() for r in page.field("related").replace("\n", ",").split(",") if r.strip()]
    if keywords:
        entry["keywords"] = keywords
    if related:
        entry["related"] = related
    for kept in ("wait_hours", "mention_day"):  # not on the form: keep what the entry had
        if base.get(kept):
            entry[kept] = base[kept]
    return entry


async def save_entry(page: Page) -> Response:
    editor = page.clinic.editor
    entry_id = str(page.request.path_params["entry_id"])
    if editor is None:
        return page.app.problem(404, "Not found", "This clinic's FAQ cannot be edited here.")
    state = await asyncio.to_thread(editor.current)
    current = state.entry(entry_id)
    if current is None:
        return page.app.problem(404, "Not found", "There is no such FAQ entry.")
    entry = _entry_from_form(page, entry_id, current.model_dump())
    version = page.field("version")
    try:
        await _edit(page, lambda: editor.save_entry(entry, version=version))
    except FaqEditError as exc:
        return await render_entry_form(
            page, entry_form_values(entry), new=False, problems=exc.problems, status=422
        )
    await page.audit("edit_entry", target=entry_id)
    return page.redirect(f"faq/entry/{entry_id}", "saved")


async def create_entry(page: Page) -> Response:
    editor = page.clinic.editor
    if editor is None:
        return page.app.problem(404, "Not found", "This clinic's FAQ cannot be edited here.")
    entry_id = page.field("id")
    entry = _entry_from_form(page, entry_id, {})
    try:
        await _edit(page, lambda: editor.save_entry(entry, new=True))
    except FaqEditError as exc:
        return await render_entry_form(
            page, entry_form_values(entry), new=True, problems=exc.problems, status=422
        )
    await page.audit("create_entry", target=entry_id)
    return page.redirect(f"faq/entry/{entry_id}", "created")


async def switch_entry(page: Page) -> Response:
    editor = page.clinic.editor
    entry_id = str(page.request.path_params["entry_id"])
    if editor is None or (await asyncio.to_thread(editor.current)).entry(entry_id) is None:
        return page.app.problem(404, "Not found", "There is no such FAQ entry.")
    enabled = page.field("enabled") == "on"
    try:
        await _edit(page, lambda: editor.set_enabled(entry_id, enabled))
    except FaqEditError as exc:
        return page.render(
            "problem.html", status=422, title="Not saved", message="; ".join(exc.problems)
        )
    await page.audit("switch_on" if enabled else "switch_off", target=entry_id)
    return page.redirect("faq", "switched_on" if enabled else "switched_off")
