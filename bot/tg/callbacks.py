"""One typed codec for every button's callback data (under Telegram's 64 bytes).

Each payload is a frozen dataclass with its own prefix; ``encode`` writes it and ``decode``
reads it back, returning None for anything else (old or forged buttons). The wire format is
the one buttons already sent to patients carry, so they keep working:

    Browse        ``t:`` subjects, ``t:<category>`` questions in a subject
    ShowAnswer    ``f:<entry>``          Feedback     ``h:1:<entry>`` / ``h:0:<entry>``
    NoneOfThese   ``n``                  TreatedAgo   ``tr:<days>`` / ``tr:pick``
    TreatedArea   ``ta:<area>``          CheckinReply ``ci:<id>:<ok|q|wrong>``
    Forget        ``fg:yes`` / ``fg:no``  AckAlert     ``a:<alert id>``
"""

from __future__ import annotations

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
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_LIMIT} bytes: {data!r}")
    return data


def decode(data: object) -> Callback | None:
    """Read our own callback data; anything else is None."""
    if not isinstance(data, str) or not data:
        return None
    if data == "n":
        return NoneOfThese()
    prefix, _, rest = data.partition(":")
    if not _:
        return None
    if prefix == "t":
        return Browse(rest)
    if prefix == "f" and rest:
        return ShowAnswer(rest)
    if prefix == "h" and rest[:2] in {"1:", "0:"} and rest[2:]:
        return Feedback(rest[2:], helpful=rest[0] == "1")
    if prefix == "tr":
        if rest == "pick":
            return TreatedAgo(None)
        return TreatedAgo(int(rest)) if rest.isdigit() else None
    if prefix == "ta" and rest:
        return TreatedArea(rest)
    if prefix == "ci":
        checkin_id, _, answer = rest.partition(":")
        return CheckinReply(int(checkin_id), answer) if checkin_id.isdigit() else None
    if prefix == "fg":
        return Forget(rest == "yes")
    if prefix == "a" and rest:
        return AckAlert(rest)
    return None


def matches(*kinds: type[Callback]) -> Callable[[object], bool]:
    """A ``CallbackQueryHandler`` pattern: True for callback data of these payload types."""
    return lambda data: isinstance(decode(data), kinds)
