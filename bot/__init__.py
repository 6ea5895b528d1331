"""Aftercare bot: answers patients' questions after cosmetic botulinum toxin injections."""

__version__ = "0.1.0"
