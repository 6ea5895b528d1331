"""The writer queue: one writer at a time, a reply's journal write ahead of those waiting."""

from __future__ import annotations

import asyncio

from bot.storage.writer import WriterQueue


async def _write(queue: WriterQueue, name: str, order: list[str], *, first: bool = False) -> None:
    async with queue.turn(first=first):
        order.append(f"{name} in")
        await asyncio.sleep(0.01)
        order.append(f"{name} out")


async def test_a_journal_write_goes_ahead_of_the_writes_already_waiting() -> None:
    queue = WriterQueue()
    order: list[str] = []
    holder = asyncio.create_task(_write(queue, "receive 1", order))
    await asyncio.sleep(0)  # it holds the lock now
    waiting = [asyncio.create_task(_write(queue, f"receive {n}", order)) for n in (2, 3)]
    await asyncio.sleep(0)
    note = asyncio.create_task(_write(queue, "clear", order, first=True))
    await asyncio.gather(holder, *waiting, note)
    assert order == [
        "receive 1 in", "receive 1 out",  # the holder is never interrupted
        "clear in", "clear out",
        "receive 2 in", "receive 2 out", "receive 3 in", "receive 3 out",
    ]  # fmt: skip


async def test_one_writer_at_a_time_in_arrival_order_within_a_class() -> None:
    queue = WriterQueue()
    order: list[str] = []
    inside = 0
    most = 0

    async def counted(name: str, first: bool) -> None:
        nonlocal inside, most
        async with queue.turn(first=first):
            inside += 1
            most = max(most, inside)
            order.append(name)
            await asyncio.sleep(0)
            inside -= 1

    tasks = [asyncio.create_task(counted(f"w{n}", n % 3 == 0)) for n in range(12)]
    await asyncio.gather(*tasks)
    assert most == 1
    assert order[0] == "w0"  # found the lock free
    firsts = [name for name in order[1:] if int(name[1:]) % 3 == 0]
    assert order[1 : 1 + len(firsts)] == firsts == ["w3", "w6", "w9"]
    assert queue.waiting == 0


async def test_a_cancelled_waiter_neither_holds_nor_wedges_the_lock() -> None:
    queue = WriterQueue()
    order: list[str] = []
    holder = asyncio.create_task(_write(queue, "holder", order))
    await asyncio.sleep(0)
    gone = asyncio.create_task(_write(queue, "gone", order, first=True))
    after = asyncio.create_task(_write(queue, "after", order))
    await asyncio.sleep(0)
    gone.cancel()
    await asyncio.gather(holder, after, return_exceptions=True)
    assert order == ["holder in", "holder out", "after in", "after out"]
    async with asyncio.timeout(1):  # free again
        async with queue.turn():
            pass


async def test_a_waiter_cancelled_as_its_turn_comes_passes_the_turn_on() -> None:
    queue = WriterQueue()
    order: list[str] = []
    held = queue.turn()
    await held.__aenter__()
    unlucky = asyncio.create_task(_write(queue, "unlucky", order))
    after = asyncio.create_task(_write(queue, "after", order))
    await asyncio.sleep(0)  # both wait
    await held.__aexit__(None, None, None)  # hands the turn to "unlucky", not run since
    unlucky.cancel()
    async with asyncio.timeout(1):  # a turn kept by the cancelled waiter would hang here
        await asyncio.gather(unlucky, after, return_exceptions=True)
    assert order == ["after in", "after out"]
    assert queue.waiting == 0
