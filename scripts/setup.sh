#!/usr/bin/env bash
# Set up bilingual on a fresh Debian/Ubuntu machine, as a normal user or as root.
#
#   bash scripts/setup.sh          the main job and the tests: Apertium, Chromium, and the package
#                                  with its argos, test and dask extras in .venv
#   bash scripts/setup.sh --bench  also the peers measured in bench/ (pySBD, NLTK, argostranslate,
#                                  Bleualign) with the CPU build of torch
#
# Python packages go into the active virtual environment, else into .venv (created here), never
# into the system Python (Debian refuses that: PEP 668). System packages are installed with apt only
# when missing, and each is named with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH=0
for arg in "$@"; do
    case "$arg" in
        --bench) BENCH=1 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "setup: unknown option $arg (use --bench or --help)" >&2; exit 2 ;;
    esac
done

say() { echo "setup: $*" >&2; }

# -- system packages ------------------------------------------------------------------------------
declare -A WHY=(
    [apertium]="the Apertium translation engine"
    [apertium-eng-spa]="Apertium's English-Spanish language pair"
    [chromium]="renders the HTML review report in the tests"
    [python3-venv]="creates the project's virtual environment"
    [php-symfony-translation]="ships the OASIS XLIFF 1.2 schema the tests validate XLIFF output against"
    [omegat]="the CAT tool the tests open our TMX (tm/auto) and XLIFF with, in console mode"
)
wanted=(apertium apertium-eng-spa chromium php-symfony-translation omegat)
PY="${PYTHON:-python3}"
if [ -z "${VIRTUAL_ENV:-}" ] && [ ! -x .venv/bin/python ] && ! "$PY" -c "import ensurepip, venv" 2>/dev/null; then
    wanted+=(python3-venv)
fi
if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    missing=()
    for pkg in "${wanted[@]}"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        SUDO=()
        if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
        for pkg in "${missing[@]}"; do say "installing $pkg (${WHY[$pkg]})"; done
        "${SUDO[@]}" apt-get update -qq
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
else
    say "no apt-get here; install Apertium (apertium, apertium-eng-spa) yourself for --engine apertium"
fi

# -- the Python environment -----------------------------------------------------------------------
if [ -n "${VIRTUAL_ENV:-}" ]; then
    VPY="$VIRTUAL_ENV/bin/python"
    say "using the active virtual environment $VIRTUAL_ENV"
else
    if [ ! -x .venv/bin/python ]; then
        say "creating the virtual environment .venv"
        "$PY" -m venv .venv
    fi
    VPY=".venv/bin/python"
fi
PIP=("$VPY" -m pip install -q --disable-pip-version-check)
# dask: the tests run the batch commands on a local Dask cluster (bilingual batch --scheduler)
"${PIP[@]}" -e ".[argos,test,dask]"
if [ "$BENCH" -eq 1 ]; then
    # The CPU build of torch, asked for explicitly, so argostranslate does not pull a CUDA build.
    "$VPY" -c "import torch" 2>/dev/null \
        || "${PIP[@]}" torch --index-url https://download.pytorch.org/whl/cpu \
        || "${PIP[@]}" "torch==2.13.0"
    "${PIP[@]}" -e ".[argos,test,dask,bench]"
fi
say "done ($("$VPY" -m bilingual --version)); run it as $VPY -m bilingual or $(dirname "$VPY")/bilingual"
