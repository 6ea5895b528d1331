"""One typed codec for button data: every payload round-trips on the old wire format."""

from __future__ import annotations

import pytest

from bot.tg.callbacks import (
    AckAlert,
    Browse,
    Callback,
    CheckinReply,
    Feedback,
    Forget,
    NoneOfThese,
    ShowAnswer,
    TreatedAgo,
    TreatedArea,
    decode,
    encode,
)


@pytest.mark.parametrize(
    ("payload", "wire"),
    [
        (Browse(), "t:"),
        (Browse("aftercare"), "t:aftercare"),
        (ShowAnswer("exercise_gym"), "f:exercise_gym"),
        (Feedback("alcohol", helpful=True), "h:1:alcohol"),
        (Feedback("alcohol", helpful=False), "h:0:alcohol"),
        (NoneOfThese(), "n"),
        (TreatedAgo(2), "tr:2"),
        (TreatedAgo(None), "tr:pick"),
        (TreatedArea("forehead"), "ta:forehead"),
        (CheckinReply(12, "ok"), "ci:12:ok"),
        (Forget(True), "fg:yes"),
        (Forget(False), "fg:no"),
        (AckAlert("abc123"), "a:abc123"),
    ],
)
def test_payloads_round_trip_on_the_wire_format(payload: Callback, wire: str) -> None:
    assert encode(payload) == wire
    assert decode(wire) == payload


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "zz:1",
        "tr:soon",
        "ci:x:ok",
        "h:2:alcohol",
        "f:",
        # forged by hand: every one of these used to raise inside a handler
        "ci:1",
        "ci:",
        "ci:1:",
        "ci:1:maybe",
        "ci:99999999999999999999:ok",
        "ci:-1:ok",
        "tr:abc",
        "tr:99999999999",
        "tr:-1",
        "tr:\u0663",  # an Arabic-Indic digit: isdigit() but not ours
        "fg:maybe",
        "ta:",
        "ta:<b>x</b>",
        "f:../../etc",
        "a:",
        "t:" + "x" * 70,
        "x" * 65,
    ],
)
def test_foreign_or_forged_data_decodes_to_none(data: str | None) -> None:
    assert decode(data) is None


def test_data_over_telegrams_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode(ShowAnswer("x" * 80))
