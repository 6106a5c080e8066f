"""``orderwise demo`` as a newcomer runs it: with no display, screenshots of the extension at work."""

import os
import struct
import subprocess
from pathlib import Path

from servers import ORDERWISE as COMMAND

from orderwise import create_app


def png_size(path):
    """(width, height) of a PNG file, read from its header."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def store_state(folder):
    """What a report store folder holds: each file with its size and modification time (None: no
    such folder)."""
    if not folder.exists():
        return None
    return {path.name: (path.stat().st_size, path.stat().st_mtime_ns) for path in folder.glob("*")}


def test_demo_without_a_display_writes_the_list_detail_and_phone_page_screenshots(tmp_path):
    # The demo runs a service of its own: the reports of the one a maintainer runs stay as they were.
    instance = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}"}).instance_path
    before = store_state(Path(instance))
    out = tmp_path / "shots"
    # As a maintainer runs it: no display, and no report database named (the suite names one).
    env = {key: value for key, value in os.environ.items() if key not in ("DISPLAY", "ORDERWISE_DATABASE_URL")}
    done = subprocess.run(
        [COMMAND, "demo", "--out", out], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # It prints the paths it wrote: the list (one badge opened), an order's detail page, the
    # service's own page as a phone shows it, and the panel on a phone.
    names = ["list.png", "detail.png", "phone-page.png", "phone-panel.png"]
    assert done.stdout.split() == [str(out / name) for name in names], done.stdout
    for name in ("list.png", "detail.png"):
        width, height = png_size(out / name)
        assert width == 1280 and height >= 900, (name, width, height)
    assert png_size(out / "phone-page.png")[0] == 360
    assert png_size(out / "phone-panel.png") == (360, 780)
    assert not (tmp_path / "orderwise-demo").exists()  # --out was used, not the default folder
    assert store_state(Path(instance)) == before
