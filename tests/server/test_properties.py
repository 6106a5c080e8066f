"""Whatever text a page shows, reading it and advising on it never fails."""

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from orderwise import kb
from orderwise.engine import Engine

ENGINE = Engine(kb.load())
KNOWLEDGE = ENGINE.knowledge
STATUS_KEYS = set(kb.STATUS_KEYS)
WORDS = [w["text"] for s in KNOWLEDGE.data["statuses"] for w in s["words"]]
texts = st.one_of(
    st.text(max_size=64),
    st.text(min_size=1000, max_size=5000),
    st.builds(lambda word, noise: word + noise, st.sampled_from(WORDS), st.text(max_size=20)),
)
langs = st.one_of(st.none(), st.sampled_from(["en", "ru", "es", "pt-BR"]), st.text(max_size=8))
zones = st.builds(lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-14 * 60, 14 * 60))
moments = st.builds(
    lambda when, zone: when.replace(tzinfo=UTC).astimezone(zone),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    zones,
)


@settings(max_examples=300, deadline=None)  # correctness, not speed: no flake on a busy machine
@given(texts, langs)
def test_classify_always_returns_a_known_status_the_same_way_twice(text, lang):
    first = ENGINE.classify(text, lang)
    assert first.status in STATUS_KEYS
    assert 0.0 <= first.confidence <= 1.0
    assert (first.status == "unknown") == (first.confidence == 0.0)
    assert ENGINE.classify(text, lang) == first


@settings(max_examples=300, deadline=None)  # correctness, not speed: no flake on a busy machine
@given(
    texts,
    st.one_of(st.none(), st.sampled_from(sorted(KNOWLEDGE.situations))),
    st.one_of(st.none(), st.sampled_from(sorted(KNOWLEDGE.payment_methods))),
    st.one_of(st.none(), moments),
)
def test_advise_never_raises_on_page_text_and_answers_the_same_twice(text, situation, method, requested_at):
    query = {"status_text": text, "situation": situation, "payment_method": method, "requested_at": requested_at}
    advice = ENGINE.advise(**query)
    assert advice["status"] in STATUS_KEYS
    assert advice["can_cancel"] == KNOWLEDGE.statuses[advice["status"]]["can_cancel"]
    assert ENGINE.advise(**query) == advice
    if requested_at is not None and "seller_answer" in (advice["deadlines"] or {}):
        assert datetime.fromisoformat(advice["deadlines"]["seller_answer"]["latest"]) > requested_at
