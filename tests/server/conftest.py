import shutil

import pytest

from orderwise import kb


@pytest.fixture
def broken(tmp_path):
    """A copy of the bundled knowledge to break, one edit at a time: ``broken(file, old, new)``
    replaces the first ``old`` in that file and returns the copy's folder."""
    directory = tmp_path / "knowledge"
    shutil.copytree(kb.BUNDLED_DIR, directory)

    def edit(name, old, new):
        path = directory / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return directory

    return edit
