"""Clinic folders for tests: a clinic.yaml written from a few values, nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SHIPPED_LANGUAGES = ["en", "es", "de", "fr", "it", "pt"]

#: Real-looking, not demo, numbers (US 555-01xx and UK drama ranges are fictional but valid).
US_CLINIC: dict[str, Any] = {
    "name": "Brooklyn Skin",
    "bot_name": "Bea",
    "phone": "+1 718 555 0100",
    "out_of_hours_phone": "+1 718 555 0199",
    "address": "10 Atlantic Ave, Brooklyn",
    "booking_url": "https://brooklyn-skin.test/book",
    "opening_hours": {"timezone": "America/New_York", "mon": "09:00-17:00", "sat": "10:00-14:00"},
    "country": "US",
    "languages": SHIPPED_LANGUAGES,
}
DE_CLINIC: dict[str, Any] = {
    "name": "Praxis am Markt",
    "bot_name": "Nachsorge-Assistent",
    "phone": "+49 30 901820",
    "out_of_hours_phone": "+49 30 901829",
    "address": "Marktplatz 1, Berlin",
    "opening_hours": {"timezone": "Europe/Berlin", "tue": "08:00-16:00"},
    "country": "DE",
    "languages": ["de", *[lang for lang in SHIPPED_LANGUAGES if lang != "de"]],
}
GB_CLINIC: dict[str, Any] = {
    "name": "Riverside Skin",
    "bot_name": "Aftercare Assistant",
    "phone": "0161 496 0111",
    "out_of_hours_phone": "0161 496 0999",
    "email": "care@riverside-skin.test",
    "opening_hours": {"timezone": "Europe/London", "mon": "09:00-17:00"},
    "country": "GB",
    "languages": SHIPPED_LANGUAGES,
}


def write_clinic(folder: Path, base: dict[str, Any], **changes: Any) -> Path:
    """``folder``/clinic.yaml from ``base`` with ``changes`` (a value of None removes it)."""
    folder.mkdir(parents=True, exist_ok=True)
    clinic = {**base, **changes}
    clinic = {key: value for key, value in clinic.items() if value is not None}
    text = yaml.safe_dump({"clinic": clinic}, allow_unicode=True, sort_keys=False)
    (folder / "clinic.yaml").write_text(text, encoding="utf-8")
    return folder
