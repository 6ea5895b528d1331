"""Running the bots: polling, webhook, several clinics, one start/stop sequence."""
