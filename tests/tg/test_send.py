"""Delivery retries passing faults with back-off and never repeats a possibly-sent message."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.tg.send import DeliveryFailed, RetryPolicy, deliver


class Flaky:
    """Fails with the given errors in turn, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "sent"


def timed_out(cause: Exception) -> TimedOut:
    error = TimedOut()
    error.__cause__ = cause
    return error


async def no_wait(waits: list[float], seconds: float) -> None:
    waits.append(seconds)


async def test_server_errors_are_retried_with_growing_delays() -> None:
    send = Flaky(NetworkError("500"), NetworkError("502"), NetworkError("reset"))
    waits: list[float] = []
    result = await deliver(
        send, RetryPolicy(attempts=5, first_delay=0.5), sleep=lambda s: no_wait(waits, s)
    )
    assert result == "sent"
    assert send.calls == 4
    assert waits == [0.5, 1.0, 2.0]


async def test_429_waits_for_retry_after() -> None:
    send = Flaky(RetryAfter(timedelta(seconds=3)))
    waits: list[float] = []
    assert await deliver(send, sleep=lambda s: no_wait(waits, s)) == "sent"
    assert waits == [3.0]


async def test_a_read_timeout_is_not_repeated() -> None:
    send = Flaky(timed_out(httpx.ReadTimeout("slow")))
    assert await deliver(send, sleep=lambda s: no_wait([], s)) is None
    assert send.calls == 1


async def test_a_connect_timeout_is_retried() -> None:
    send = Flaky(timed_out(httpx.ConnectTimeout("down")))
    assert await deliver(send, sleep=lambda s: no_wait([], s)) == "sent"
    assert send.calls == 2


async def test_bad_requests_are_not_retried() -> None:
    send = Flaky(BadRequest("Chat not found"))
    with pytest.raises(BadRequest):
        await deliver(send, sleep=lambda s: no_wait([], s))
    assert send.calls == 1


async def test_giving_up_is_an_error_the_caller_sees() -> None:
    send = Flaky(*[NetworkError("500")] * 10)
    with pytest.raises(DeliveryFailed):
        await deliver(send, RetryPolicy(attempts=3), sleep=lambda s: no_wait([], s))
    assert send.calls == 3
