"""One engine in two languages: the extension's reading (content/read.js) and
composing (content/advice.js), run in Chromium over the snapshot it ships, give
exactly what the service's engine wrote into tests/golden/ (orderwise export-golden)."""

import json
from pathlib import Path

import pytest
from extension_helpers import SNAPSHOT
from harness import extension_id

from orderwise import golden

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REGENERATE = (
    "If the knowledge changed, run `.venv/bin/orderwise export-snapshot` and `.venv/bin/orderwise export-golden`"
    " and commit both; otherwise the two engines drifted: fix the one that is wrong"
    " (server/orderwise/engine/ or extension/common/words.js, content/read.js, content/advice.js)."
)


def load(name):
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


ADVICE_FILES = sorted(path.name for path in GOLDEN.glob("advice-*.json"))


@pytest.fixture(scope="module")
def engine_page(shared_context):
    """An extension page with the content scripts' reading and composing code loaded."""
    page = shared_context.new_page()
    page.goto(f"chrome-extension://{extension_id(shared_context)}/options/options.html")
    scripts = ("../common/words.js", "../content/selectors.js", "../content/read.js", "../content/advice.js")
    for path in (*scripts, "../content/kit.js"):
        page.add_script_tag(url=path)
    page.wait_for_function("() => globalThis.orderwise && globalThis.orderwise.advice && globalThis.orderwise.kit")
    yield page
    page.close()


def first_difference(expected, actual, path=""):
    """The first place two JSON values differ, as (path, expected, actual), or None."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            found = first_difference(expected.get(key, "<missing>"), actual.get(key, "<missing>"), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        for i, (left, right) in enumerate(zip(expected, actual, strict=False)):
            found = first_difference(left, right, f"{path}[{i}]")
            if found:
                return found
        return None if len(expected) == len(actual) else (f"{path} length", len(expected), len(actual))
    return None if expected == actual else (path, expected, actual)


def test_the_golden_files_are_of_the_knowledge_the_extension_ships():
    for name in ["reading.json", "disputes.json", *ADVICE_FILES]:
        assert load(name)["version"] == SNAPSHOT["version"], f"tests/golden/{name} is of other knowledge. {REGENERATE}"


def test_the_extension_reads_every_text_as_the_service_does(engine_page):
    """Every known word, the words inside longer texts, cue overrides, the edge examples."""
    cases = load("reading.json")["cases"]
    read = engine_page.evaluate(
        """([texts, knowledge]) => {
          const index = orderwise.read.buildIndex(knowledge);
          return texts.map((text) => orderwise.read.classification(text, index));
        }""",
        [[case["text"] for case in cases], SNAPSHOT],
    )
    for case, got in zip(cases, read, strict=True):
        expected = {key: case[key] for key in ("status", "confidence", "match", "words")}
        assert got == expected, f"read.js reads {case['text']!r} as {got}, the engine as {expected}. {REGENERATE}"


COMPOSE = """([knowledge, lang, orderId]) => {
  const pick = (window) => Object.fromEntries(Object.entries(window).filter(([k]) => /^(min|max)_/.test(k)));
  const panel = (status, requested) => {
    const situations = {};
    const cited = new Set();
    let shown = null;
    for (const situation of knowledge.situations) {
      if ((situation.statuses || []).length > 0 && !situation.statuses.includes(status.key)) continue;
      const advice = orderwise.advice.compose(knowledge, status.key, situation.key, orderId, lang, requested);
      for (const source of advice.sources) cited.add(source.id);
      const s = advice.situation;
      situations[situation.key] = s && {
        key: s.key,
        reason: s.reason && { label: s.reason.label, fault: s.reason.fault, sources: s.reason.sources },
        note: s.note,
        message: s.message,
        message_translation: s.messageTranslation,
      };
      shown = advice;
    }
    return {
      advice: {
        label: shown.label,
        stage: shown.status.stage,
        can_cancel: shown.canCancel,
        requested: shown.requested,
        verdict: shown.verdict.text,
        badge: shown.badge,
        action: { key: shown.action.key, label: shown.action.label },
        steps: shown.action.steps,
        current_step: shown.action.currentStep,
        avoid: shown.avoid.map((line) => line.text),
        warnings: shown.warnings.map((w) => ({ text: w.text, sources: w.sources })),
        windows: shown.windows.map((w) => ({
          key: w.key, ...pick(w), label: w.label, note: w.note, uncertain: w.uncertain, sources: w.sources,
        })),
        situations: shown.situations.map((s) => [s.key, s.label]),
        sources: [...cited].sort(),
      },
      situations,
    };
  };
  const table = {};
  for (const status of knowledge.statuses) {
    table[status.key] = { ...panel(status, false), requested: panel(status, true) };
  }
  return table;
}"""


@pytest.mark.parametrize("name", ADVICE_FILES)
def test_the_extension_composes_every_status_and_situation_as_the_service_does(engine_page, name):
    expected = load(name)
    composed = engine_page.evaluate(COMPOSE, [SNAPSHOT, expected["lang"], golden.ORDER_ID])
    found = first_difference(expected["advice"], composed)
    assert found is None, (
        f"advice.js composes {expected['lang']} advice{found[0]} as {found[2]!r}, the engine as {found[1]!r}."
        f" {REGENERATE}"
    )


def test_knowledge_without_what_compose_reads_is_not_used(engine_page):
    """A service older than badges or sourced steps (or a broken one) is treated as down, so the
    panel never composes from knowledge that lacks them: the snapshot it ships is used instead."""
    checks = engine_page.evaluate(
        """async (knowledge) => {
          const { isKnowledge } = await import('/background/validation.js');
          const edited = (edit) => {
            const copy = structuredClone(knowledge);
            edit(copy.statuses.find((status) => status.key === 'awaiting_shipment'));
            return isKnowledge(copy);
          };
          return {
            shipped: isKnowledge(knowledge),
            noBadge: edited((status) => delete status.badge),
            oddDeadline: edited((status) => (status.badge.dated = { text: 'Soon {due}', deadline: 'someday' })),
            oddWaiting: edited((status) => (status.once_requested = 'nowhere')),
            plainSteps: edited((status) => (status.action.steps = status.action.steps.map((step) => step.text))),
          };
        }""",
        SNAPSHOT,
    )
    assert checks == {"shipped": True, "noBadge": False, "oddDeadline": False, "oddWaiting": False, "plainSteps": False}


KITS = """([knowledge, langs, examples]) => {
  const table = {};
  for (const lang of langs) {
    table[lang] = {};
    for (const status of knowledge.disputes.statuses) {
      const situations = {};
      for (const situation of knowledge.disputes.situations) {
        const kit = orderwise.kit.compose(knowledge, status, situation.key, lang);
        situations[situation.key] = {
          kit,
          descriptions: examples.map((facts) => orderwise.kit.description(kit.template, facts)),
          translations: examples.map((facts) => orderwise.kit.description(kit.template_translation, facts)),
        };
      }
      table[lang][status] = { default: orderwise.kit.compose(knowledge, status, null, lang).situation.key, situations };
    }
  }
  return table;
}"""


def test_the_extension_composes_every_dispute_kit_as_the_service_does(engine_page):
    """Every status with a kit, every kit situation, every language, and the description filled with a
    page's facts (all of them, and only a few)."""
    expected = load("disputes.json")["kits"]
    composed = engine_page.evaluate(KITS, [SNAPSHOT, list(expected), golden.FACTS])
    found = first_difference(expected, composed)
    assert found is None, f"kit.js composes{found[0]} as {found[2]!r}, the engine as {found[1]!r}. {REGENERATE}"
