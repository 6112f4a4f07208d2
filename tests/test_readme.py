"""The README's examples: each `$ sitrep ...` line runs, in order, and prints what the README shows.

A README block is a shell session: `$ ` starts a command, the lines up to the next
command are what it prints. "..." (or "…") in a shown line stands for any text, and a
line of its own for any lines. The examples that need what a test cannot hold here (a
web address, a database of the reader's own campaign, ids the reader picks, a server)
are listed in NOT_RUN_HERE with the test that runs the same command on its own data.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

from .conftest import ROOT

# A command's first words, and the test that runs that command instead.
NOT_RUN_HERE = {
    "sitrep ingest https://": "tests/read/test_fetch.py::test_a_page_and_a_feed_are_fetched_and_dated",
    "sitrep review merge ev-aaa": "tests/test_review.py::test_decisions_survive_new_reports_and_refusion",
    "sitrep review split ev-aaa": "tests/test_review.py::test_decisions_survive_new_reports_and_refusion",
    "sitrep review reject ev-ccc": "tests/test_review.py::test_the_command_line_mirrors_the_api",
    "sitrep review edit 3c9e01d2…": "tests/test_review.py::test_a_coder_rejects_and_re_assigns_figures_and_it_holds_through_re_ingest",
    "sitrep review reject 3c9e01d2…": "tests/test_review.py::test_figures_are_reviewed_through_the_cli_and_the_json_api",
    "sitrep review resolve 87a500f5…": "tests/test_review.py::test_the_queue_through_the_cli_and_the_json_api",
    "sitrep review resolve 3c9e01d2…": "tests/test_review.py::test_a_coder_places_an_attack_by_coordinates_through_the_cli",
    "sitrep figures --db campaign.db": "tests/test_analyze.py::test_the_shared_tallies_form_one_series_in_date_order",
    "sitrep stats --db campaign.db": "tests/test_analyze.py::test_stats_and_the_chart",
    "sitrep serve": "tests/web/test_browser.py::test_markers_match_the_api_and_filters_change_everything",
    "sitrep brief --db campaign.db": "tests/test_background.py::test_the_printed_brief_is_on_the_paper_asked_for_with_ids_and_links",
    "sitrep batch": "tests/test_batch.py::test_spark_local_mode_gives_what_extract_gives",
    "sitrep ingest extracted/": "tests/test_batch.py::test_ingest_loads_a_batch_folder_and_fuses_it",
    "curl": "tests/web/test_api.py::test_writing_needs_the_server_token",
}


@dataclass(frozen=True)
class Example:
    line: int
    command: str
    shown: tuple[str, ...]


def readme_examples() -> list[Example]:
    """Every `$ ` command of the README's code blocks, with the lines shown after it."""
    examples: list[Example] = []
    in_block = False
    command: list[str] = []
    shown: list[str] = []
    start = 0

    def close() -> None:
        if command:
            examples.append(Example(start, "\n".join(command), tuple(shown)))

    for number, line in enumerate((ROOT / "README.md").read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            if in_block:
                close()
                command, shown = [], []
            in_block = not in_block
        elif in_block and line.startswith("$ "):
            close()
            command, shown, start = [line[2:]], [], number
        elif in_block and command and not shown and _continues(command):
            command.append(line)
        elif in_block and command:
            shown.append(line)
    return examples


def readme_python() -> list[str]:
    """The README's Python blocks."""
    return re.findall(r"^```python\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S | re.M)


def _continues(command: list[str]) -> bool:
    """A command goes on to the next line after a backslash or inside an open quote."""
    text = "\n".join(command)
    if text.endswith("\\"):
        return True
    try:
        shlex.split(text, comments=True)
    except ValueError:
        return True
    return False


def _skipped(example: Example) -> bool:
    return any(example.command.startswith(prefix) for prefix in NOT_RUN_HERE)


def _pattern(line: str) -> re.Pattern[str]:
    """A shown line as a pattern: "..." and "…" stand for any text, runs of spaces for any."""
    parts = re.split(r"\.\.\.|…", " ".join(line.split()))
    return re.compile(".*".join(re.escape(p) for p in parts))


_BORDERS = re.compile("[\u2500-\u257f]")


def _prints(output: str, shown: tuple[str, ...]) -> bool:
    """The shown lines appear in the output in order (a "..." line skips any lines)."""
    # a table's borders are drawing characters the README leaves out
    lines = [" ".join(_BORDERS.sub(" ", line).split()) for line in output.splitlines()]
    at = 0
    for want in (s for s in shown if s.strip() and s.strip() != "..."):
        pattern = _pattern(want)
        while at < len(lines) and not pattern.fullmatch(lines[at]):
            at += 1
        if at == len(lines):
            return False
        at += 1
    return True


def _run(example: Example, runner: CliRunner) -> str:
    """Run one README command in the current folder; return what it printed (stdout alone
    when the README sends stderr to a file). It fails exactly when the README shows an error."""
    text, stdin = example.command, None
    if text.startswith("echo "):
        piped, text = text.split("|", 1)
        stdin = shlex.split(piped, comments=True)[1] + "\n"
    words = shlex.split(text.replace("\\\n", " "), comments=True)
    stderr_to = None
    if "2>" in words:
        at = words.index("2>")
        stderr_to, words = words[at + 1], words[:at] + words[at + 2 :]
    assert words[0] == "sitrep", example
    result = runner.invoke(app, words[1:], input=stdin, env={"COLUMNS": "200"})
    fails = any(line.startswith("error:") for line in example.shown)
    assert (result.exit_code != 0) is fails, f"README line {example.line}: {example.command}\n{result.output}"
    if stderr_to is None:
        return result.output
    Path(stderr_to).write_text(result.stderr, encoding="utf-8")
    return result.stdout


def test_every_readme_command_is_run_here_or_by_a_named_test() -> None:
    examples = readme_examples()
    assert len(examples) > 20
    unknown = [e.command for e in examples if not e.command.startswith(("sitrep", "echo", "curl"))]
    assert not unknown
    for prefix, test in NOT_RUN_HERE.items():
        assert any(e.command.startswith(prefix) for e in examples), f"NOT_RUN_HERE lists {prefix!r}, not in README"
        path, _, name = test.partition(" ")[0].partition("::")
        assert (ROOT / path).exists() and f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), test


def _checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder laid out as the README assumes: samples/ in it, the shared corpora beside it."""
    work = tmp_path / "main"
    work.mkdir()
    (work / "samples").symlink_to(ROOT / "samples")
    (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    monkeypatch.chdir(work)
    monkeypatch.delenv("SITREP_DB", raising=False)
    return work


def test_the_readme_examples_print_what_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = _checkout(tmp_path, monkeypatch)
    # the README's broken.jsonl: a report on line 1, line 2 cut short
    report = '{"text": "Two rockets hit the Ain al-Asad air base in Anbar on Tuesday.", "published": "2024-01-23"}'
    (work / "broken.jsonl").write_text(report + "\n" + report[:30] + "\n", encoding="utf-8")
    runner = CliRunner()
    run = [e for e in readme_examples() if not _skipped(e)]
    wrong = [
        f"README line {e.line}: {e.command}\nshows:\n" + "\n".join(e.shown) + f"\nprints:\n{printed}"
        for e in run
        if not _prints(printed := _run(e, runner), e.shown)
    ]
    assert not wrong, "\n\n".join(wrong)
    assert len(run) >= 15


def test_the_readme_python_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _checkout(tmp_path, monkeypatch)
    (block,) = readme_python()
    exec(compile(block, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    # Syria's attacks of the samples with their sources, and the missing report.html skipped
    assert "Mezzeh Israel" in printed
    assert "skipped: report.html" in printed
