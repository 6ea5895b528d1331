"""One frozen ``Settings`` read from the environment and ``.env``; the token is a secret type."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigError

#: The shipped knowledge folder (``knowledge/`` beside the package in a checkout).
DEFAULT_KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"

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
    telegram_rate_limit: float = Field(default=30.0, ge=0)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = Field(default=8080, ge=1, le=65535)
    log_level: str = "INFO"
    log_message_text: bool = False

    # Matcher thresholds (0-100). Defaults were chosen on tests/data/faq_eval.jsonl (dev split);
    # see README "How answers are chosen". Leave unset unless you have measured your own.
    match_answer_cutoff: float | None = Field(default=None, ge=0, le=100)
    match_clarify_cutoff: float | None = Field(default=None, ge=0, le=100)
    match_min_gap: float | None = Field(default=None, ge=0, le=100)

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
