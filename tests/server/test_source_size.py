"""Files a reader can hold: no Python file of the service is over 400 lines."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "server" / "orderwise"
MAX_LINES = 400


def test_no_python_file_of_the_service_is_over_400_lines():
    sizes = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert "kb/loading.py" in sizes and "engine/reading.py" in sizes  # the walk sees the subpackages
    assert {name: lines for name, lines in sizes.items() if lines > MAX_LINES} == {}
