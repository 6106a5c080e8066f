"""The content script reads statuses exactly as the service does (read.js mirrors kb.normalize and the engine)."""

import pytest
from harness import extension_id

from orderwise import kb
from orderwise.engine import Engine

KNOWLEDGE = kb.load()
ENGINE = Engine(KNOWLEDGE)

TRICKY = [
    "Processing",
    "  PROCESSING  ",
    "Awaiting\u00a0delivery",
    "Awaiting deliveryDate: Sep 15, 2026",
    "Cancelled",
    "Canceled",
    "ＣＡＮＣＥＬＥＤ",
    "Order cancelled by the seller",
    "주문취소",
    "Заказ отменён",
    "İPTAL EDİLDİ",
    "KAPANDI",
    "ملغي",
    "ЗАВЕРШЁН",
    "Finished!",
    "Awaiting_shipment\tnow #2 (seller: A.B.)",
    "Awaiting shipment " + "and more " * 40,
    "Frozen",
    "On hold, processing",
    "Café – déjà vu",
    "e\u0301tat",
    "",
    "   ",
    "12 345",
    "x" * 400,
]


@pytest.fixture(scope="module")
def reader(shared_context):
    """An extension page with the content script's reading code loaded."""
    page = shared_context.new_page()
    page.goto(f"chrome-extension://{extension_id(shared_context)}/options/options.html")
    for path in ("../common/words.js", "../content/selectors.js", "../content/read.js"):
        page.add_script_tag(url=path)
    page.wait_for_function("() => globalThis.orderwise && globalThis.orderwise.read")
    yield page
    page.close()


def test_normalize_matches_the_service(reader):
    """read.js's normalize folds every text exactly like kb.normalize."""
    variants = KNOWLEDGE.data["spelling_variants"]
    words = [word["text"] for status in KNOWLEDGE.data["statuses"] for word in status["words"]]
    texts = TRICKY + words
    folded = reader.evaluate(
        "([texts, variants]) => texts.map((t) => orderwise.read.normalize(t, variants))", [texts, variants]
    )
    assert folded == [kb.normalize(text, variants) for text in texts]


def test_classify_matches_the_service(reader):
    """read.js's classify gives every word and tricky text the status the engine gives it."""
    words = [word["text"] for status in KNOWLEDGE.data["statuses"] for word in status["words"]]
    texts = TRICKY + words + [f"{word} (2)" for word in words] + [f"Status: {word}" for word in words]
    keys = reader.evaluate(
        "([texts, knowledge]) => { const index = orderwise.read.buildIndex(knowledge);"
        " return texts.map((t) => orderwise.read.classify(t, index)); }",
        [texts, KNOWLEDGE.data],
    )
    assert keys == [ENGINE.classify(text).status for text in texts]


@pytest.mark.parametrize(
    ("text", "order_id"),
    [
        ("5550 6772 2909 7566", "5550677229097566"),
        ("Заказ 5550\u00a06801\u00a01187\u00a02034 от 14 сентября", "5550680111872034"),
        ("Ref. Number: 8190000000000001Copy", "8190000000000001"),
        ("Nº de pedido: 8190 0000 0000 0001", "8190000000000001"),
        ("Доставка 12 октября, 2 шт.", None),
    ],
)
def test_order_numbers_printed_in_groups_read_as_one_number(reader, text, order_id):
    assert reader.evaluate("(text) => orderwise.read.orderIdFromText(text)", text) == order_id
