"""End-to-end: the msglint command on real files, stdin and configs, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_cli, run_inprocess

NOW = "2026-12-14T09:00:00+01:00"


def _json(proc) -> dict:  # type: ignore[no-untyped-def]
    assert proc.stderr == b"" or b"error" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("name", ["good-en.eml", "good-fr.eml"])
def test_good_examples_pass_with_a_high_score(name: str) -> None:
    proc = run_inprocess("check", str(EXAMPLES / name), "--format", "json")
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()
    result = _json(proc)["results"][0]
    assert result["score"] >= 90
    assert not [f for f in result["findings"] if f["severity"] != "info"]
    assert result["language"] == name[5:7]


@pytest.mark.parametrize("name", ["bad-en.eml", "bad-fr.eml"])
def test_bad_examples_fail_and_show_the_core_rules(name: str) -> None:
    proc = run_inprocess("check", str(EXAMPLES / name), "--format", "json")
    assert proc.returncode == 1
    result = _json(proc)["results"][0]
    codes = {f["code"] for f in result["findings"]}
    expected = {"SJ02", "CN02", "DL02", "UR02", "AK02", "CL04", "CL05"}
    assert expected <= codes, expected - codes
    # Hints (info) are shown, not scored (rules.toml, calibrated on real mail):
    # the warnings alone keep a bad draft under a perfect score.
    assert result["score"] < 100


def test_core_rules_all_shown_by_bundled_bad_examples() -> None:
    proc = run_inprocess("check", str(EXAMPLES), "--format", "json", "--fail-on", "never")
    assert proc.returncode == 0
    codes = {f["code"] for r in _json(proc)["results"] for f in r["findings"]}
    core = {
        "SJ01",
        "SJ02",
        "CN01",
        "CN02",
        "ST02",
        "ST03",
        "DL01",
        "DL02",
        "UR01",
        "UR02",
        "AK01",
        "AK02",
        "CL04",
        "CL05",
        "AK05",
    }
    assert core <= codes, core - codes


def test_text_output_format_and_no_colour_when_piped() -> None:
    proc = run_cli("check", str(EXAMPLES / "bad-en.eml"))
    out = proc.stdout.decode()
    assert "\x1b[" not in out
    first = out.splitlines()[0]
    path, line, col, rest = first.split(":", 3)
    assert path.endswith("bad-en.eml") and line.isdigit() and col.isdigit()
    assert rest.startswith(" SJ02 [warning] ") and rest.endswith("(subject.generic)")
    assert "score" in out and "█" in out


def test_stdin_email_is_detected_by_headers() -> None:
    data = (EXAMPLES / "bad-en.eml").read_bytes()
    proc = run_cli("check", "-", "--format", "json", stdin=data)
    result = _json(proc)["results"][0]
    assert result["path"] == "-"
    assert result["kind"] == "email"
    assert result["subject"] == "Quick question"


def test_stdin_chat_without_headers(tmp_path: Path) -> None:
    proc = run_inprocess(
        "check", "--format", "json", stdin="ok merci, je regarde ça demain".encode()
    )
    result = _json(proc)["results"][0]
    assert result["kind"] == "chat"
    assert result["language"] == "fr"


def test_text_file_with_subject_line(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Subject: Question\n\nCould you send the slides by Friday 5 pm CET?\n")
    proc = run_inprocess("check", str(draft), "--format", "json", "--now", NOW)
    result = _json(proc)["results"][0]
    assert result["kind"] == "email"
    sj02 = [f for f in result["findings"] if f["code"] == "SJ02"]
    assert sj02 and sj02[0]["line"] == 1 and sj02[0]["column"] == 10


def test_markdown_document() -> None:
    proc = run_inprocess("check", str(EXAMPLES / "onboarding-guide.md"), "--format", "json")
    result = _json(proc)["results"][0]
    assert result["kind"] == "doc"
    assert result["subject"] == "Onboarding a new virtual assistant"
    assert not [f for f in result["findings"] if f["family"] == "ask"]


def test_directory_is_walked_in_order() -> None:
    proc = run_inprocess("check", str(EXAMPLES), "--format", "json", "--fail-on", "never")
    paths = [r["path"] for r in _json(proc)["results"]]
    assert paths == sorted(paths)
    assert any(p.endswith(".md") for p in paths) and any(p.endswith(".txt") for p in paths)


def test_missing_file_is_one_clear_line_and_exit_2() -> None:
    proc = run_cli("check", "does-not-exist.eml")
    assert proc.returncode == 2
    err = proc.stderr.decode().strip().splitlines()
    assert err == ["msglint: error: does-not-exist.eml: no such file or directory"]


def test_other_files_still_checked_when_one_is_unreadable(tmp_path: Path) -> None:
    good = tmp_path / "ok.txt"
    good.write_text("Merci pour le point d'hier, tout est clair.")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    proc = run_inprocess("check", str(binary), str(good), "--format", "json")
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    assert [r["path"] for r in doc["results"]] == [str(good)]
    assert "binary" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_bad_option_value_is_a_usage_error() -> None:
    proc = run_cli("check", "--now", "yesterday", str(EXAMPLES / "good-en.eml"))
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("msglint: error: --now:")


def test_select_and_ignore_accept_codes_families_and_names() -> None:
    path = str(EXAMPLES / "bad-en.eml")
    only = _json(run_inprocess("check", path, "--format", "json", "--select", "DL"))
    assert {f["family"] for f in only["results"][0]["findings"]} == {"deadline"}
    named = _json(run_inprocess("check", path, "--format", "json", "--select", "ask.multiple"))
    assert {f["code"] for f in named["results"][0]["findings"]} == {"AK02"}
    ignored = _json(run_inprocess("check", path, "--format", "json", "--ignore", "SJ,clarity"))
    families = {f["family"] for f in ignored["results"][0]["findings"]}
    assert "subject" not in families and "clarity" not in families


def test_fail_on_and_min_score_gates() -> None:
    path = str(EXAMPLES / "bad-en.eml")
    assert run_inprocess("check", path, "--fail-on", "never").returncode == 0
    assert run_inprocess("check", path, "--fail-on", "never", "--min-score", "100").returncode == 1
    good = str(EXAMPLES / "good-en.eml")
    assert run_inprocess("check", good, "--min-score", "90").returncode == 0


def test_user_config_is_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "msglint.toml").write_text('ignore = ["SJ02"]\n[rules.AK02]\nmax_asks = 5\n')
    nested = tmp_path / "drafts" / "2026"
    nested.mkdir(parents=True)
    draft = nested / "d.eml"
    draft.write_bytes((EXAMPLES / "bad-en.eml").read_bytes())
    codes = {
        f["code"]
        for f in _json(run_inprocess("check", str(draft), "--format", "json"))["results"][0][
            "findings"
        ]
    }
    assert "SJ02" not in codes and "AK02" not in codes


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.msglint]\nselect = ["SJ"]\n'
    )
    draft = tmp_path / "d.eml"
    draft.write_bytes((EXAMPLES / "bad-en.eml").read_bytes())
    findings = _json(run_inprocess("check", str(draft), "--format", "json"))["results"][0][
        "findings"
    ]
    assert {f["family"] for f in findings} == {"subject"}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("[rules.AK02]\nmax_askz = 2\n", "rules.AK02.max_askz"),
        ("[rules.AK02]\nmax_asks = 'two'\n", "expected an integer"),
        ("fail_on = 'sometimes'\n", "fail_on"),
        ("[rules.ZZ99]\n", "unknown rule"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_exits_2_naming_file_and_key(
    tmp_path: Path, content: str, fragment: str
) -> None:
    config = tmp_path / "msglint.toml"
    config.write_text(content)
    proc = run_inprocess("check", "--config", str(config), str(EXAMPLES / "good-en.eml"))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert str(config) in err and fragment in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    proc = run_inprocess("check", str(EXAMPLES / "good-en.eml"), "--format", "json", "-o", str(out))
    assert proc.returncode == 0 and proc.stdout == b""
    assert json.loads(out.read_text())["results"][0]["grade"] == "A"


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    draft = tmp_path / "d.eml"
    original = (EXAMPLES / "bad-fr.eml").read_bytes()
    draft.write_bytes(original)
    run_inprocess("check", str(draft), "--format", "html", "-o", str(tmp_path / "r.html"))
    assert draft.read_bytes() == original


def test_rules_catalogue_and_documentation() -> None:
    listing = run_inprocess("rules").stdout.decode()
    assert "AK02" in listing and "ask.multiple" in listing and "39 rules" in listing
    doc = run_inprocess("rules", "AK02").stdout.decode()
    for section in ("What it does", "Why is this bad?", "Example", "Use instead", "max_asks"):
        assert section in doc
    by_name = run_inprocess("rules", "ask.multiple").stdout.decode()
    assert by_name.startswith("# AK02")
    assert run_inprocess("rules", "XX99").returncode == 2


def test_rules_show_the_configured_severity(tmp_path: Path) -> None:
    """`msglint rules` says what findings will carry: rules.toml's and the user's severities."""
    listing = run_inprocess("rules").stdout.decode()
    (ak01,) = [line.split() for line in listing.splitlines() if line.startswith("AK01 ")]
    assert ak01[3] == "info"  # coded as a warning, demoted to a hint in rules.toml
    (ak04,) = [line.split() for line in listing.splitlines() if line.startswith("AK04 ")]
    assert ak04[3:5] == ["info", "warning"]  # its strong hits warn
    config = tmp_path / "msglint.toml"
    config.write_text('[rules.AK01]\nseverity = "error"\n[rules.CN05]\nseverity = "off"\n')
    mine = run_inprocess("rules", "--config", str(config), "--format", "json").stdout
    records = {r["code"]: r for r in json.loads(mine)}
    assert records["AK01"]["severity"] == "error" and records["AK01"]["coded_severity"] == "warning"
    assert records["CN05"]["severity"] == "off"
    doc = run_inprocess("rules", "AK04", "--config", str(config)).stdout.decode()
    assert "severity: info (strong hits: warning) (coded default: warning)" in doc


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.decode().startswith("msglint ")


def test_inspect_json_facts() -> None:
    proc = run_inprocess("inspect", str(EXAMPLES / "bad-en.eml"), "--format", "json", "--now", NOW)
    facts = json.loads(proc.stdout)["inputs"][0]
    for key in (
        "path",
        "kind",
        "language",
        "subject",
        "body",
        "quoted",
        "signature",
        "attachments",
        "sentences",
        "asks",
        "times",
        "deadlines",
        "urgency",
        "metrics",
    ):
        assert key in facts
    body = facts["body"]
    for item in facts["asks"] + facts["times"] + facts["deadlines"]:
        assert body[item["start"] : item["end"]] == item["text"] or item.get("field") == "subject"
    asap = [t for t in facts["times"] if t["text"] == "ASAP"]
    assert asap and asap[0]["vague"] and asap[0]["value"] is None
    clock = [t for t in facts["times"] if "5pm" in t["text"]]
    assert clock and clock[0]["has_time"] and not clock[0]["has_timezone"]
    # The closing "Thanks, / Alex" is own text: nothing of it is left as signature.
    assert facts["body"].endswith("Thanks,\nAlex") and facts["signature"] == ""


def test_json_report_is_valid_against_the_shipped_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "msglint" / "report" / "report.schema.json").read_text())
    proc = run_inprocess("check", str(EXAMPLES), "--format", "json", "--fail-on", "never")
    jsonschema.validate(json.loads(proc.stdout), schema)


def test_score_is_reproducible_from_findings_and_config() -> None:
    doc = _json(run_inprocess("check", str(EXAMPLES), "--format", "json", "--fail-on", "never"))
    for result in doc["results"]:
        total = sum(f["penalty"] for f in result["findings"])
        assert result["score"] == pytest.approx(max(0, 100 - total))
        per_rule: dict[str, float] = {}
        first: dict[str, float] = {}
        for f in result["findings"]:
            per_rule[f["code"]] = per_rule.get(f["code"], 0) + f["penalty"]
            first[f["code"]] = max(first.get(f["code"], 0), f["penalty"])
        # max_rule_penalty (15) caps repeats; one finding costs its rule's full penalty.
        assert all(v <= max(15, first[code]) for code, v in per_rule.items())


def test_baseline_reports_only_new_findings(tmp_path: Path) -> None:
    draft = tmp_path / "d.eml"
    original = (EXAMPLES / "bad-en.eml").read_text()
    draft.write_text(original)
    baseline = tmp_path / "baseline.json"
    first = run_inprocess(
        "check", str(draft), "--write-baseline", str(baseline), "--fail-on", "never"
    )
    assert first.returncode == 0 and baseline.is_file()
    assert run_inprocess("check", str(draft), "--baseline", str(baseline)).returncode == 0
    # An edit above every finding moves them all down: still known.
    draft.write_text(
        original.replace("Hi all,\n", "Hi all,\n\nOne more line on top, for context only.\n")
    )
    proc = run_inprocess("check", str(draft), "--baseline", str(baseline), "--format", "json")
    assert proc.returncode == 0, proc.stdout.decode()
    result = json.loads(proc.stdout)["results"][0]
    assert result["findings"] == [] and result["score"] == 100
    # A new problem is reported.
    draft.write_text(original.replace("Thanks,", "Please reply soon. Thanks,"))
    codes = {
        f["code"]
        for f in json.loads(
            run_inprocess(
                "check", str(draft), "--baseline", str(baseline), "--format", "json"
            ).stdout
        )["results"][0]["findings"]
    }
    assert codes, "the new vague deadline must be reported"


def test_bad_baseline_file_is_an_error(tmp_path: Path) -> None:
    bogus = tmp_path / "b.json"
    bogus.write_text("[1, 2]")
    proc = run_inprocess("check", str(EXAMPLES / "good-en.eml"), "--baseline", str(bogus))
    assert proc.returncode == 2 and "not a msglint baseline" in proc.stderr.decode()


def test_jobs_give_identical_output() -> None:
    one = run_inprocess(
        "check", str(EXAMPLES), "--format", "json", "--fail-on", "never", "--now", NOW
    )
    two = run_inprocess(
        "check",
        str(EXAMPLES),
        "--format",
        "json",
        "--fail-on",
        "never",
        "--now",
        NOW,
        "--jobs",
        "2",
    )
    assert one.stdout == two.stdout and one.returncode == two.returncode


def test_summary_counts_in_text_and_json() -> None:
    count = sum(1 for p in EXAMPLES.iterdir() if p.suffix in (".eml", ".txt", ".md"))
    proc = run_inprocess("check", str(EXAMPLES), "--fail-on", "never")
    tail = proc.stdout.decode().strip().splitlines()
    assert tail[-2].startswith(f"{count} checked") and "mean score" in tail[-2]
    assert tail[-1].startswith("by rule: ")
    doc = json.loads(
        run_inprocess("check", str(EXAMPLES), "--format", "json", "--fail-on", "never").stdout
    )
    summary = doc["summary"]
    assert summary["inputs"] == count and sum(summary["by_file"].values()) == summary["findings"]
