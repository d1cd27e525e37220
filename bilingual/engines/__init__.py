"""Stage 2a — engines: machine translation of sentence batches.

argos models decoded with CTranslate2 (:mod:`.argos`, packages managed by :mod:`.packages`),
Apertium (:mod:`.apertium`), the :class:`~bilingual.engines.base.Engine` protocol they share,
and the SQLite translation cache (:mod:`.cache`). Imports no other stage.
"""
