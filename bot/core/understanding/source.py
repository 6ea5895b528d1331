"""Where a responder's understanding model comes from: a cache folder and the language packs.

A ``Responder`` keeps its ``ModelSource`` so that a responder rebuilt for changed knowledge
(a clinic's edit) gets a model for that knowledge, loaded from the cache or trained, and
never the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.core.knowledge import Knowledge
from bot.core.understanding.model import UnderstandingModel


@dataclass(frozen=True, slots=True)
class ModelSource:
    """``cache_dir``: where trained models are kept by fingerprint (None: train every time);
    ``language_packs``: the ``knowledge/lang`` folder whose packs the model also learns."""

    cache_dir: Path | None
    language_packs: Path | None = None

    def model_for(self, knowledge: Knowledge) -> UnderstandingModel:
        """The model trained on exactly this knowledge (cached, or trained now)."""
        return UnderstandingModel.for_knowledge(knowledge, self.cache_dir, self.language_packs)
