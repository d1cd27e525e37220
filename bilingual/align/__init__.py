"""Stage 3 — align: two versions of a story → sentence beads (1-1, 2-1, …, 1-0, 0-1).

:mod:`.beads` — the banded dynamic-programming bead search and its scores; :mod:`.vectors` — the
character n-gram/anchor vectoriser (also used by review to compare texts); :mod:`.document` —
the coordinator: split both sides, translate each into the other language, align, build a
:class:`bilingual.formats.Document`.
"""

from __future__ import annotations

from bilingual.align.beads import AlignOptions, Bead, align_sentences

__all__ = ["AlignOptions", "Bead", "align_sentences"]
