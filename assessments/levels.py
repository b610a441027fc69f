"""The counted level: the one every result, comparison and benchmark uses.

A framework may say, per level, what evidence it expects (`maturity.Level.evidence_expected`).
A group may agree on a level without that evidence in hand: the level is kept as agreed, and
counted one lower until the evidence is recorded ("level 3 agreed; evidence for level 3
missing, counts as 2").
"""


def counted_level(agreed, *, evidence_expected, evidence_met):
    """The level that counts for an agreed level (None while none is agreed)."""
    if agreed is None:
        return None
    if evidence_expected and not evidence_met and agreed > 0:
        return agreed - 1
    return agreed


def in_words(agreed, counted):
    """“Level 3 agreed; evidence for level 3 missing, counts as 2”, or “Level 3”."""
    if agreed is None:
        return "Not answered yet"
    if counted != agreed:
        return f"Level {agreed} agreed; evidence for level {agreed} missing, counts as {counted}"
    return f"Level {agreed}"
