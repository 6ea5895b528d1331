"""The pure core: decisions from text, knowledge and the clock; no Telegram, no database."""
