"""The exception tree of the bot, drawn once so callers know what to catch.

    AftercareError
    ├── ConfigError          bad environment / .env settings (exit code 2)
    ├── KnowledgeError       one or more problems in knowledge/*.yaml (exit code 2)
    └── StorageError         the database could not be reached or migrated (exit code 1)

Library code raises these; only ``bot.cli`` turns them into exit codes.
"""

from __future__ import annotations


class AftercareError(Exception):
    """Base of every error the bot raises on purpose."""


class ConfigError(AftercareError):
    """A setting is missing or malformed; the message says which and how to fix it."""


class KnowledgeError(AftercareError):
    """Every problem found in the knowledge files, reported at once.

    ``problems`` holds one line per problem, each naming the file, the entry and the
    field, so a clinic editor can fix them all in one pass rather than one per start-up.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the knowledge files:"
        super().__init__("\n".join([header, *(f"  - {p}" for p in self.problems)]))


class StorageError(AftercareError):
    """The database could not be opened, migrated or written."""
