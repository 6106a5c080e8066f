"""Store packages of the extension: one zip for the Chrome Web Store, one .xpi for addons.mozilla.org.

Both carry the same files and the same manifest.json: Chrome ignores the Firefox keys
(``background.scripts``, ``browser_specific_settings``) and Firefox ignores
``background.service_worker``, and Mozilla's addons-linter passes it with no warning, so
there is one manifest to keep right rather than two to keep in step.

The version has one home, pyproject.toml. manifest.json must say the same, because the
unpacked folder is itself a way to install; packaging refuses to run when they differ
rather than quietly stamping a version the folder does not have.

A package holds the files git tracks under the extension folder (no untracked file, no
symlink) as they are committed: an edit not yet committed stops it, unless the package is
one to try (``uncommitted``, as the tests that lint what they test build it). It is made
only once the snapshot there is the knowledge's. A store build for
a hosted service (``service_url``) has its address wherever the folder names the local one.
"""

import fnmatch
import gzip
import ipaddress
import json
import re
import subprocess
import tomllib
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

# Not part of the extension: dotfiles and dot-folders (checked separately), editor and
# OS leftovers, tests.
EXCLUDED_NAMES = ("*~", "#*#", "*.swp", "*.swo", "*.bak", "*.orig", "*.rej", "*.tmp", "Thumbs.db", "desktop.ini")
EXCLUDED_DIRS = {"test", "tests", "__tests__", "__pycache__", "node_modules"}
EXCLUDED_SUFFIXES = (".test.js", ".spec.js")
# A fixed date for every entry, so the same files always make the same bytes.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
# Git's modes for what a package may hold: a file, an executable file (not a symlink, 120000,
# nor a submodule, 160000).
FILE_MODES = ("100644", "100755")

# The service address of the unpacked folder, and each file that names it: a store build
# for a hosted service has its address there instead.
LOCAL_SERVICE_URL = "http://127.0.0.1:5000"
LOCAL_HOST_PERMISSIONS = ["http://127.0.0.1/*", "http://localhost/*"]
WORKER = "background/worker.js"
SNAPSHOT = "snapshot.json.gz"
HOST_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")


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


def service_url(value):
    """A store build's service address: https, or http to this machine only; no path, query or credentials."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise PackageError(f"--service-url {value!r} is not an address: {exc}") from None
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not (HOST_NAME.fullmatch(host) or _is_ip(host)):
        raise PackageError(f"--service-url {value!r} must be an https:// address such as https://orderwise.example")
    if parts.scheme == "http" and not _is_loopback(host):
        raise PackageError(
            f"--service-url {value!r}: plain http only reaches this machine (127.0.0.1, localhost, [::1]); "
            "a hosted service needs https://"
        )
    if parts.username or parts.password or parts.query or parts.fragment or parts.path not in ("", "/"):
        raise PackageError(f"--service-url {value!r} must be the service's address alone, without a path or query")
    netloc = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{netloc}{f':{port}' if port else ''}"


def _is_ip(host):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_loopback(host):
    return host == "localhost" or (_is_ip(host) and ipaddress.ip_address(host).is_loopback)


def for_service(files, url):
    """The files of a store build whose default service is ``url`` instead of the local one."""
    files = dict(files)
    worker = files[WORKER].decode("utf-8")
    if worker.count(f"'{LOCAL_SERVICE_URL}'") != 1:
        raise PackageError(f"{WORKER} no longer sets its default service as '{LOCAL_SERVICE_URL}' once")
    files[WORKER] = worker.replace(f"'{LOCAL_SERVICE_URL}'", f"'{url}'").encode("utf-8")

    manifest = json.loads(files["manifest.json"])
    hosts = manifest.get("host_permissions", [])
    if hosts[: len(LOCAL_HOST_PERMISSIONS)] != LOCAL_HOST_PERMISSIONS:
        raise PackageError(f"manifest.json's host_permissions no longer start with {LOCAL_HOST_PERMISSIONS}")
    # A match pattern has no port: the scheme and host ("https://orderwise.example/*"). The
    # storefronts after the local service stay (the panel's code is injected into their pages).
    service = re.sub(r"(:[0-9]+)?$", "/*", url, count=1)
    manifest["host_permissions"] = [service, *hosts[len(LOCAL_HOST_PERMISSIONS) :]]
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    # Each locale's texts name the address (the options page's help): as text, so the
    # files keep their layout; the address holds no character JSON would escape.
    for name, data in files.items():
        if name.startswith("_locales/") and name.endswith("/messages.json"):
            files[name] = data.replace(LOCAL_SERVICE_URL.encode(), url.encode())
    return files


def tracked_files(extension_dir):
    """The files git tracks under the extension folder: {path relative to the folder: bytes}.

    Untracked files are not part of it; a folder outside a git checkout, a tracked symlink
    (or a tracked file a symlink now stands in for) and a tracked file that is gone stop it."""
    extension_dir = Path(extension_dir)
    try:
        done = subprocess.run(
            ["git", "-C", str(extension_dir), "ls-files", "--stage", "-z", "--", "."], capture_output=True, check=False
        )
    except OSError as exc:
        raise PackageError(f"packages are made from what git tracks, and git did not run: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise PackageError(f"packages are made from what git tracks in {extension_dir}: {message}")
    files = {}
    for entry in done.stdout.decode("utf-8").split("\0"):
        if not entry:
            continue
        meta, name = entry.split("\t", 1)
        mode = meta.split()[0]
        path = extension_dir / name
        if mode not in FILE_MODES or path.is_symlink():
            what = "a symlink" if mode == "120000" or path.is_symlink() else f"not a plain file (git mode {mode})"
            raise PackageError(f"{path} is {what}: a package holds only files")
        if not path.is_file():
            raise PackageError(f"{path} is tracked but missing: restore it or remove it from git")
        if is_packaged(Path(name)):
            files[name] = path.read_bytes()
    return dict(sorted(files.items()))


def check_committed(extension_dir):
    """No tracked file under the folder differs from the last commit (in the folder or staged)."""
    done = subprocess.run(
        ["git", "-C", str(extension_dir), "diff", "--name-only", "--relative", "-z", "HEAD", "--", "."],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise PackageError(f"packages are made from what is committed in {extension_dir}: {message}")
    changed = [name for name in done.stdout.decode("utf-8").split("\0") if name]
    if changed:
        raise PackageError(
            f"{', '.join(changed)} in {extension_dir} differ from the last commit: commit them first "
            "(or pass --uncommitted for a package to try, not to upload)"
        )


def check_snapshot(files, knowledge_json):
    """The snapshot must be the knowledge (compared as JSON text, not as gzip bytes)."""
    try:
        current = gzip.decompress(files[SNAPSHOT])
    except (KeyError, OSError, EOFError):
        current = None
    if current != knowledge_json:
        raise PackageError(f"{SNAPSHOT} is not the knowledge's: run `orderwise export-snapshot` (and commit it) first")


def write_zip(path, files):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def build(extension_dir, out_dir, pyproject, knowledge_json, url=None, uncommitted=False):
    """Write both store packages into ``out_dir``; returns {"chrome": path, "firefox": path}.

    ``knowledge_json`` is the knowledge as the snapshot must hold it (kb.wire_json);
    ``url``, a hosted service's address (see service_url), makes a store build for it;
    ``uncommitted`` packs tracked files with their edits instead of refusing them."""
    extension_dir = Path(extension_dir)
    url = service_url(url) if url is not None else None
    version = project_version(pyproject)
    in_manifest = manifest_version(extension_dir)
    if in_manifest != version:
        raise PackageError(
            f"{extension_dir / 'manifest.json'} says version {in_manifest} but {pyproject} says {version}: "
            f"set manifest.json's version to {version}"
        )
    files = tracked_files(extension_dir)
    if not uncommitted:
        check_committed(extension_dir)
    if "manifest.json" not in files:
        raise PackageError(f"git tracks no manifest.json in {extension_dir}")
    check_snapshot(files, knowledge_json)
    if url is not None and url != LOCAL_SERVICE_URL:
        files = for_service(files, url)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    packages = {
        "chrome": out_dir / f"orderwise-{version}-chrome.zip",
        "firefox": out_dir / f"orderwise-{version}-firefox.xpi",
    }
    for path in packages.values():
        write_zip(path, files)
    return packages
