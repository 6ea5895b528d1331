"""Several clinics in one process: one bot (token, branding, staff chat) per clinic folder.

    clinics/
      riverside/   clinic.yaml  deployment.yaml  [faq.yaml] [messages.yaml]
      brooklyn/    clinic.yaml  deployment.yaml

``deployment.yaml`` names the environment variable holding the clinic's bot token (tokens
never live in YAML), its staff chat and staff user ids. A clinic whose files or token are
broken is reported by name and left out; the others start.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    ValidationError,
)

from bot.config import Settings
from bot.core.knowledge.kept import load_kept_knowledge
from bot.core.matching import Thresholds
from bot.core.responder import Responder
from bot.core.understanding.source import ModelSource
from bot.errors import ConfigError, KnowledgeError
from bot.serve.lifecycle import ClinicBot

logger = logging.getLogger(__name__)

DEPLOYMENT_FILE = "deployment.yaml"


class Deployment(BaseModel):
    """Where a clinic's bot lives; the token itself stays in the environment."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    token_env: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]
    staff_chat_id: int | None = None
    staff_user_ids: list[int] = Field(default_factory=list)


def load_clinic_bots(
    settings: Settings,
    thresholds: Thresholds,
    *,
    need_tokens: bool = True,
    understanding: ModelSource | None = None,
) -> tuple[list[ClinicBot], list[str]]:
    """Every valid clinic under ``CLINICS_DIR``, and one problem line per broken clinic.

    ``understanding`` gives each clinic the learned model for its own knowledge (a clinic
    with its own FAQ gets its own model); None: rules and matcher only (``check``)."""
    assert settings.clinics_dir is not None
    root = settings.clinics_dir
    if not root.is_dir():
        raise ConfigError(f"CLINICS_DIR: folder not found: {root}")
    bots: list[ClinicBot] = []
    problems: list[str] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        name = folder.name
        try:
            deployment = _read_deployment(folder)
            token = os.environ.get(deployment.token_env, "").strip()
            if need_tokens and not token:
                raise ConfigError(f"{deployment.token_env} (its bot token) is not set")
            # As ``check`` does: a clinic that contradicts its country is left out.
            knowledge, _ = load_kept_knowledge(settings.knowledge_dir, folder)
            own = settings.model_copy(
                update={
                    "telegram_bot_token": SecretStr(token) if token else None,
                    "clinic_id": name,
                    "clinic_dir": folder,
                    "staff_chat_id": deployment.staff_chat_id,
                    "staff_user_ids": frozenset(deployment.staff_user_ids),
                }
            )
            responder = Responder(knowledge, thresholds, understanding)
            bots.append(ClinicBot(name, own, responder))
        except (ConfigError, KnowledgeError) as exc:
            problems.append(f"clinic '{name}': {exc}")
    return bots, problems


def _read_deployment(folder: Path) -> Deployment:
    path = folder / DEPLOYMENT_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{DEPLOYMENT_FILE} is missing") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{DEPLOYMENT_FILE} is not valid YAML: {exc}") from None
    try:
        return Deployment.model_validate(data)
    except ValidationError as exc:
        fields = "; ".join(
            f"field '{'.'.join(str(p) for p in e['loc'])}' {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"{DEPLOYMENT_FILE}: {fields}") from None
