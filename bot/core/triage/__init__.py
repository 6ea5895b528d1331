"""Red-flag triage: the detector and the readers of context it consults.

`detector` holds `TriageDetector` (rules first, then the learned net, highest level wins);
`context` is each language's grammar (negation, clause breaks, questions, worry and story
cues); the other modules each read one kind of context that takes a flag back or sets it
aside (a mild expected effect, a fainting at the needle, a feared rather than felt sign, an
old or someone else's story, an everyday cause, romance or price idioms, and so on).
"""
