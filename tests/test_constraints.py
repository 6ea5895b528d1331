"""constraints.txt pins every package an install can pull in, at a version pyproject allows.

The understanding model is trained at start-up; a different scikit-learn, scipy or numpy can
move borderline readings (a question answered on one machine and sent to "did you mean" on
another). The pins only help if they cover every dependency and agree with pyproject.toml.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep, f"constraints.txt: {line!r} is not an exact pin (name==version)"
        pins[canonicalize_name(name)] = version
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    return [Requirement(line) for line in lines]


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    pins = _pins()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is in pyproject.toml but not in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {requirement.name}=={pins[name]}, "
            f"outside pyproject's {requirement.specifier}"
        )


def test_the_training_stack_is_pinned() -> None:
    pins = _pins()
    for name in ("numpy", "scipy", "scikit-learn", "rapidfuzz", "pystemmer", "snowballstemmer"):
        assert name in pins, f"{name} trains or reads the model and must be pinned"


def test_setup_installs_with_the_constraints() -> None:
    setup = (ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    assert "-c constraints.txt" in setup
