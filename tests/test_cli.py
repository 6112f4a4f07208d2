"""The command line: exact output lines, exit codes, and help for every command."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import sys
from pathlib import Path

from typer.testing import CliRunner

from sitrep.cli import app

from .conftest import ROOT

runner = CliRunner()


def test_ingest_samples_then_list_events(db: str, samples: Path) -> None:
    result = runner.invoke(app, ["ingest", str(samples), "--db", db])
    assert result.exit_code == 0, result.output
    assert re.search(
        r"read 11 reports: stored 11 \(0 already stored\), \d+ attack mentions, \d+ figures; 0 failed", result.stdout
    )
    listing = runner.invoke(app, ["events", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(listing.stdout)))
    places = {r["place_canonical"] for r in rows}
    assert "Tower 22" in places and "60 nautical miles southeast of Aden" in places
    assert all(r["date"] for r in rows)


def test_reingest_is_a_no_op(db: str, samples: Path) -> None:
    runner.invoke(app, ["ingest", str(samples), "--db", db])
    again = runner.invoke(app, ["ingest", str(samples), "--db", db])
    assert "stored 0 (11 already stored), 0 attack mentions, 0 figures; 0 failed" in again.stdout


def test_events_filters_by_country_and_weapon(db: str, samples: Path) -> None:
    runner.invoke(app, ["ingest", str(samples), "--db", db])
    result = runner.invoke(app, ["events", "--db", db, "--country", "ye", "--format", "json"])
    rows = json.loads(result.stdout)
    assert rows and {r["country"] for r in rows} == {"YE"}
    drones = json.loads(runner.invoke(app, ["events", "--db", db, "--weapon", "drone", "--format", "json"]).stdout)
    assert drones and all("drone" in r["weapons"] for r in drones)


def test_a_bad_file_fails_alone_and_the_batch_goes_on(db: str, samples: Path, tmp_path: Path) -> None:
    bad = tmp_path / "blob.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["ingest", str(samples / "tower22-jordan.txt"), str(bad), "--db", db])
    assert result.exit_code == 1
    assert f"error: {bad}: binary file, not a report" in result.stderr
    assert "stored 1 (0 already stored)" in result.stdout
    assert "Traceback" not in result.output


def test_extract_jsonl_lines_are_what_the_scorer_reads(samples: Path) -> None:
    result = runner.invoke(app, ["extract", str(samples / "red-sea.jsonl"), "--format", "jsonl"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    events = [line for line in lines if line.get("kind") != "figure"]
    assert events and all(
        {"doc", "date", "country", "lat", "lon", "place", "attacker", "target", "weapons", "claim"} <= set(e)
        for e in events
    )


def test_extract_reads_standard_input() -> None:
    text = " date 2023-10-18\nTwo drones struck the Harir air base in Erbil province on Wednesday.\n"
    result = runner.invoke(app, ["extract", "-"], input=text)
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert (line["place_canonical"], line["date"], line["doc"]) == ("Harir Air Base", "2023-10-18", "<stdin>")


def test_bad_options_and_paths_give_one_line(tmp_path: Path, db: str) -> None:
    missing = tmp_path / "missing"
    result = runner.invoke(app, ["eval", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {missing}: not a folder"
    bad_date = runner.invoke(app, ["events", "--db", db, "--since", "yesterday"])
    assert bad_date.exit_code == 2
    assert "'yesterday' is not a date (YYYY-MM-DD)" in bad_date.stderr


def test_every_command_has_help_and_is_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    assert commands
    for command in commands:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.stdout
        assert f"sitrep {command}" in readme, f"README.md does not show 'sitrep {command}'"


def test_help_shows_the_defaults_and_their_environment_variables() -> None:
    wide = {"COLUMNS": "250"}
    for command in ([c.name or c.callback.__name__] for c in app.registered_commands):  # type: ignore[union-attr]
        shown = runner.invoke(app, [*command, "--help"], env=wide).stdout
        if "--db" in shown:
            assert "$SITREP_DB, else ./sitrep.db" in shown, command
    assert "$SITREP_REVIEWER, else your login" in runner.invoke(app, ["review", "accept", "--help"], env=wide).stdout


def test_report_text_is_never_read_as_rich_markup(tmp_path: Path) -> None:
    # a folder named "feed [" makes the path hold the closing tag "[/italic]"
    (tmp_path / "feed [").mkdir()
    report = tmp_path / "feed [" / "italic] [bold]title.txt"
    report.write_text(
        " date 2024-01-24\nTwo drones struck the Harir air base in Erbil province on Wednesday, [/x] a source said.\n",
        encoding="utf-8",
    )
    for options in (["--explain"], ["--format", "table"]):
        result = runner.invoke(app, ["extract", str(report), *options], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert "feed [/italic] [bold]title.txt" in result.stdout.replace("\n", "")


def test_a_report_over_the_size_limit_is_one_line_and_the_rest_is_read(tmp_path: Path) -> None:
    small = "Two drones struck the Harir air base in Erbil province on Wednesday, a security source said.\n"
    (tmp_path / "a-small.txt").write_text(" date 2024-01-24\n" + small, encoding="utf-8")
    (tmp_path / "b-large.txt").write_text(" date 2024-01-24\n" + small * 100, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--max-bytes", "2000"])
    assert result.exit_code == 1
    assert f"{tmp_path / 'b-large.txt'}: over the size limit of 2,000 bytes" in result.output
    assert "a-small.txt" in result.stdout


def test_filters_take_country_names_and_plural_weapons(db: str, samples: Path) -> None:
    runner.invoke(app, ["ingest", str(samples), "--db", db])

    def listed(*args: str) -> list[str]:
        result = runner.invoke(app, ["events", "--db", db, "--format", "json", *args])
        return [r["id"] for r in json.loads(result.stdout)]

    assert listed("--country", "Yemen") == listed("--country", "YE") != []
    assert listed("--weapon", "drones") == listed("--weapon", "drone") != []
    for option, value, message in (
        ("--country", "Narnia", "error: unknown country 'Narnia'; give an ISO code (SY) or a name (Syria)"),
        ("--weapon", "spears", "error: unknown weapon 'spears'; choose from drone, rocket"),
    ):
        refused = runner.invoke(app, ["events", "--db", db, option, value])
        assert refused.exit_code == 2 and refused.stderr.startswith(message)


def test_a_read_command_refuses_a_database_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nosuch.db"
    for command in (["events"], ["stats"], ["figures"], ["review", "list"]):
        result = runner.invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 2, command
        assert result.stderr.strip() == f"error: {missing}: no such database (sitrep ingest makes one)"
    assert not missing.exists()


def test_output_into_a_missing_folder_is_one_error_line(db: str, samples: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["ingest", str(samples), "--db", db])
    target = tmp_path / "missing" / "brief.html"
    brief = runner.invoke(app, ["brief", "-o", str(target), "--db", db])
    assert brief.exit_code == 2
    assert brief.stderr.strip() == f"error: cannot write {target}: the folder {target.parent} does not exist"
    export = runner.invoke(app, ["export", "--format", "acled-csv", "-o", str(target), "--db", db])
    assert export.exit_code == 2 and export.stderr.startswith(f"error: cannot write {target}")
    assert "Traceback" not in brief.stderr + export.stderr


def test_version_and_a_port_in_use(db: str, samples: Path) -> None:
    from sitrep import __version__

    assert runner.invoke(app, ["--version"]).stdout == f"sitrep {__version__}\n"
    runner.invoke(app, ["ingest", str(samples), "--db", db])
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--db", db, "--port", str(port)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    assert "dashboard on" not in result.stderr


def test_parquet_without_pyarrow_says_what_to_install(db: str, samples: Path, tmp_path: Path, monkeypatch) -> None:
    runner.invoke(app, ["ingest", str(samples), "--db", db])
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as in the product install, where pyarrow is an extra
    export = runner.invoke(app, ["export", "--format", "parquet", "-o", str(tmp_path / "pq"), "--db", db])
    batch = runner.invoke(app, ["batch", str(samples), "--out", str(tmp_path / "out")])
    for result, purpose in ((export, "a Parquet export"), (batch, "sitrep batch")):
        assert result.exit_code == 2, result.output
        assert result.stderr == f"error: {purpose} needs pyarrow: pip install 'sitrep[parquet]'\n"
