"""Store packages of the extension: one zip for the Chrome Web Store, one .xpi for addons.mozilla.org.

Both carry the same files and the same manifest.json: Chrome ignores the Firefox keys
(``background.scripts``, ``browser_specific_settings``) and Firefox ignores
``background.service_worker``, and Mozilla's addons-linter passes it with no warning, so
there is one manifest to keep right rather than two to keep in step.

The version has one home, pyproject.toml. manifest.json must say the same, because the
unpacked folder is itself a way to install; packaging refuses to run when they differ
rather than quietly stamping a version the folder does not have.
"""

import fnmatch
import json
import tomllib
import zipfile
from pathlib import Path

# Not part of the extension: dotfiles and dot-folders (checked separately), editor and
# OS leftovers, tests.
EXCLUDED_NAMES = ("*~", "#*#", "*.swp", "*.swo", "*.bak", "*.orig", "*.rej", "*.tmp", "Thumbs.db", "desktop.ini")
EXCLUDED_DIRS = {"test", "tests", "__tests__", "__pycache__", "node_modules"}
EXCLUDED_SUFFIXES = (".test.js", ".spec.js")
# A fixed date for every entry, so the same files always make the same bytes.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


class PackageError(Exception):
    pass


def project_version(pyproject):
    try:
        return tomllib.loads(Path(pyproject).read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise PackageError(f"cannot read the version from {pyproject}: {exc}") from None


def manifest_version(extension_dir):
    path = Path(extension_dir) / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["version"]
    except (OSError, KeyError, ValueError) as exc:
        raise PackageError(f"cannot read the version from {path}: {exc}") from None


def is_packaged(relative):
    """Whether a file (a path relative to the extension folder) belongs in the packages."""
    parts = relative.parts
    if any(part.startswith(".") for part in parts) or EXCLUDED_DIRS.intersection(parts[:-1]):
        return False
    name = parts[-1]
    return not (name.endswith(EXCLUDED_SUFFIXES) or any(fnmatch.fnmatch(name, pattern) for pattern in EXCLUDED_NAMES))


def package_files(extension_dir):
    extension_dir = Path(extension_dir)
    files = (path.relative_to(extension_dir) for path in extension_dir.rglob("*") if path.is_file())
    return sorted((relative for relative in files if is_packaged(relative)), key=lambda p: p.as_posix())


def write_zip(path, extension_dir, files):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for relative in files:
            info = zipfile.ZipInfo(relative.as_posix(), date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (extension_dir / relative).read_bytes())


def build(extension_dir, out_dir, pyproject):
    """Write both store packages into ``out_dir``; returns {"chrome": path, "firefox": path}."""
    extension_dir = Path(extension_dir)
    version = project_version(pyproject)
    in_manifest = manifest_version(extension_dir)
    if in_manifest != version:
        raise PackageError(
            f"{extension_dir / 'manifest.json'} says version {in_manifest} but {pyproject} says {version}: "
            f"set manifest.json's version to {version}"
        )
    files = package_files(extension_dir)
    if Path("manifest.json") not in files:
        raise PackageError(f"no manifest.json in {extension_dir}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    packages = {
        "chrome": out_dir / f"orderwise-{version}-chrome.zip",
        "firefox": out_dir / f"orderwise-{version}-firefox.xpi",
    }
    for path in packages.values():
        write_zip(path, extension_dir, files)
    return packages
