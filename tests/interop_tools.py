"""The real tools the interop tests check our files with: the OASIS XLIFF 1.2 schema (shipped by
Debian's php-symfony-translation, which scripts/setup.sh installs) and translate-toolkit (the
test extra), which loads XLIFF, TMX and TBX as CAT tools do."""

from __future__ import annotations

from pathlib import Path

import pytest

SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
XLIFF_XSD = SCHEMAS / "xliff-core-1.2-strict.xsd"
needs_xliff_schema = pytest.mark.skipif(
    not XLIFF_XSD.is_file(), reason="no XLIFF 1.2 schema: run scripts/setup.sh (apt php-symfony-translation)"
)


def xliff_schema_errors(path: Path) -> list[str]:
    """Validate ``path`` against the strict XLIFF 1.2 schema; the errors (empty when valid).

    The schema imports ``xml.xsd`` from w3.org; the copy beside it is used instead, so nothing is
    fetched.
    """
    from lxml import etree

    schema_doc = etree.parse(str(XLIFF_XSD))
    for imp in schema_doc.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
        if imp.get("namespace") == "http://www.w3.org/XML/1998/namespace":
            imp.set("schemaLocation", str(SCHEMAS / "xml.xsd"))
    schema = etree.XMLSchema(schema_doc)
    valid = schema.validate(etree.parse(str(path)))
    return [] if valid else [f"{e.line}: {e.message}" for e in schema.error_log]


def toolkit_store(path: Path) -> object:
    """``path`` loaded by translate-toolkit, the way Pootle, Weblate and Virtaal load it."""
    from translate.storage import factory

    return factory.getobject(str(path))


def chromium() -> str | None:
    """The Chromium binary, if installed."""
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


needs_chromium = pytest.mark.skipif(chromium() is None, reason="no chromium binary on PATH")


def dump_dom(profile: Path, url: str) -> str:
    """The DOM headless Chromium builds for ``url`` after its scripts ran, offline, with the
    browser profile (and so localStorage) kept in ``profile`` between calls."""
    import os
    import subprocess

    binary = chromium()
    assert binary is not None
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["HOME"] = str(profile / "home")
    cmd = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile / 'profile'}",
        "--dump-dom",
        url,
    ]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and "<body" in result.stdout, result.stderr[-2000:]
    return result.stdout


def with_driver(page: str, driver: str) -> str:
    """``page`` with a test ``driver`` script run after its own, the CSP widened by exactly the
    driver's hash (so the page's own policy is still what governs everything else)."""
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(driver.encode("utf-8")).digest()).decode("ascii")
    marker = "script-src &#x27;sha256-"  # inside the CSP <meta> content attribute, escaped
    assert page.count(marker) == 1
    page = page.replace(marker, f"script-src &#x27;sha256-{digest}&#x27; &#x27;sha256-", 1)
    return page.replace("</body>", f"<script>{driver}</script>\n</body>", 1)
