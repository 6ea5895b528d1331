"""Lets ``python -m bot`` behave exactly like the ``aftercare-bot`` command."""

from bot.cli import main

raise SystemExit(main())
