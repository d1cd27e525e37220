"""The batch commands: per-document outputs, pairing outputs, the archive TMX, resuming from
the journal (also after kill -9), one bad document not stopping the others, -j N workers and
their caches merged into the user's."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_docs import GOLD, SPANISH, write_archive
from click.testing import CliRunner

from bilingual.batch.executors import ExecutorChoice
from bilingual.batch.jobs import batch_translate
from bilingual.batch.tasks import GlossarySpec, Settings
from bilingual.cli import cli
from bilingual.cli.batch import Bars
from bilingual.engines.apertium import ApertiumEngine
from bilingual.engines.cache import TranslationCache
from bilingual.formats import read

pytestmark = pytest.mark.skipif(not ApertiumEngine().supports("es", "en"), reason="Apertium es-en is not installed")

REPO = Path(__file__).resolve().parent.parent


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def tree(root: Path) -> dict[str, bytes]:
    """Every output file under ``root`` (not the journal folder) with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".batch" not in p.relative_to(root).parts
    }


def settings(**values: object) -> Settings:
    base: dict[str, object] = {"kind": "", "outdir": "", "engine": "apertium", "fmt": "tsv"}
    base["glossary"] = GlossarySpec(use=False)
    base.update(values)
    return Settings(**base)  # type: ignore[arg-type]


def test_translate_a_folder_then_resume_and_redo_only_what_changed(tmp_path: Path) -> None:
    es, _ = write_archive(tmp_path)
    out = tmp_path / "out"
    first = batch_translate([str(es)], str(out), settings())
    assert (first.total, first.ran, first.skipped, first.ok) == (4, 4, 0, True)
    names = sorted(p.name for p in (out / "translations").iterdir())
    assert names == ["agua.tsv", "feria.tsv", "migrantes.tsv", "puente.tsv"]
    assert "engine:apertium" in (out / "translations" / "agua.tsv").read_text(encoding="utf-8").split("\n")[0]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["translated"] == 4 and summary["sentences"] >= 10 and summary["source_langs"] == {"es": 4}

    again = batch_translate([str(es)], str(out), settings())
    assert (again.ran, again.skipped) == (0, 4)
    (es / "agua.txt").write_text(SPANISH["agua.txt"].replace("7 por ciento", "9 por ciento"), encoding="utf-8")
    edited = batch_translate([str(es)], str(out), settings())
    assert (edited.ran, edited.skipped) == (1, 3)
    assert "9 percent" in (out / "translations" / "agua.tsv").read_text(encoding="utf-8")
    other_target = batch_translate([str(es)], str(out), settings(target_lang="en", beam_size=3))
    assert other_target.ran == 4  # options changed: everything is redone


def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(tmp_path: Path) -> None:
    es, _ = write_archive(tmp_path)
    first = batch_translate([str(es)], str(es / "out"), settings())
    again = batch_translate([str(es)], str(es / "out"), settings())
    assert (first.total, again.total, again.skipped) == (4, 4, 4)


def test_globs_and_file_manifests_name_the_same_documents(tmp_path: Path) -> None:
    es, _ = write_archive(tmp_path)
    manifest = tmp_path / "docs.tsv"
    manifest.write_text("file\nes/puente.txt\nes/agua.txt\n", encoding="utf-8")
    code, _ = run("batch", "translate", str(manifest), str(es / "m*.txt"), "-o", str(tmp_path / "o"), "--engine",
                  "apertium", "--no-glossary", "--format", "jsonl", "-q")  # fmt: skip
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "o" / "translations").iterdir()) == [
        "agua.jsonl",
        "migrantes.jsonl",
        "puente.jsonl",
    ]


def test_one_bad_document_is_reported_and_the_others_are_done(tmp_path: Path) -> None:
    es, _ = write_archive(tmp_path)
    (es / "roto.txt").write_bytes(b"Texto\x00binario")
    code, output = run("batch", "translate", str(es), "-o", str(tmp_path / "o"), "--engine", "apertium", "-q")
    assert code == 1
    assert "FAILED" in output and "roto.txt" in output and "binary data" in output
    assert len(list((tmp_path / "o" / "translations").iterdir())) == 4
    summary = json.loads((tmp_path / "o" / "summary.json").read_text(encoding="utf-8"))
    assert [f["document"] for f in summary["failed"]] == [str(es / "roto.txt")]


def test_align_pairs_by_content_and_writes_pairs_unpaired_alignments_and_archive_tmx(tmp_path: Path) -> None:
    es, en = write_archive(tmp_path)
    out = tmp_path / "out"
    code, output = run("batch", "align", str(es), str(en), "-o", str(out), "--engine", "apertium", "--no-glossary")
    assert code == 0, output
    lines = (out / "pairs.tsv").read_text(encoding="utf-8").split("\n")
    assert lines[0] == "es_file\ten_file\tscore"
    rows = [line.split("\t") for line in lines[1:] if line]
    assert {(Path(a).name, Path(b).name) for a, b, _ in rows} == GOLD
    assert all(0.2 <= float(score) <= 1 for _, _, score in rows)
    unpaired = [line.split("\t") for line in (out / "unpaired.tsv").read_text(encoding="utf-8").split("\n")[1:] if line]
    assert sorted((lang, Path(name).name) for lang, name, _, _ in unpaired) == [("en", "ufc.txt"), ("es", "feria.txt")]
    assert all(best and float(score) < 0.2 for _, _, best, score in unpaired)
    assert len(list((out / "alignments").iterdir())) == 3
    with (out / "archive.tmx").open(encoding="utf-8") as handle:
        tm = read(handle, "archive.tmx")
    assert tm.pairs and len({p.id for p in tm.pairs}) == len(tm.pairs)
    assert all(p.source.strip() and p.target.strip() and (p.confidence or 0) >= 0.5 for p in tm.pairs)
    assert tm.signature["engine"] == "apertium" and tm.signature["min_confidence"] == "0.5"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["pairs"], summary["unpaired_es"], summary["unpaired_en"]) == (3, 1, 1)
    assert summary["tmx_units"] == len(tm.pairs)
    assert sum(summary["beads"].values()) == summary["bead_total"] >= 9
    assert "pairs: 3, unpaired: 1 es + 1 en" in output and "low confidence" in output


def test_pairs_only_stops_after_the_pairs(tmp_path: Path) -> None:
    es, en = write_archive(tmp_path)
    out = tmp_path / "out"
    code, output = run("batch", "align", str(es), str(en), "--pairs-only", "-o", str(out), "--engine", "apertium")
    assert code == 0, output
    assert "bilingual batch align --pairs-only: 8 documents, 0 failed" in output
    rows = (out / "pairs.tsv").read_text(encoding="utf-8").split("\n")[1:]
    assert {(Path(r.split("\t")[0]).name, Path(r.split("\t")[1]).name) for r in rows if r} == GOLD
    assert not (out / "alignments").exists() and not (out / "archive.tmx").exists()


def test_an_unreadable_document_does_not_stop_pairing(tmp_path: Path) -> None:
    es, en = write_archive(tmp_path)
    (es / "roto.txt").write_bytes(b"no es \xc3\x28 texto")
    out = tmp_path / "out"
    code, output = run("batch", "align", str(es), str(en), "--pairs-only", "-o", str(out), "--engine", "apertium")
    assert code == 1 and "roto.txt" in output and "invalid UTF-8" in output
    rows = (out / "pairs.tsv").read_text(encoding="utf-8").split("\n")[1:]
    assert {(Path(r.split("\t")[0]).name, Path(r.split("\t")[1]).name) for r in rows if r} == GOLD


def test_align_with_a_pairs_manifest_skips_pairing(tmp_path: Path) -> None:
    es, en = write_archive(tmp_path)
    manifest = tmp_path / "gold.tsv"
    manifest.write_text("es_file\ten_file\npuente.txt\tbridge-reopens.txt\nagua.txt\tshelter.txt\n", encoding="utf-8")
    out = tmp_path / "out"
    code, output = run("batch", "align", str(es), str(en), "--pairs", str(manifest), "-o", str(out), "--engine",
                       "apertium", "--no-glossary", "--format", "tsv", "-q")  # fmt: skip
    assert code == 0, output
    rows = (out / "pairs.tsv").read_text(encoding="utf-8").split("\n")[1:]
    assert [Path(r.split("\t")[1]).name for r in rows if r] == ["bridge-reopens.txt", "shelter.txt"]
    assert sorted(p.name for p in (out / "alignments").iterdir()) == [
        "agua--shelter.tsv",
        "puente--bridge-reopens.tsv",
    ]
    assert not (out / ".batch" / "signatures").exists()


def test_a_manifest_line_naming_a_missing_document_is_an_error_with_its_line(tmp_path: Path) -> None:
    es, en = write_archive(tmp_path)
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text("es_file\ten_file\npuente.txt\tbridge-reopens.txt\nnada.txt\tshelter.txt\n", encoding="utf-8")
    code, output = run("batch", "align", str(es), str(en), "--pairs", str(manifest), "-o", str(tmp_path / "o"))
    assert code == 1
    assert f"{manifest}:3: nada.txt is not among the inputs" in output


def _interrupted(args: list[str], out: Path, after: int) -> None:
    """Start the batch, kill -9 it once the journal has ``after`` records, wait for it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bilingual", *args, "-o", str(out), "-q"],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    journal = out / ".batch" / "journal.jsonl"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if journal.exists() and journal.read_bytes().count(b"\n") >= after:
                break
            time.sleep(0.02)
        assert process.poll() is None, "the batch finished before it could be killed; give it more work"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.mark.parametrize("after", [1, 3])
def test_kill_9_then_rerun_gives_exactly_the_outputs_of_an_uninterrupted_run(tmp_path: Path, after: int) -> None:
    es, en = write_archive(tmp_path)
    args = ["batch", "align", str(es), str(en), "--engine", "apertium"]
    code, output = run(*args, "-o", str(tmp_path / "whole"), "-q")
    assert code == 0, output
    _interrupted(args, tmp_path / "killed", after)
    assert not (tmp_path / "killed" / "summary.json").exists()
    (tmp_path / "killed" / ".pairs.tsv.x1y2.tmp").write_text("half a file", encoding="utf-8")  # as a kill leaves
    code, output = run(*args, "-o", str(tmp_path / "killed"))
    assert code == 0, output
    counts = re.search(r"(\d+) documents? processed, (\d+) already done", output)
    assert counts is not None and int(counts[1]) + int(counts[2]) == 3
    assert after < 3 or int(counts[2]) >= 1  # the pairs aligned before the kill are not redone
    assert tree(tmp_path / "killed") == tree(tmp_path / "whole")


def test_two_worker_processes_give_the_same_outputs_and_merge_their_caches(tmp_path: Path) -> None:
    es, _ = write_archive(tmp_path)
    one = batch_translate([str(es)], str(tmp_path / "one"), settings(cache=False))
    two = batch_translate([str(es)], str(tmp_path / "two"), settings(), ExecutorChoice(jobs=2))
    assert one.ok and two.ok and two.ran == 4
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert not list((tmp_path / "two" / ".batch" / "caches").iterdir())
    engine = ApertiumEngine()
    headline = SPANISH["agua.txt"].split("\n")[0]
    with TranslationCache.open(Path(os.environ["BILINGUAL_CACHE"])) as cache:
        found = cache.get_many("apertium", engine.model_version("es", "en"), "es", "en", "none", [headline])
    assert headline in found and "Water" in found[headline].text


def test_review_manifest_reviews_every_article_and_reports_a_missing_source(tmp_path: Path) -> None:
    examples = REPO / "examples"
    shutil.copy(examples / "drone-border.en.txt", tmp_path)
    shutil.copy(examples / "dron-frontera.es.txt", tmp_path)
    (tmp_path / "other.en.txt").write_text("“We will reopen the bridge,” Mayor Cruz Pérez Cuéllar said.\n", "utf-8")
    manifest = tmp_path / "review.tsv"
    manifest.write_text(
        "article\tsource\ndrone-border.en.txt\tdron-frontera.es.txt\nother.en.txt\tmissing.es.txt\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    code, output = run("batch", "review", str(manifest), "-o", str(out), "--engine", "apertium")
    assert code == 1
    assert "missing.es.txt: no such file" in output
    report = (out / "reviews" / "drone-border.en.jsonl").read_text(encoding="utf-8").split("\n")
    assert json.loads(report[0])["bilingual"] == "review"
    assert len({json.loads(r)["quote"] for r in report[1:] if r}) == 12
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["reviewed"] == 1 and summary["items"] == 17 and summary["flagged"] >= 5


def test_local_processes_and_a_scheduler_are_exclusive(tmp_path: Path) -> None:
    es, _ = write_archive(tmp_path)
    code, output = run("batch", "translate", str(es), "-o", str(tmp_path / "o"), "-j", "2", "--scheduler", "tcp://x:1")
    assert code == 2 and "not both" in output and not (tmp_path / "o").exists()


def test_a_second_batch_on_the_same_folder_is_refused_while_one_runs(tmp_path: Path) -> None:
    import fcntl

    es, _ = write_archive(tmp_path)
    (tmp_path / "o" / ".batch").mkdir(parents=True)
    with (tmp_path / "o" / ".batch" / "lock").open("a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        code, output = run("batch", "translate", str(es), "-o", str(tmp_path / "o"))
    assert code == 1 and "another bilingual batch is writing to this folder" in output


def test_progress_goes_to_a_terminal_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    es, _ = write_archive(tmp_path)
    code, output = run("batch", "translate", str(es), "-o", str(tmp_path / "o"), "--engine", "apertium")
    assert code == 0 and "Translating" not in output
    assert "4 documents processed, 0 already done" in output

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    bars = Bars(quiet=False)
    for done in range(5):
        bars("Translating", done, 4)
    bars.close()
    assert "Translating" in terminal.getvalue() and "100%" in terminal.getvalue()
    quiet = Bars(quiet=True)
    quiet("Translating", 1, 4)
    assert quiet.bar is None
