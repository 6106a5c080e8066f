"""requirements/test.lock, which tests/run installs with --require-hashes, pins every dependency
pyproject.toml names (and the test extra's) within its range, each with hashes."""

import re
import tomllib

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


@pytest.mark.parametrize("wanted", WANTED)
def test_the_lock_pins_each_dependency_within_its_range(wanted):
    requirement = Requirement(wanted)
    pinned = PINS.get(canonicalize_name(requirement.name))
    assert pinned is not None, f"{requirement.name} is not in requirements/test.lock: refresh it (README)"
    assert requirement.specifier.contains(pinned, prereleases=True), f"{requirement.name}=={pinned} not {wanted}"


def test_every_pin_has_hashes_and_the_lock_names_no_index():
    lines = LOCK.splitlines()
    pins = [number for number, line in enumerate(lines) if re.match(r"^[A-Za-z0-9_.-]+==\S+ \\$", line)]
    assert len(pins) == len(PINS) > 40
    assert all(lines[number + 1].strip().startswith("--hash=sha256:") for number in pins)
    assert not re.search(r"^--(extra-)?index-url|^--find-links", LOCK, re.M)  # the machine's own indexes stay out
