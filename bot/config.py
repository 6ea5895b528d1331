"""One frozen ``Settings`` read from the environment and ``.env``; the token is a secret type."""

from __future__ import annotations

import os
import re
from datetime import time
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from bot.errors import ConfigError

#: The shipped knowledge, package data of the installed wheel (in a checkout, ``bot/_knowledge``
#: is a link to the one copy in ``knowledge/``).
DEFAULT_KNOWLEDGE_DIR = Path(__file__).resolve().parent / "_knowledge"

# Telegram tokens look like "123456789:AA..." (bot id, colon, 35-ish url-safe characters).
_TOKEN_PATTERN = re.compile(r"^\d{5,12}:[A-Za-z0-9_-]{30,}$")


class Settings(BaseSettings):
    """Everything the bot can be told from outside; documented one by one in ``.env.example``."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        env_ignore_empty=True,
        frozen=True,
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str | None = None
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR
    clinic_dir: Path | None = None
    clinics_dir: Path | None = None
    #: Where trained understanding models are kept by knowledge fingerprint (see
    #: ``model_cache_folder``); unset: the user's cache folder.
    model_cache_dir: Path | None = None
    #: False: triage and FAQ by the rules and the matcher alone, no model loaded or trained
    #: (less memory and CPU per message, lower accuracy; see benchmarks/README.md).
    understanding_model: bool = True
    telegram_rate_limit: float = Field(default=30.0, ge=0)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = Field(default=8080, ge=1, le=65535)
    # The clinic dashboard (bot/web): served on the webhook server, or in polling mode on its
    # own small server at WEBHOOK_LISTEN:PORT. See README "Dashboard".
    dashboard: bool = False
    dashboard_url: str | None = None
    dashboard_secret: SecretStr | None = None
    # Storage and the patient journey
    database_url: str = "sqlite:///data/aftercare.db"
    clinic_id: str = Field(default="default", pattern=r"^[A-Za-z0-9_-]{1,48}$")
    store_message_text: bool = False
    retention_days: int = Field(default=180, ge=1)
    checkin_days: Annotated[tuple[int, ...], NoDecode] = (1, 3, 14)
    checkin_time: Annotated[time, NoDecode] = time(10, 0)
    #: Local (start, end); equal times mean none. Parsed from "21:00-09:00" ("" for none).
    quiet_hours: Annotated[tuple[time, time], NoDecode] = (time(21, 0), time(9, 0))
    # Staff alerts
    staff_chat_id: int | None = None
    staff_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    alert_include_message_text: bool = False
    alert_resend_minutes: float = Field(default=15, gt=0)
    alert_lease_seconds: float = Field(default=60, gt=0)
    alert_retry_seconds: float = Field(default=5, gt=0)
    sweep_seconds: float = Field(default=30, gt=0)
    # The durable inbox: how long a process holds an update before another may take it over,
    # and how long a stopping bot keeps working on what it accepted (the rest waits in the
    # inbox for the next start).
    inbox_lease_seconds: float = Field(default=30, gt=0)
    shutdown_grace_seconds: float = Field(default=20, ge=0)
    #: Updates of different chats processed at the same time.
    inbox_concurrency: int = Field(default=32, ge=1, le=1024)
    log_level: str = "INFO"
    log_message_text: bool = False
    #: Let libraries that can print SQL parameters or update bodies log below WARNING.
    log_libraries: bool = False

    # Matcher thresholds (0-100). Defaults were chosen on tests/data/faq_eval.jsonl (dev split);
    # see README "How answers are chosen". Leave unset unless you have measured your own.
    match_answer_cutoff: float | None = Field(default=None, ge=0, le=100)
    match_clarify_cutoff: float | None = Field(default=None, ge=0, le=100)
    match_min_gap: float | None = Field(default=None, ge=0, le=100)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The usual order (arguments, environment, .env), plus: ``QUIET_HOURS=`` means none."""
        blank = _BlankQuietHours(settings_cls, getattr(dotenv_settings, "env_file", None))
        return init_settings, env_settings, blank, dotenv_settings, file_secret_settings

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        """An empty ``TELEGRAM_BOT_TOKEN=`` line in .env means "no token", not a bad token."""
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN_PATTERN.match(value.get_secret_value().strip()):
            raise ValueError(
                "does not look like a Telegram bot token (expected '<digits>:<35 characters>' "
                "as given by @BotFather)"
            )
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _base_url_shape(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None
        if value is not None and not re.match(r"^https?://", value):
            raise ValueError("must start with http:// or https://, e.g. http://127.0.0.1:8081/bot")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{16,256}", value.get_secret_value()
        ):
            raise ValueError("must be 16-256 characters from A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url_shape(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://", value):
            raise ValueError("must be the public https:// address Telegram will call")
        return value.rstrip("/") if value else value

    @field_validator("dashboard_url")
    @classmethod
    def _dashboard_url_shape(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://[^/\s]+/?", value.strip()):
            raise ValueError(
                "must be the address staff open, scheme and host only, e.g. "
                "https://aftercare.example-clinic.com"
            )
        return value.strip().rstrip("/") if value else value

    @field_validator("dashboard_secret")
    @classmethod
    def _dashboard_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value().strip()) < 32:
            raise ValueError(
                "must be at least 32 characters; generate one: "
                'python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
            )
        return value

    @field_validator("staff_user_ids", mode="before")
    @classmethod
    def _user_ids(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        parts = [part for part in value.replace(" ", "").split(",") if part]
        for part in parts:
            if not part.lstrip("-").isdigit():
                raise ValueError(f"must be Telegram user ids separated by commas, found {part!r}")
        return frozenset(int(part) for part in parts)

    @field_validator("checkin_days", mode="before")
    @classmethod
    def _days(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        parts = [p for p in value.replace(" ", "").split(",") if p]
        if not all(p.isdigit() and 0 < int(p) <= 90 for p in parts):
            raise ValueError("must be days after treatment between 1 and 90, e.g. 1,3,14")
        return tuple(int(p) for p in parts)

    @field_validator("quiet_hours", mode="before")
    @classmethod
    def _quiet(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        if not value.strip():
            return (time(0, 0), time(0, 0))
        if not re.fullmatch(r"\d{1,2}:\d{2}-\d{1,2}:\d{2}", value.strip()):
            raise ValueError("must look like 21:00-09:00 (or be empty for none)")
        start, end = value.strip().split("-")
        return _clock_time(start), _clock_time(end)

    @field_validator("checkin_time", mode="before")
    @classmethod
    def _time(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        if not re.fullmatch(r"\d{1,2}:\d{2}", value.strip()):
            raise ValueError("must look like 10:00")
        return _clock_time(value)


class _BlankQuietHours(PydanticBaseSettingsSource):
    """``QUIET_HOURS=`` (empty) means "no quiet hours", as documented, while every other empty
    variable means "not set" (``env_ignore_empty``, which would otherwise drop this one too and
    leave the 21:00-09:00 default). The environment wins over ``.env``, as for any setting."""

    def __init__(self, settings_cls: type[BaseSettings], env_file: object) -> None:
        super().__init__(settings_cls)
        self._env_file = env_file

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[object, str, bool]:
        return None, field_name, False  # unused: __call__ answers for the one field

    def __call__(self) -> dict[str, object]:
        sources = [EnvSettingsSource(self.settings_cls, env_ignore_empty=False)]
        if self._env_file:
            sources.append(
                DotEnvSettingsSource(
                    self.settings_cls,
                    env_file=self._env_file,  # type: ignore[arg-type]
                    env_ignore_empty=False,
                )
            )
        for source in sources:
            value = source.env_vars.get("quiet_hours")
            if value is not None:
                return {"quiet_hours": ""} if not value.strip() else {}
        return {}


def _clock_time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip().zfill(5))
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a time of day") from None


def model_cache_folder(settings: Settings) -> Path:
    """``MODEL_CACHE_DIR``, else ``$XDG_CACHE_HOME/aftercare-bot/models`` (``~/.cache/...``).

    The bot trains its understanding model when the knowledge changed (seconds) and keeps it
    here under a hash of the knowledge; a start with unchanged knowledge just loads it.
    """
    if settings.model_cache_dir is not None:
        return settings.model_cache_dir
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aftercare-bot" / "models"


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read settings, turning pydantic's report into one line per bad variable."""
    try:
        return Settings(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = "_".join(str(part) for part in error["loc"]).upper() or "settings"
            message = str(error["msg"]).removeprefix("Value error, ")
            lines.append(f"{name}: {message}")
        raise ConfigError("; ".join(lines)) from None
