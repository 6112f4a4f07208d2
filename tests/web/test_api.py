"""The JSON API: every endpoint, its filters and errors, the write endpoint's token."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import sitrep
from sitrep.web import CONTENT_SECURITY_POLICY, create_app

from .conftest import TOKEN

_BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(web_db: str) -> TestClient:
    return TestClient(create_app(web_db))


def test_events_are_paged_sorted_and_filtered(client: TestClient, web_db: str) -> None:
    everything = client.get("/api/events", params={"limit": 1000}).json()
    assert everything["ok"] and everything["total"] == len(sitrep.events(web_db)) == len(everything["events"])
    page = client.get("/api/events", params={"limit": 3, "offset": 2, "sort": "-date"}).json()
    dates = [e["date_earliest"] for e in everything["events"]]
    assert [e["date_earliest"] for e in page["events"]] == sorted(dates, reverse=True)[2:5]
    iraq = client.get("/api/events", params={"country": "iq", "limit": 1000}).json()["events"]
    assert iraq and all(e["country"] == "IQ" for e in iraq)
    drones = client.get("/api/events", params={"weapon": "drone", "claim": "confirmed"}).json()["events"]
    assert drones and all("drone" in e["weapons"] and e["claim"] == "confirmed" for e in drones)
    window = client.get("/api/events", params={"since": "2024-01-01", "until": "2024-01-31"}).json()["events"]
    assert window and all(e["date_latest"] >= "2024-01-01" and e["date_earliest"] <= "2024-01-31" for e in window)
    assert all(
        e["attacker"] == "Houthis" for e in client.get("/api/events", params={"attacker": "houth"}).json()["events"]
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": 0}, "bad parameters: limit"),
        ({"since": "yesterday"}, "bad parameters: since"),
        ({"claim": "rumoured"}, "bad parameters: claim"),
        ({"country": "IRQ"}, "bad parameters: country"),
        ({"since": "2024-02-01", "until": "2024-01-01"}, "since is after until"),
        ({"sort": "text"}, "sort must be one of date, sources, place"),
        ({"view": "everything"}, "bad parameters: view"),
        ({"weapon": "\x00"}, "NUL character"),
    ],
)
def test_bad_parameters_are_a_clear_400(client: TestClient, params: dict[str, object], message: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["status"] == 400 and message in body["error"]


def test_a_nul_in_a_filter_is_a_usage_error_on_every_backend(web_db: str) -> None:
    with pytest.raises(sitrep.UsageError, match="the attacker filter contains a NUL character"):
        sitrep.events(web_db, attacker="Hou\x00this")


def test_one_event_has_its_mentions_outlets_and_evidence(client: TestClient) -> None:
    listed = client.get("/api/events", params={"limit": 1000}).json()["events"]
    tower = next(e for e in listed if e["place_canonical"] == "Tower 22")
    detail = client.get(f"/api/events/{tower['id']}").json()
    assert detail["event"]["id"] == tower["id"]
    (mention,) = detail["mentions"]
    assert "Tower 22" in mention["evidence_text"][0] and mention["outlet"] == "tower22-jordan.txt"
    body = client.get(f"/api/reports/{mention['report_id']}").json()
    start, end = mention["spans"]["place"]
    assert body["report"]["text"][start:end] == "Tower 22"
    assert [m["spans"]["place"] for m in body["mentions"]] == [[start, end]]


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/api/events/ev-000000000000", "/api/reports/abc"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["ok"] is False


def test_figures_and_stats(client: TestClient) -> None:
    series = client.get("/api/figures", params={"metric": "attacks"}).json()["series"]
    assert series and all(s["metric"] == "attacks" for s in series)
    stats = client.get("/api/stats").json()
    assert stats["total"] == sum(n for _, n in stats["by"]["country"])
    assert stats["coverage"][0]["quoted"] == 100


def test_one_figure_has_its_log_and_figures_are_listed_by_review_state(web_db: str) -> None:
    client = TestClient(create_app(web_db, token=TOKEN))
    listed = [f for s in client.get("/api/figures").json()["series"] for f in s["figures"]]
    key = listed[0]["key"]
    assert client.get(f"/api/figures/{key}").json()["figure"]["evidence"] == listed[0]["evidence"]
    assert client.get("/api/figures/nosuch:f1").status_code == 404
    decided = client.post(
        f"/api/figures/{key}/decisions", json={"action": "reject", "note": "not a tally"}, headers=_BEARER
    )
    assert decided.json()["figure"]["review"] == "rejected"
    one = client.get(f"/api/figures/{key}").json()
    assert [(d["action"], d["note"]) for d in one["decisions"]] == [("reject", "not a tally")]
    by_state = {
        state: [
            f["key"]
            for s in client.get("/api/figures", params={"review": state}).json()["series"]
            for f in s["figures"]
        ]
        for state in ("rejected", "unreviewed")
    }
    assert by_state["rejected"] == [key] and key not in by_state["unreviewed"]
    assert len(by_state["unreviewed"]) == len(listed) - 1
    assert key not in [f["key"] for s in client.get("/api/figures").json()["series"] for f in s["figures"]]


def test_rejected_events_leave_the_counts_and_the_default_view(web_db: str) -> None:
    client = TestClient(create_app(web_db, token=TOKEN))
    before = client.get("/api/stats").json()
    first = client.get("/api/events", params={"background": "false"}).json()["events"][0]["id"]
    client.post(f"/api/events/{first}/decisions", json={"action": "reject"}, headers=_BEARER)
    after = client.get("/api/stats").json()
    assert after["total"] == before["total"] - 1
    assert (before["left_out"]["rejected"], after["left_out"]["rejected"]) == (0, 1)
    assert client.get("/api/stats", params={"with_rejected": "true"}).json()["total"] == before["total"]
    kept = client.get("/api/events", params={"rejected": "false"}).json()
    assert first not in [e["id"] for e in kept["events"]]
    assert [e["id"] for e in client.get("/api/events", params={"rejected": "true"}).json()["events"]] == [first]


def test_pages_carry_a_content_security_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "<script>" not in response.text.replace(
        '<script src="', ""
    )


def test_hostile_text_comes_back_as_plain_json_text(client: TestClient) -> None:
    listed = client.get("/api/events", params={"limit": 1000}).json()["events"]
    tanf = next(e for e in listed if e["place_canonical"] == "al-Tanf garrison" and e["date"] == "2024-01-21")
    mention = client.get(f"/api/events/{tanf['id']}").json()["mentions"][0]
    assert "<script>alert('body')</script>" in mention["evidence_text"][0]  # data, not markup: the page escapes it


@pytest.mark.parametrize("column", ["date", "place", "attacker", "target", "claim", "country"])
def test_every_column_of_the_table_sorts_both_ways(client: TestClient, column: str) -> None:
    key = {"place": "place_canonical", "date": "date_earliest"}.get(column, column)
    up = [e[key] or "" for e in client.get("/api/events", params={"sort": column, "limit": 1000}).json()["events"]]
    down = [
        e[key] or "" for e in client.get("/api/events", params={"sort": f"-{column}", "limit": 1000}).json()["events"]
    ]
    assert len(set(up)) > 1 and up == sorted(up) and down == sorted(up, reverse=True)


def test_the_map_view_is_every_matching_event_in_compact_rows(client: TestClient) -> None:
    points = client.get("/api/events", params={"view": "map", "country": "IQ"}).json()
    full = client.get("/api/events", params={"country": "IQ", "limit": 1000}).json()
    assert points["total"] == full["total"] == len(points["events"]) > 1
    rows = [dict(zip(points["fields"], row, strict=True)) for row in points["events"]]
    assert {r["id"] for r in rows} == {e["id"] for e in full["events"]}
    by_id = {e["id"]: e for e in full["events"]}
    assert all(by_id[r["id"]][name] == value for r in rows for name, value in r.items())


def test_a_listed_event_is_the_event_its_own_page_gives(client: TestClient) -> None:
    listed = client.get("/api/events", params={"limit": 1000}).json()["events"]
    assert len(listed) > 1
    for event in listed:
        assert client.get(f"/api/events/{event['id']}").json()["event"] == event


def test_tallies_points_and_pages_are_worked_out_again_when_the_database_changes(web_db: str) -> None:
    writable = TestClient(create_app(web_db, token=TOKEN))
    before = writable.get("/api/stats").json()
    news = {"background": "false"}  # what the tallies count
    points = writable.get("/api/events", params={"view": "map", **news}).json()["total"]
    assert writable.get("/api/events", params=news).json()["total"] == points == before["total"]
    assert writable.get("/api/stats").json() == before  # kept, and the same
    body = {"text": "Two drones struck the Harir air base in Erbil province on Wednesday.", "published": "2023-10-18"}
    writable.post("/api/reports", json=body, headers={"Authorization": f"Bearer {TOKEN}"}).raise_for_status()
    after = writable.get("/api/stats").json()
    assert after["total"] == before["total"] + 1 == points + 1
    assert writable.get("/api/events", params={"view": "map", **news}).json()["total"] == points + 1
    assert writable.get("/api/events", params=news).json()["total"] == points + 1
    assert dict(after["by"]["place"])["Harir Air Base"] == dict(before["by"]["place"]).get("Harir Air Base", 0) + 1


def test_writing_needs_the_server_token(web_db: str) -> None:
    read_only = TestClient(create_app(web_db))
    assert read_only.post("/api/reports", json={"text": "x"}).status_code in (404, 405)
    writable = TestClient(create_app(web_db, token=TOKEN))
    body = {"text": "Two drones struck the Harir air base in Erbil province on Wednesday.", "published": "2023-10-18"}
    assert writable.post("/api/reports", json=body).status_code == 401
    assert writable.post("/api/reports", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    not_ascii = {"Authorization": "Bearer t\xe9".encode("latin-1")}
    assert writable.post("/api/reports", json=body, headers=not_ascii).status_code == 401
    created = writable.post("/api/reports", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert created.status_code == 201 and created.json()["mentions"] == 1
    again = writable.post("/api/reports", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.status_code == 200 and again.json()["stored"] is False
    harir = writable.get("/api/events", params={"since": "2023-10-18", "until": "2023-10-18"}).json()["events"]
    assert [e["place_canonical"] for e in harir] == ["Harir Air Base"]
    assert (
        writable.post("/api/reports", json={"text": ""}, headers={"Authorization": f"Bearer {TOKEN}"}).status_code
        == 400
    )
    for bad in ({"published": "x" * 100}, {"published": 20231018}, {"source": {"a": 1}}, {"title": "t" * 2000}):
        refused = writable.post("/api/reports", json={**body, **bad}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert refused.status_code == 400, bad


def test_the_api_survives_a_bounded_schemathesis_run(web_db: str) -> None:
    import schemathesis

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(web_db))
    failures: list[tuple[str, int, str]] = []
    for operation in schema.get_all_operations():
        _fuzz(operation.ok(), failures)
    assert failures == []


def _fuzz(operation: object, failures: list[tuple[str, int, str]]) -> None:
    from hypothesis import HealthCheck, given, settings

    @given(operation.as_strategy())  # type: ignore[attr-defined]
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: object) -> None:
        response = case.call()  # type: ignore[attr-defined]
        if response.status_code >= 500:
            failures.append((case.formatted_path, response.status_code, response.text[:200]))  # type: ignore[attr-defined]

    check()


def test_a_filter_value_is_text_not_a_like_pattern(web_db: str) -> None:
    everything = sitrep.events(web_db)
    assert everything and sitrep.events(web_db, attacker="%") == [] and sitrep.events(web_db, attacker="_") == []
    with pytest.raises(sitrep.UsageError, match="unknown weapon '%'"):
        sitrep.events(web_db, weapon="%")
    named = next(e.attacker for e in everything if e.attacker)
    assert sitrep.events(web_db, attacker=named[:4].lower())


def test_there_is_no_blank_docs_page_but_the_schema_is_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "sitrep"


def test_serving_beyond_this_machine_warns(web_db: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "sitrep", "serve", "--db", web_db, "--host", "0.0.0.0", "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        lines = [server.stderr.readline() for _ in range(2)]
    finally:
        server.kill()
        server.wait()
    assert lines[1].startswith("warning: listening on 0.0.0.0: anyone who can reach this machine can read")
    assert "read-only" in lines[1]


def test_a_write_is_refused_before_its_body_is_read(web_db: str) -> None:
    from sitrep.web import MAX_BODY_BYTES

    writable = TestClient(create_app(web_db, token=TOKEN))
    over = {"Content-Length": str(MAX_BODY_BYTES + 1), "Content-Type": "application/json"}
    # without the token: 401, whatever the size
    assert writable.post("/api/reports", content=b"{}", headers=over).status_code == 401
    authorized = {**over, "Authorization": f"Bearer {TOKEN}"}
    assert writable.post("/api/reports", content=b"{}", headers=authorized).status_code == 413

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    streamed = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    refused = writable.post("/api/reports", content=chunks(), headers=streamed)
    assert refused.status_code == 413 and refused.json()["ok"] is False
