"""A clinic makes the bot its own by editing YAML: every value shows up where it should."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import yaml

from bot.cli import main
from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import load_knowledge
from bot.core.responder import Responder

NIGHT = datetime(2026, 11, 23, 3, tzinfo=UTC)
DAY = datetime(2026, 11, 23, 15, tzinfo=UTC)  # 10:00 in New York, a Monday


BROOKLYN = [
    *("--name", "Brooklyn Skin & Co", "--bot-name", "Bea"),
    *("--phone", "+1 718 555 0100", "--out-of-hours-phone", "+1 718 555 0199"),
    *("--email", "hello@brooklyn.test", "--address", "10 Atlantic Ave, Brooklyn"),
    *("--booking-url", "https://brooklyn.test/book", "--hours", "mon 09:00-17:00"),
    *("--country", "US", "--timezone", "America/New_York", "--no-input"),
]


def make_clinic(folder: Path) -> Path:
    assert main(["--env-file", "/dev/null", "init-clinic", str(folder), *BROOKLYN]) == 0
    path = folder / "clinic.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["clinic"].update(
        {
            "urgent_care": "your nearest urgent care center",
            "crisis_line": "988",
            "welcome": "We're so glad you chose us.",
            "sign_off": "Take care, the Brooklyn team.",
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_init_clinic_writes_a_clinic_folder_that_validates(tmp_path: Path) -> None:
    folder = tmp_path / "clinics" / "mine"
    assert main(["--env-file", "/dev/null", "init-clinic", str(folder), *BROOKLYN]) == 0
    assert {p.name for p in folder.iterdir()} == {"clinic.yaml", "faq.yaml", "messages.yaml"}
    text = (folder / "clinic.yaml").read_text(encoding="utf-8")
    assert "# " in text  # explained fields
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    assert knowledge.clinic.name == "Brooklyn Skin & Co"
    assert main(["--env-file", "/dev/null", "init-clinic", str(folder), *BROOKLYN]) == 2


def test_every_clinic_value_is_used(tmp_path: Path) -> None:
    folder = make_clinic(tmp_path / "brooklyn")
    responder = Responder(load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder))
    renderer = responder.renderer

    answer = responder.respond("can i go to the gym tonight?").text
    assert "Brooklyn Skin & Co, +1 718 555 0100" in answer
    assert answer.endswith("Take care, the Brooklyn team.")

    emergency = responder.respond("I can't breathe").text
    assert emergency.startswith("Call 911 now.")

    crisis = responder.respond("i want to kill myself").text
    assert "988" in crisis

    urgent_night = responder.respond("my eyelid is drooping", now=NIGHT).text
    assert "+1 718 555 0199" in urgent_night and "urgent care center" in urgent_night
    urgent_day = responder.respond("my eyelid is drooping", now=DAY).text
    assert "Call Brooklyn Skin & Co now on +1 718 555 0100" in urgent_day

    contact = renderer.contact()
    for value in (
        "hello@brooklyn.test",
        "10 Atlantic Ave",
        "https://brooklyn.test/book",
        "Mon 09:00-17:00",
    ):
        assert value in contact
    start = renderer.say(responder.knowledge.messages.start)
    assert "Bea" in start and "Brooklyn Skin & Co" in start and "911" in start


def test_a_clinic_faq_entry_with_a_shipped_id_changes_that_entry(tmp_path: Path) -> None:
    folder = make_clinic(tmp_path / "brooklyn")
    shipped = load_knowledge(DEFAULT_KNOWLEDGE_DIR).entry("exercise_gym")
    own = shipped.model_dump()  # a whole copy still works: its phrasings are the shipped ones
    own["answer"] = "At our clinic: no gym for 48 hours after treatment."
    new_entry = {
        "id": "clinic_gift_vouchers",
        "category": "practical",
        "title": "Gift vouchers",
        "questions": [
            "do you sell gift vouchers",
            "can i buy a voucher for my friend",
            "gift card for treatments",
            "voucher as a present",
            "do you do gift certificates",
            "how do vouchers work",
        ],
        "answer": "Yes, vouchers are available at reception.",
    }
    (folder / "faq.yaml").write_text(
        yaml.safe_dump({"entries": [own, new_entry]}), encoding="utf-8"
    )
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    assert knowledge.entry("exercise_gym").answer.startswith("At our clinic")
    assert knowledge.entry("exercise_gym").questions == shipped.questions
    assert len(knowledge.faq) == len(load_knowledge(DEFAULT_KNOWLEDGE_DIR).faq) + 1
    reply = Responder(knowledge).respond("can i get a gift voucher for my sister?")
    assert reply.topic == "clinic_gift_vouchers"


def test_a_clinic_can_reword_one_message_and_keep_the_rest(tmp_path: Path) -> None:
    folder = make_clinic(tmp_path / "brooklyn")
    (folder / "messages.yaml").write_text(
        "fallback: Not sure about that one, call us on {phone}.\n", encoding="utf-8"
    )
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    assert knowledge.messages.fallback == "Not sure about that one, call us on {phone}."
    assert knowledge.messages.help == load_knowledge(DEFAULT_KNOWLEDGE_DIR).messages.help


def test_a_broken_clinic_file_names_the_clinic_file_and_field(tmp_path: Path) -> None:
    folder = make_clinic(tmp_path / "brooklyn")
    (folder / "faq.yaml").write_text(
        "entries:\n  - id: parking\n    category: practical\n    title: Parking\n"
        "    questions: [a, b, c, d, e, f]\n    answer: ''\n",
        encoding="utf-8",
    )
    data = yaml.safe_load((folder / "clinic.yaml").read_text(encoding="utf-8"))
    data["clinic"]["opening_hours"]["timezone"] = "Mars/Olympus"
    (folder / "clinic.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    try:
        load_knowledge(DEFAULT_KNOWLEDGE_DIR, folder)
    except Exception as exc:
        text = str(exc)
    assert "brooklyn/faq.yaml: entry 'parking': field 'answer' is empty" in text
    assert "clinic.yaml: field 'clinic.opening_hours.timezone' is not a known time zone" in text
