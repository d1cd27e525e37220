#!/usr/bin/env bash
# Set up bilingual on a fresh Debian/Ubuntu machine: Apertium and Chromium (system packages; Chromium
# renders the HTML review report in the tests) and the Python
# package with its argos/CTranslate2, test and bench extras, into the current Python environment.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if command -v apt-get >/dev/null 2>&1; then
    missing=""
    for pkg in apertium apertium-eng-spa chromium; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
    done
    if [ -n "$missing" ]; then
        echo "setup: installing$missing" >&2
        $SUDO apt-get update -qq
        # shellcheck disable=SC2086
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
else
    echo "setup: no apt-get here; install apertium and apertium-eng-spa yourself for --engine apertium" >&2
fi

PIP="python3 -m pip install -q --disable-pip-version-check"
# The CPU build of torch first, so argostranslate does not pull a multi-GB CUDA build.
python3 -c "import torch" 2>/dev/null || $PIP "torch==2.13.0" || $PIP torch --index-url https://download.pytorch.org/whl/cpu
$PIP -e ".[argos,test,bench]"
echo "setup: done ($(python3 -m bilingual --version))" >&2
