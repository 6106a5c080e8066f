"""requirements/test.lock, which tests/run installs with --require-hashes, pins every dependency
pyproject.toml names (and the test extra's) within its range, each with hashes."""

import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from orderwise import browser

PYPROJECT = tomllib.loads((browser.REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOCK = (browser.REPO / "requirements" / "test.lock").read_text(encoding="utf-8")
IN = (browser.REPO / "requirements" / "test.in").read_text(encoding="utf-8")
PINS = {canonicalize_name(name): version for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", LOCK, re.M)}
WANTED = [*PYPROJECT["dependencies"], *PYPROJECT["optional-dependencies"]["test"]]
WANTED += [line for line in IN.splitlines() if line.strip() and not line.startswith("#")]
# What a maintainer reads when the lock no longer fits: the one command that rebuilds it.
REFRESH = "regenerate it with `requirements/lock` (it needs the package index) and commit requirements/test.lock"


@pytest.mark.parametrize("wanted", WANTED)
def test_the_lock_pins_each_dependency_within_its_range(wanted):
    requirement = Requirement(wanted)
    pinned = PINS.get(canonicalize_name(requirement.name))
    assert pinned is not None, f"{wanted} is not in requirements/test.lock: {REFRESH}"
    assert requirement.specifier.contains(pinned, prereleases=True), (
        f"requirements/test.lock pins {requirement.name}=={pinned}, outside {wanted}: {REFRESH}"
    )


@pytest.mark.parametrize("wanted", [wanted for wanted in WANTED if Requirement(wanted).extras])
def test_the_lock_pins_what_each_extra_adds(wanted):
    """psycopg[binary] needs psycopg-binary: pip checks the lock's hashes, not that an extra's
    packages are in it, and without them PostgreSQL's tests would fail for want of a driver."""
    requirement = Requirement(wanted)
    added = []
    for line in metadata.requires(requirement.name) or []:
        needed = Requirement(line)
        chosen = needed.marker is not None and any(needed.marker.evaluate({"extra": e}) for e in requirement.extras)
        if chosen and not needed.marker.evaluate({"extra": ""}):  # the extra's own, on this machine
            added.append(needed)
    assert added, f"{wanted}: its extras add nothing here"
    for needed in added:
        pinned = PINS.get(canonicalize_name(needed.name))
        assert pinned is not None and needed.specifier.contains(pinned, prereleases=True), (
            f"{wanted} needs {needed.name}{needed.specifier}, requirements/test.lock pins {pinned}: {REFRESH}"
        )


def test_every_pin_has_hashes_and_the_lock_names_no_index():
    lines = LOCK.splitlines()
    pins = [number for number, line in enumerate(lines) if re.match(r"^[A-Za-z0-9_.-]+==\S+ \\$", line)]
    assert len(pins) == len(PINS) > 40
    assert all(lines[number + 1].strip().startswith("--hash=sha256:") for number in pins)
    assert not re.search(r"^--(extra-)?index-url|^--find-links", LOCK, re.M)  # the machine's own indexes stay out
