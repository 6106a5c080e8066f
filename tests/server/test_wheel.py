"""The installed package is whole: a wheel built from the project, installed into a fresh virtual
environment, answers in Russian and makes its database from the migrations it ships."""

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Run inside the fresh environment, from a folder outside the checkout.
PROBE = """
import json, orderwise
from orderwise import create_app
client = create_app({"TESTING": True}).test_client()
advice = client.post("/api/v1/advice", json={"status": "unpaid", "lang": "ru"}).json
print(json.dumps({"module": orderwise.__file__, "lang": advice["lang"], "verdict": advice["verdict"],
                  "ready": client.get("/api/v1/ready").status_code}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a copy of the sources, so the build leaves nothing in the checkout."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    shutil.copytree(ROOT / "server", source / "server", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    # Built as pip builds it for a user (in its isolated build environment,
    # with the setuptools pyproject.toml asks for).
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check", "-w", out,
         source],
        check=True,
        capture_output=True,
    )  # fmt: skip
    [built] = out.glob("orderwise-*.whl")
    return built


def test_the_wheel_holds_every_file_of_the_package(wheel):
    """The knowledge with its translations, the migrations, the code: nothing is left behind."""
    package = ROOT / "server"
    files = {
        path.relative_to(package).as_posix()
        for path in (package / "orderwise").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert {"orderwise/knowledge/translations/ru.yaml", "orderwise/migrations/env.py"} <= files
    assert files - set(zipfile.ZipFile(wheel).namelist()) == set()


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A fresh environment with only the wheel installed into it: its folder and its site-packages.

    Its dependencies are the test environment's own, reached through a .pth
    line (a plain path: the .pth files there, among them the checkout's
    editable install, are not run), so nothing is downloaded and the
    orderwise imported is the wheel's, which comes first on sys.path.
    """
    fresh = tmp_path_factory.mktemp("installed") / "venv"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site_packages, "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--quiet",
         "--disable-pip-version-check", wheel],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return fresh, site_packages


def test_an_installed_wheel_gives_russian_advice(installed, tmp_path):
    fresh, site_packages = installed
    env = {"PATH": "/usr/bin:/bin", "ORDERWISE_DATABASE_URL": f"sqlite:///{tmp_path / 'reports.sqlite3'}"}
    python = fresh / "bin" / "python"
    done = subprocess.run([python, "-c", PROBE], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["module"].startswith(site_packages)
    assert answer["lang"] == "ru" and any("\u0400" <= char <= "\u04ff" for char in answer["verdict"])
    assert answer["ready"] == 200  # its database was made from the shipped migrations


def test_an_installed_demo_without_a_checkout_asks_for_the_extension(installed, tmp_path):
    """The wheel ships the sample pages but not the extension: the demo says how to give it one."""
    fresh, site_packages = installed
    assert Path(site_packages, "orderwise", "demo_pages", "list.html").is_file()
    env = {"PATH": "/usr/bin:/bin", "ORDERWISE_DATABASE_URL": f"sqlite:///{tmp_path / 'reports.sqlite3'}"}
    done = subprocess.run([fresh / "bin" / "orderwise", "demo"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 1 and "--extension PATH" in done.stderr, done.stderr
    assert not (tmp_path / "orderwise-demo").exists()  # nothing started, nothing written
