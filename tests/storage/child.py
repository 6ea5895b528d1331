"""Run a snippet of Python in a fresh interpreter (what a new bot process imports), with this
checkout first on its path, and read the JSON it prints last."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent


async def last_json_line(code: str, *args: str) -> Any:
    """The last line ``python -c code args...`` printed, parsed; the child must succeed."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        code,
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
    )
    async with asyncio.timeout(110):
        out, err = await child.communicate()
    assert child.returncode == 0, err.decode()
    return json.loads(out.decode().strip().splitlines()[-1])
