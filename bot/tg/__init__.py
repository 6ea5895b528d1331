"""The Telegram adapter: the handler table, handlers by audience, keyboards, sending, jobs."""
