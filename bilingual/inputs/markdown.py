"""Markdown articles: the prose without its markup (heading marks, emphasis, link targets,
images, code blocks, HTML tags, front matter), one line of output per line of input so that
paragraphs and line numbers stay where the writer put them."""

from __future__ import annotations

import re

from bilingual.errors import Warn
from bilingual.inputs import check_extracted

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")


def _inline(line: str) -> tuple[str, int, int]:
    """``line`` without inline markup; also the number of link targets and images dropped."""
    line, images = _IMAGE.subn("", line)
    line, links = _LINK.subn(r"\1", line)
    line, refs = _REF_LINK.subn(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _CODE.sub(r"\1", line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\2", line)
    return line, links + refs, images


def markdown_text(text: str, name: str, *, warn: Warn | None = None) -> str:
    """The prose of the Markdown ``text``; dropped code blocks, images and link targets are counted
    in one ``warn`` line."""
    lines = text.split("\n")
    out: list[str] = []
    links = images = code = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            out.extend([""] * (end + 1))
            lines = lines[end + 1 :]
    fenced = False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            code += not fenced
            out.append("")
            continue
        if fenced or _RULE.match(line) or _REF_DEF.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            out.append("")
            continue
        heading = _HEADING.match(line)
        line = heading.group(1) if heading else _QUOTE.sub("", line)
        line, n_links, n_images = _inline(line)
        links += n_links
        images += n_images
        out.append(line.rstrip())
    counts = ((code, "code block(s)"), (images, "image(s)"), (links, "link target(s)"))
    dropped = [f"{n} {what}" for n, what in counts if n]
    if dropped and warn is not None:
        warn(f"{name}: read the Markdown as prose; dropped " + ", ".join(dropped))
    return check_extracted("\n".join(out), name, "Markdown file")
