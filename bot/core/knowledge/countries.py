"""Country profiles (``knowledge/countries.yaml``) and how they fill in a clinic's routes.

A clinic names its ``country:``; the profile supplies the emergency number, the urgent-care
route, a crisis line and the side-effect reporting scheme, each route in the languages the
country uses. Whatever the clinic's own ``clinic.yaml`` states wins over the profile, so a
clinic writes only what differs. Kept free of ``schemas`` so ``schemas`` can import it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

COUNTRIES_FILE = "countries.yaml"

#: The routes a profile supplies, in the order clinic editors read them.
ROUTE_FIELDS: tuple[str, ...] = ("urgent_care", "crisis_line", "side_effect_reporting")
#: Everything a profile can fill in for a clinic that leaves it out.
PROFILE_FIELDS: tuple[str, ...] = ("emergency_number", *ROUTE_FIELDS)

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
EmergencyNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{2,4}$")]
_Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _per_language(value: Any) -> Any:
    """A plain text stands for every language: it becomes ``{"en": text}``, the fallback."""
    return {"en": value} if isinstance(value, str) else value


#: A text per language (two-letter codes). A clinic may give one plain text instead.
LocalText = Annotated[dict[_Language, _Text], BeforeValidator(_per_language), Field(min_length=1)]


#: How every knowledge schema validates: unknown keys and loose types are errors, models are
#: frozen. ``defer_build``: a schema's validator and serializer (pydantic-core objects, ~2 MB
#: for all of them) are built on its first validation, not at import. A process that reads
#: the checked knowledge back from the cache (``kept.py``) never validates, so it never
#: builds them (issue 17).
STRICT = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


def in_language(texts: Mapping[str, str], language: str) -> str:
    """The text in ``language``, else in English, else the first one given."""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()))


class CountryProfile(BaseModel):
    """One country's routes; texts follow "contact ...", "call ..." and "report it to ..."."""

    model_config = STRICT

    name: _Text
    emergency_number: EmergencyNumber
    other_emergency_numbers: list[EmergencyNumber] = Field(default_factory=list)
    timezones: list[_Text] = Field(min_length=1)
    phone_region: CountryCode
    urgent_care: LocalText
    crisis_line: LocalText
    side_effect_reporting: LocalText

    def accepts_emergency_number(self, number: str) -> bool:
        """True for the country's emergency number and the others that also work there."""
        return number in {self.emergency_number, *self.other_emergency_numbers}


class CountriesFile(BaseModel):
    model_config = STRICT

    countries: dict[CountryCode, Any] = Field(min_length=1)


def profile_values(profile: CountryProfile) -> dict[str, Any]:
    """What a profile fills into a clinic that leaves these fields out."""
    return {
        "emergency_number": profile.emergency_number,
        **{field: dict(getattr(profile, field)) for field in ROUTE_FIELDS},
    }


def with_profile(clinic: Mapping[str, Any], profile: CountryProfile | None) -> dict[str, Any]:
    """The raw ``clinic:`` mapping with the profile's values wherever the clinic gave none.

    A clinic's own value replaces the profile's as a whole (every language), so a clinic's
    out-of-hours service is never mixed with the national one in another language.
    """
    merged = dict(clinic)
    if profile is None:
        return merged
    for field, value in profile_values(profile).items():
        if merged.get(field) is None:
            merged[field] = value
    return merged


def missing_without_profile(clinic: Mapping[str, Any]) -> list[str]:
    """The profile fields a clinic must state itself because its country has no profile."""
    return [field for field in PROFILE_FIELDS if clinic.get(field) is None]
