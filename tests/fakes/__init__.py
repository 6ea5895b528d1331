"""In-process fakes of external services, so tests never leave 127.0.0.1."""

from .bot_api import ApiCall, FakeBotApi, SenderKwargs, UploadedFile

__all__ = ["ApiCall", "FakeBotApi", "SenderKwargs", "UploadedFile"]
