"""The line a reply carries when it goes out long after the patient wrote (issue 16).

An update whose reply Telegram would not take (an outage) stays in the inbox and is tried
again for up to an hour (``bot.serve.inbox.PATIENCE``); so does one a stopped bot finds at
its next start. When the answer finally goes out, the patient should know it is late and
that things may have moved on since, so the reply ends with an apology and an invitation to
write again, in the reply's language. Like the "possible repeat" line (``bot.tg.repeat``)
it describes the bot's own delivery, not the clinic's advice, so the words live here.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import datetime, timedelta

from bot.core.replies import Reply

#: A reply this long after the patient's message says it is late.
LATE_AFTER = timedelta(minutes=5)

LATE: dict[str, str] = {
    "en": "Sorry for the late reply: a technical problem held up your message. If anything "
    "has changed since you wrote, please tell us.",
    "es": "Perdone la respuesta tardía: un problema técnico retuvo su mensaje. Si algo ha "
    "cambiado desde que escribió, díganoslo, por favor.",
    "de": "Entschuldigen Sie die späte Antwort: Ein technisches Problem hat Ihre Nachricht "
    "aufgehalten. Wenn sich seitdem etwas verändert hat, schreiben Sie uns bitte.",
    "fr": "Désolés pour cette réponse tardive : un problème technique a retenu votre message. "
    "Si quelque chose a changé depuis, dites-le-nous, s'il vous plaît.",
    "it": "Ci scusi per la risposta in ritardo: un problema tecnico ha trattenuto il suo "
    "messaggio. Se qualcosa è cambiato da quando ha scritto, ce lo dica, per favore.",
    "pt": "Desculpe a resposta tardia: um problema técnico atrasou a sua mensagem. Se algo "
    "mudou desde que escreveu, diga-nos, por favor.",
}


def late_notice(language: str) -> str:
    """The late-reply line in ``language`` (English when there is none)."""
    return LATE.get(language, LATE["en"])


def is_late(written: datetime | None, now: datetime) -> bool:
    """Whether a reply sent at ``now`` to a message written at ``written`` is late."""
    return written is not None and now - written >= LATE_AFTER


def marked_as_late(reply: Reply) -> Reply:
    """``reply`` with the late-reply line after it, in italics (the advice stays first)."""
    notice = late_notice(reply.language)
    escaped = html.escape(notice, quote=False)
    return replace(
        reply, text=f"{reply.text}\n\n{notice}", html=f"{reply.html}\n\n<i>{escaped}</i>"
    )
