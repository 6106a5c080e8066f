"""The golden files are what the engine gives for the bundled knowledge (a browser test holds the extension to them)."""

import json
from pathlib import Path

from click.testing import CliRunner

from orderwise import cli, golden, kb
from orderwise.engine import offered

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def test_the_golden_files_are_current():
    files = golden.build(kb.load())
    assert sorted(files) == sorted(path.name for path in GOLDEN.glob("*.json")), "run `orderwise export-golden`"
    for name, text in files.items():
        assert (GOLDEN / name).read_text(encoding="utf-8") == text, (
            f"tests/golden/{name}: run `orderwise export-golden`"
        )


def test_the_check_names_the_command_when_a_file_is_stale(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli.main, ["export-golden", "-o", str(tmp_path)]).exit_code == 0
    assert runner.invoke(cli.main, ["export-golden", "-o", str(tmp_path), "--check"]).exit_code == 0
    (tmp_path / "reading.json").write_text("{}\n", encoding="utf-8")
    result = runner.invoke(cli.main, ["export-golden", "-o", str(tmp_path), "--check"])
    assert result.exit_code == 1
    assert "reading.json is out of date" in result.output and "run `orderwise export-golden`" in result.output


def test_the_golden_files_hold_every_status_situation_and_advice_language():
    knowledge = kb.load()
    files = golden.build(knowledge)
    langs = ["en", *knowledge.data["translations"]]
    assert sorted(files) == sorted(["reading.json", "disputes.json", *(f"advice-{lang}.json" for lang in langs)])
    for lang in langs:
        table = json.loads(files[f"advice-{lang}.json"])["advice"]
        assert set(table) == set(knowledge.statuses)
        for status, entry in table.items():
            assert set(entry["situations"]) == {s["key"] for s in offered(knowledge.data["situations"], status)}
    kits = json.loads(files["disputes.json"])["kits"]
    assert set(kits) == set(langs)
    for lang in langs:
        assert set(kits[lang]) == set(knowledge.data["disputes"]["statuses"])
        for entry in kits[lang].values():
            assert set(entry["situations"]) == {s["key"] for s in knowledge.data["disputes"]["situations"]}
    texts = {case["text"] for case in json.loads(files["reading.json"])["cases"]}
    assert set(golden.EXAMPLES) <= texts
    assert {w["text"] for s in knowledge.data["statuses"] for w in s["words"]} <= texts
