"""Over the fake Bot API: a US clinic's patients are sent to US services, never the UK's."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import DEFAULT_KNOWLEDGE_DIR
from bot.core.knowledge import load_knowledge
from bot.core.responder import Responder
from tests.core.clinics import US_CLINIC, write_clinic
from tests.fakes import FakeBotApi
from tests.telegram_harness import running_bot

UK_ROUTES = re.compile(r"\b(999|111|NHS|Samaritans|Yellow Card|MHRA)\b", re.I)


async def test_a_us_clinics_urgent_and_emergency_replies_name_its_own_routes(
    fake: FakeBotApi, tmp_path: Path
) -> None:
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE_DIR, write_clinic(tmp_path / "ny", US_CLINIC))
    assert knowledge.country is not None
    urgent_care = knowledge.country.urgent_care["en"]
    async with running_bot(fake, Responder(knowledge)):
        # Three patients (a conversation after a red flag is about that red flag).
        urgent_text = "my eyelid has been drooping since yesterday"
        fake.push_update(fake.text_message(urgent_text, chat_id=1, user_id=1))
        (urgent,) = await fake.wait_for("sendMessage")
        emergency_text = "i cant breathe and my throat is swelling"
        fake.push_update(fake.text_message(emergency_text, chat_id=2, user_id=2))
        _, emergency = await fake.wait_for("sendMessage", count=2)
        fake.push_update(fake.text_message("what are your opening hours?", chat_id=3, user_id=3))
        *_, contact = await fake.wait_for("sendMessage", count=3)

    text = urgent.params["text"]
    assert text.startswith("<b>") and urgent_care in text  # its urgent-care route
    assert "+1 718 555 0199" in text or "+1 718 555 0100" in text
    assert UK_ROUTES.search(text) is None
    assert emergency.params["text"].startswith("<b>Call 911 now.</b>")
    assert UK_ROUTES.search(emergency.params["text"]) is None
    hours = contact.params["text"]
    assert "Mon 09:00-17:00" in hours and "10 Atlantic Ave, Brooklyn" in hours
    assert "https://brooklyn-skin.test/book" in hours and urgent_care in hours
    assert UK_ROUTES.search(hours) is None
