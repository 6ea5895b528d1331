"""The line an escalation carries when it is sent again after a crash (``bot.tg.journal``).

An escalation reply that left but was never confirmed by the Bot API is sent again after a
restart: the first copy may or may not have reached the patient, and a repeat of safety
advice is harmless where a lost one is not. The copy says so, in the language of the reply,
at the end so that the action ("Call 999 now") stays the first line. The texts live here
rather than in ``knowledge/messages.yaml``: like the staff alert's "possible repeat" line
(``bot.tg.alerts``) they describe the bot's own delivery, not the clinic's advice.
"""

from __future__ import annotations

import html
from dataclasses import replace

from bot.core.replies import Reply

POSSIBLE_REPEAT: dict[str, str] = {
    "en": "Sent again after a technical interruption: you may already have received this message.",
    "es": "Enviado de nuevo tras una interrupción técnica: puede que ya haya recibido este "
    "mensaje.",
    "de": "Nach einer technischen Unterbrechung erneut gesendet: Vielleicht haben Sie diese "
    "Nachricht schon erhalten.",
    "fr": "Renvoyé après une interruption technique : vous avez peut-être déjà reçu ce message.",
    "it": "Inviato di nuovo dopo un'interruzione tecnica: potrebbe aver già ricevuto questo "
    "messaggio.",
    "pt": "Enviado de novo após uma interrupção técnica: pode já ter recebido esta mensagem.",
}


def repeat_notice(language: str) -> str:
    """The "possible repeat" line in ``language`` (English when there is none)."""
    return POSSIBLE_REPEAT.get(language, POSSIBLE_REPEAT["en"])


def marked_as_repeat(reply: Reply) -> Reply:
    """``reply`` with the possible-repeat line after it, in italics."""
    notice = repeat_notice(reply.language)
    escaped = html.escape(notice, quote=False)
    return replace(
        reply, text=f"{reply.text}\n\n{notice}", html=f"{reply.html}\n\n<i>{escaped}</i>"
    )
