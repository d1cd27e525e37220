"""The same per-document tasks on a Dask distributed cluster: a LocalCluster on loopback, no
dashboard, one worker; outputs identical to an in-process run."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from batch_docs import write_archive

from bilingual.batch.executors import ExecutorChoice
from bilingual.batch.jobs import batch_align, batch_translate
from bilingual.batch.tasks import GlossarySpec, Settings
from bilingual.engines.apertium import ApertiumEngine
from bilingual.errors import UsageError

distributed = pytest.importorskip("distributed")

pytestmark = [
    pytest.mark.skipif(not ApertiumEngine().supports("es", "en"), reason="Apertium es-en is not installed"),
    # the scheduler's HTTP routes (no dashboard) move off port 8787 when another test run holds it
    pytest.mark.filterwarnings("ignore:Port 8787 is already in use:UserWarning"),
]


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".batch" not in p.relative_to(root).parts
    }


@pytest.fixture
def cluster() -> object:
    local = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        host="127.0.0.1",
        protocol="tcp://",
        dashboard_address=None,
        silence_logs=50,
    )
    try:
        yield local
    finally:
        local.close(timeout=20)


def test_translate_and_align_on_a_local_dask_cluster_match_an_in_process_run(tmp_path: Path, cluster: object) -> None:
    es, en = write_archive(tmp_path)
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    assert address.startswith("tcp://127.0.0.1:")
    settings = Settings(kind="", outdir="", engine="apertium", fmt="jsonl", glossary=GlossarySpec(use=False))
    local = batch_translate([str(es)], str(tmp_path / "local"), settings)
    remote = batch_translate([str(es)], str(tmp_path / "dask"), settings, ExecutorChoice(scheduler=address))
    assert local.ok and remote.ok and remote.ran == 4
    assert _tree(tmp_path / "local") == _tree(tmp_path / "dask")
    assert not list((tmp_path / "dask" / ".batch" / "caches").iterdir())  # merged into the user's cache

    pair = replace(settings, source_lang="es", target_lang="en")
    aligned = batch_align(str(es), str(en), str(tmp_path / "align"), pair, ExecutorChoice(scheduler=address))
    assert aligned.ok and aligned.summary["pairs"] == 3 and aligned.summary["tmx_units"] > 0


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    es, _ = write_archive(tmp_path)
    settings = Settings(kind="", outdir="", engine="apertium", glossary=GlossarySpec(use=False))
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        batch_translate([str(es)], str(tmp_path / "o"), settings, ExecutorChoice(scheduler="tcp://127.0.0.1:9"))
