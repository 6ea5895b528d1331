"""Each page renders for signed-in staff, and each change does what it says (and is audited)."""

from __future__ import annotations

import csv
import io
import re

import yaml

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import load_knowledge
from bot.core.matching import Answer
from bot.core.responder import Responder
from bot.storage.dashboard import DashboardStore
from tests.web.conftest import STAFF, UNANSWERED, Dashboard

PAGES = {
    "": ["Messages per day", "<svg", "Escalations by level", "Helpfulness per topic"],
    "alerts": ["Open (1)", "I'm on it", "Days since treatment", "Mia"],
    "questions": ["can my dog lick my face after", "Add as phrasings", "Write a new answer"],
    "faq": ["Alcohol", "New entry", "Switch off"],
    "faq/new": ["New FAQ entry", 'name="questions"'],
    "faq/entry/alcohol": ["Edit:", "ships with the bot", 'name="answer"'],
    "checkins": ["Check-in answers", "something is wrong", "Mia"],
    "activity": ["sign in"],
}


def assert_every_field_is_labelled(html: str) -> None:
    """Each visible form field has a <label for=...> naming its id."""
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if 'type="hidden"' in tag:
            continue
        field_id = re.search(r'id="([^"]+)"', tag)
        assert field_id is not None, tag
        assert f'<label for="{field_id.group(1)}"' in html, tag


async def test_each_page_renders_with_its_content_and_safe_headers(dashboard: Dashboard) -> None:
    await dashboard.sign_in("riverside")
    for path, expected in PAGES.items():
        response = await dashboard.client.get(f"/dashboard/riverside/{path}")
        assert response.status_code == 200, (path, response.text[:500])
        for text in expected:
            assert text in response.text, (path, text)
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store"
        assert_every_field_is_labelled(response.text)
    css = await dashboard.client.get("/dashboard/static/dashboard.css")
    assert css.status_code == 200 and "focus-visible" in css.text


async def test_pages_show_only_their_own_clinic(dashboard: Dashboard) -> None:
    await dashboard.sign_in("riverside")
    theirs = dashboard.clinics["brooklyn"].alert
    ours = dashboard.clinics["riverside"].alert
    page = (await dashboard.client.get("/dashboard/riverside/alerts")).text
    assert ours.id in page and theirs.id not in page
    assert f"tg://user?id={5000 + STAFF['riverside']}" in page
    assert f"tg://user?id={5000 + STAFF['brooklyn']}" not in page


async def test_acknowledging_an_alert_takes_it_and_tells_the_bot(dashboard: Dashboard) -> None:
    csrf = await dashboard.sign_in("riverside")
    clinic = dashboard.clinics["riverside"]
    response = await dashboard.client.post(
        f"/dashboard/riverside/alerts/{clinic.alert.id}/acknowledge", data={"csrf_token": csrf}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/riverside/alerts?done=acknowledged"
    stored = await dashboard.storage.get_alert(clinic.alert.id)
    assert stored is not None and stored.status == "acknowledged"
    assert stored.acknowledged_by == STAFF["riverside"]
    ((told, name),) = clinic.acknowledged
    assert told.id == clinic.alert.id and told.status == "acknowledged" and name == "Dr Ana"

    page = await dashboard.client.get(response.headers["location"])
    assert "Alert acknowledged" in page.text and "Open (0)" in page.text
    again = await dashboard.client.post(
        f"/dashboard/riverside/alerts/{clinic.alert.id}/acknowledge", data={"csrf_token": csrf}
    )
    assert again.headers["location"].endswith("done=already")
    entries = await DashboardStore.of(dashboard.storage).audit_entries("riverside")
    assert [e.action for e in entries] == ["acknowledge_alert", "sign_in"]
    assert entries[0].target == clinic.alert.id and entries[0].staff_user_id == STAFF["riverside"]
    assert len(clinic.acknowledged) == 1


async def test_adding_a_phrasing_writes_a_valid_override_and_the_bot_answers_it(
    dashboard: Dashboard, responder: Responder
) -> None:
    csrf = await dashboard.sign_in("riverside")
    clinic = dashboard.clinics["riverside"]
    assert not isinstance(responder.matcher.match(UNANSWERED), Answer)
    response = await dashboard.client.post(
        "/dashboard/riverside/questions/add-phrasing",
        data={"csrf_token": csrf, "entry_id": "touching_rubbing_massage", "text": [UNANSWERED]},
    )
    assert response.status_code == 303, response.text

    written = yaml.safe_load((clinic.folder / "faq.yaml").read_text(encoding="utf-8"))
    (entry,) = written["entries"]
    assert entry["id"] == "touching_rubbing_massage" and UNANSWERED in entry["questions"]
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, clinic.folder)  # what `check` runs
    assert UNANSWERED in knowledge.entry("touching_rubbing_massage").questions
    shipped = load_knowledge(DEFAULT_KNOWLEDGE_DIR).entry("touching_rubbing_massage")
    assert len(knowledge.entry("touching_rubbing_massage").questions) == len(shipped.questions) + 1

    (changed,) = clinic.knowledge_changes
    match = Responder(changed).matcher.match(UNANSWERED)
    assert isinstance(match, Answer) and match.entry_id == "touching_rubbing_massage"

    page = await dashboard.client.get("/dashboard/riverside/questions?done=phrasing")
    assert "Answered now" in page.text and "Added." in page.text
    entries = await DashboardStore.of(dashboard.storage).audit_entries("riverside")
    assert entries[0].action == "add_phrasing" and UNANSWERED not in (entries[0].detail or "")
    assert not (dashboard.clinics["brooklyn"].folder / "faq.yaml").exists()


async def test_an_invalid_edit_is_refused_with_the_loaders_words(dashboard: Dashboard) -> None:
    csrf = await dashboard.sign_in("riverside")
    form = await dashboard.client.get("/dashboard/riverside/faq/entry/alcohol")
    version = form.text.split('name="version" value="', 1)[1].split('"', 1)[0]
    response = await dashboard.client.post(
        "/dashboard/riverside/faq/entry/alcohol",
        data={
            "csrf_token": csrf,
            "version": version,
            "category": "aftercare",
            "title": "Alcohol",
            "questions": "one\ntwo\nthree",
            "answer": "",
        },
    )
    assert response.status_code == 422
    assert "riverside/faq.yaml: entry &#39;alcohol&#39;: field &#39;questions&#39;" in response.text
    assert "field &#39;answer&#39; is empty" in response.text
    assert not (dashboard.clinics["riverside"].folder / "faq.yaml").exists()
    assert dashboard.clinics["riverside"].knowledge_changes == []


async def test_changing_an_answer_and_creating_an_entry(dashboard: Dashboard) -> None:
    csrf = await dashboard.sign_in("riverside")
    clinic = dashboard.clinics["riverside"]
    shipped = load_knowledge(DEFAULT_KNOWLEDGE_DIR).entry("alcohol")
    form = await dashboard.client.get("/dashboard/riverside/faq/entry/alcohol")
    version = form.text.split('name="version" value="', 1)[1].split('"', 1)[0]
    data = {
        "csrf_token": csrf,
        "version": version,
        "category": shipped.category,
        "title": shipped.title,
        "questions": "\n".join(shipped.questions),
        "answer": "At our clinic: no alcohol for 24 hours.\nThen in moderation.",
        "related": ", ".join(shipped.related),
        "keywords": "\n".join(shipped.keywords),
    }
    saved = await dashboard.client.post("/dashboard/riverside/faq/entry/alcohol", data=data)
    assert saved.status_code == 303, saved.text
    assert clinic.knowledge_changes[-1].entry("alcohol").answer.startswith("At our clinic")
    written = yaml.safe_load((clinic.folder / "faq.yaml").read_text(encoding="utf-8"))
    assert written["entries"] == [{"id": "alcohol", "answer": data["answer"]}]  # only the change
    stale = await dashboard.client.post("/dashboard/riverside/faq/entry/alcohol", data=data)
    assert stale.status_code == 422 and "changed by someone else" in stale.text

    new = {
        "csrf_token": csrf,
        "id": "pets_after_treatment",
        "category": "aftercare",
        "title": "Pets",
        "questions": "\n".join(
            [
                "can my dog lick my face",
                "can the cat sleep on my pillow",
                "pets after botox",
                "is my dog licking me ok",
                "can i cuddle my dog after injections",
                "pet hair on my face after treatment",
            ]
        ),
        "answer": "Yes, just keep the area clean and do not let anything press on it.",
    }
    created = await dashboard.client.post("/dashboard/riverside/faq/new", data=new)
    assert created.status_code == 303, created.text
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, clinic.folder)
    assert knowledge.entry("pets_after_treatment").title == "Pets"
    duplicate = await dashboard.client.post("/dashboard/riverside/faq/new", data=new)
    assert duplicate.status_code == 422 and "already exists" in duplicate.text


async def test_write_a_new_answer_prefills_the_form(dashboard: Dashboard) -> None:
    csrf = await dashboard.sign_in("riverside")
    draft = await dashboard.client.post(
        "/dashboard/riverside/faq/draft", data={"csrf_token": csrf, "text": [UNANSWERED]}
    )
    assert draft.status_code == 200 and UNANSWERED in draft.text
    assert not (dashboard.clinics["riverside"].folder / "faq.yaml").exists()


async def test_switching_an_entry_off_and_on(dashboard: Dashboard) -> None:
    csrf = await dashboard.sign_in("riverside")
    clinic = dashboard.clinics["riverside"]
    off = await dashboard.client.post(
        "/dashboard/riverside/faq/entry/alcohol/switch",
        data={"csrf_token": csrf, "enabled": "off"},
    )
    assert off.status_code == 303
    written = yaml.safe_load((clinic.folder / "faq.yaml").read_text(encoding="utf-8"))
    assert {"id": "alcohol", "enabled": False} in written["entries"]
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, clinic.folder)
    assert "alcohol" not in {e.id for e in knowledge.faq}
    assert all("alcohol" not in e.related for e in knowledge.faq)
    assert "alcohol" not in {e.id for e in clinic.knowledge_changes[-1].faq}
    on = await dashboard.client.post(
        "/dashboard/riverside/faq/entry/alcohol/switch",
        data={"csrf_token": csrf, "enabled": "on"},
    )
    assert on.status_code == 303
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, clinic.folder)
    assert "alcohol" in {e.id for e in knowledge.faq}


async def test_csv_export_holds_the_figures_and_defuses_formulas(dashboard: Dashboard) -> None:
    await dashboard.sign_in("riverside")
    response = await dashboard.client.get("/dashboard/riverside/export.csv?days=30")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["section", "item", "detail", "count"]
    assert ["totals", "answered", "", "2"] in rows
    assert ["escalations", "urgent", "", "1"] in rows
    assert ["checkins", "day1", "wrong", "1"] in rows
    assert ["unanswered", "'=HYPERLINK(1)", "", "1"] in rows
    assert any(row[0] == "daily" and row[2] == "answered" for row in rows)
    entries = await DashboardStore.of(dashboard.storage).audit_entries("riverside")
    assert entries[0].action == "export_csv"
