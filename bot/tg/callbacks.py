"""One typed codec for every button's callback data (under Telegram's 64 bytes).

Each payload is a frozen dataclass with its own prefix; ``encode`` writes it and ``decode``
reads it back, returning None for anything else (old or forged buttons). The wire format is
the one buttons already sent to patients carry, so they keep working:

    Browse        ``t:`` subjects, ``t:<category>`` questions in a subject
    ShowAnswer    ``f:<entry>``          Feedback     ``h:1:<entry>`` / ``h:0:<entry>``
    NoneOfThese   ``n``                  TreatedAgo   ``tr:<days>`` / ``tr:pick``
    TreatedArea   ``ta:<area>``          CheckinReply ``ci:<id>:<ok|q|wrong>``
    Forget        ``fg:yes`` / ``fg:no``  AckAlert     ``a:<alert id>``
    ChooseLanguage ``lg:<code>``
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

CALLBACK_LIMIT = 64


@dataclass(frozen=True, slots=True)
class Browse:
    category: str = ""  # "" = the list of subjects


@dataclass(frozen=True, slots=True)
class ShowAnswer:
    entry_id: str


@dataclass(frozen=True, slots=True)
class Feedback:
    entry_id: str
    helpful: bool


@dataclass(frozen=True, slots=True)
class NoneOfThese:
    pass


@dataclass(frozen=True, slots=True)
class TreatedAgo:
    days: int | None  # None = "pick a date": the patient types it


@dataclass(frozen=True, slots=True)
class TreatedArea:
    area: str


@dataclass(frozen=True, slots=True)
class CheckinReply:
    checkin_id: int
    answer: str


@dataclass(frozen=True, slots=True)
class Forget:
    confirmed: bool


@dataclass(frozen=True, slots=True)
class AckAlert:
    alert_id: str


@dataclass(frozen=True, slots=True)
class ChooseLanguage:
    language: str  # a two-letter code the clinic enabled


Callback = (
    Browse
    | ShowAnswer
    | Feedback
    | NoneOfThese
    | TreatedAgo
    | TreatedArea
    | CheckinReply
    | Forget
    | AckAlert
    | ChooseLanguage
)


def encode(callback: Callback) -> str:
    """The callback data for a payload; raises ValueError over Telegram's 64-byte limit."""
    match callback:
        case Browse(category):
            data = f"t:{category}"
        case ShowAnswer(entry_id):
            data = f"f:{entry_id}"
        case Feedback(entry_id, helpful):
            data = f"h:{int(helpful)}:{entry_id}"
        case NoneOfThese():
            data = "n"
        case TreatedAgo(days):
            data = f"tr:{'pick' if days is None else days}"
        case TreatedArea(area):
            data = f"ta:{area}"
        case CheckinReply(checkin_id, answer):
            data = f"ci:{checkin_id}:{answer}"
        case Forget(confirmed):
            data = f"fg:{'yes' if confirmed else 'no'}"
        case AckAlert(alert_id):
            data = f"a:{alert_id}"
        case ChooseLanguage(language):
            data = f"lg:{language}"
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data!r}")
    return data


#: Ids inside button data (FAQ entries, subjects, areas, alerts): short ASCII names.
_NAME = re.compile(r"[A-Za-z0-9_-]{1,60}", re.ASCII)
#: The furthest back a "days ago" button can go; the keyboard offers 0 to 3.
MAX_DAYS_AGO = 366
#: Row ids are 64-bit integers in the database.
MAX_ROW_ID = 2**63 - 1
CHECKIN_ANSWERS = frozenset({"ok", "q", "wrong"})


def decode(data: object) -> Callback | None:
    """Read our own callback data; anything else is None.

    Button data comes from the patient's client and can be forged, so every field is checked
    here, once: names are short ASCII ids, numbers are small non-negative integers (no
    ``tr:99999999999`` overflowing a date, no id beyond a database integer), check-in
    answers are one of three. A handler never sees a payload it could choke on.
    """
    if not isinstance(data, str) or not data or len(data) > CALLBACK_LIMIT:
        return None
    if data == "n":
        return NoneOfThese()
    prefix, colon, rest = data.partition(":")
    if not colon:
        return None
    if prefix == "t" and (not rest or _is_name(rest)):
        return Browse(rest)
    if prefix == "f" and _is_name(rest):
        return ShowAnswer(rest)
    if prefix == "h" and rest[:2] in {"1:", "0:"} and _is_name(rest[2:]):
        return Feedback(rest[2:], helpful=rest[0] == "1")
    if prefix == "tr":
        if rest == "pick":
            return TreatedAgo(None)
        days = _number(rest, MAX_DAYS_AGO)
        return None if days is None else TreatedAgo(days)
    if prefix == "ta" and _is_name(rest):
        return TreatedArea(rest)
    if prefix == "ci":
        number, _, answer = rest.partition(":")
        checkin_id = _number(number, MAX_ROW_ID)
        if checkin_id is None or answer not in CHECKIN_ANSWERS:
            return None
        return CheckinReply(checkin_id, answer)
    if prefix == "fg" and rest in {"yes", "no"}:
        return Forget(rest == "yes")
    if prefix == "a" and _is_name(rest):
        return AckAlert(rest)
    if prefix == "lg" and len(rest) == 2 and rest.isascii() and rest.isalpha():
        return ChooseLanguage(rest.lower())
    return None


def _is_name(text: str) -> bool:
    return _NAME.fullmatch(text) is not None


def _number(text: str, maximum: int) -> int | None:
    """A plain decimal integer from 0 to ``maximum`` (no sign, no spaces, no other digits)."""
    if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= maximum else None


def matches(*kinds: type[Callback]) -> Callable[[object], bool]:
    """A ``CallbackQueryHandler`` pattern: True for callback data of these payload types."""
    return lambda data: isinstance(decode(data), kinds)
