"""Stage 4 — quotes and review: find each quote's original and check its fidelity.

:mod:`.quotes` — quotations and their speakers; :mod:`.match` — matching quotes to originals in
comparable sources and reviewing translate/align pairs; :mod:`.fidelity` — the checks (numbers,
negation, names, additions, omissions, speaker); :mod:`.model` — the result types; reports in
:mod:`.report_md` (Markdown, JSONL) and :mod:`.report_html`.
"""
