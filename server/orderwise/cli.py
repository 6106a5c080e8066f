"""The ``orderwise`` command: serve the API, write and package the extension, show a demo, list reports."""

import dataclasses
import gzip
import json
import os
import sys
from pathlib import Path

import click

from . import extensions, kb

DEFAULT_SNAPSHOT = Path("extension") / "snapshot.json.gz"
DEFAULT_GOLDEN = Path("tests") / "golden"


@click.group()
def main():
    """Orderwise: advice for cancelling AliExpress orders."""


@main.command()
@click.option("--host", default=lambda: os.environ.get("ORDERWISE_HOST", "127.0.0.1"), show_default="127.0.0.1")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=lambda: int(os.environ.get("ORDERWISE_PORT", "5000")),
    show_default="5000",
)
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True)
def serve(host, port, threads):
    """Run the service on waitress, a production WSGI server; SIGTERM finishes the requests in flight."""
    from . import serving

    try:
        proxies = serving.proxy_settings()
    except serving.SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    app = _app("not starting")
    version = extensions.engine(app).version

    def announce(address):
        click.echo(f"Orderwise {version} on http://{address}/api/v1/health")

    try:
        serving.serve(app, announce, host=host, port=port, threads=threads, ident="orderwise", **proxies)
    except serving.ListenError as exc:
        hint = ": another server has it; choose another port with --port or ORDERWISE_PORT" if exc.taken else ""
        raise click.ClickException(f"{exc}{hint}; not starting") from None


def _app(failing, **config):
    """The app as configured by the environment, or a ClickException that says why not, then ``failing``."""
    import sqlalchemy as sa

    from . import create_app, db, security

    try:
        return create_app(config or None)
    except kb.KnowledgeError as exc:
        raise click.ClickException(f"knowledge base not valid, {failing}: {exc}") from None
    except security.ConfigError as exc:
        raise click.ClickException(f"{failing}: {exc}") from None
    except db.SchemaError as exc:
        raise click.ClickException(f"{exc}; {failing}") from None
    except sa.exc.OperationalError as exc:
        raise _unreachable(exc, failing) from None


def _unreachable(error, failing):
    # Only the driver's first line: it names the host, not the password.
    reason = str(error.orig or error).strip().splitlines()[0]
    return click.ClickException(f"the reports database does not answer ({reason}); {failing}")


@main.group("db")
def db_group():
    """The reports database (ORDERWISE_DATABASE_URL, or SQLite in the instance folder)."""


@db_group.command("upgrade")
def db_upgrade():
    """Bring the database to the schema this version uses (once per deployment, before `serve`)."""
    import sqlalchemy as sa

    from . import db

    store = extensions.reports(_app("not upgrading", CHECK_SCHEMA=False))
    try:
        before, after = db.upgrade(store.engine)
    except sa.exc.OperationalError as exc:
        raise _unreachable(exc, "not upgrading") from None
    finally:
        store.dispose()
    if before == after:
        click.echo(f"the reports database is up to date (revision {after})")
    else:
        click.echo(f"upgraded the reports database from revision {before or 'none'} to {after}")


@main.command("export-snapshot")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_SNAPSHOT,
    show_default=True,
    help="Where to write it; - for standard output.",
)
@click.option("--check", is_flag=True, help="Write nothing; fail if the file differs from the knowledge.")
def export_snapshot(output, check):
    """Write the knowledge snapshot that the extension ships (gzipped JSON)."""
    knowledge = _knowledge()
    data = kb.snapshot_gzip(knowledge)
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    if check:
        # Compare what it says, not its bytes: another zlib may compress differently.
        try:
            current = gzip.decompress(output.read_bytes())
        except (OSError, EOFError):
            current = None
        if current != kb.wire_json(knowledge.data):
            raise click.ClickException(f"{output} is out of date: run `orderwise export-snapshot`")
        click.echo(f"{output} is up to date")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    click.echo(f"wrote {output} ({len(data)} bytes)")


@main.command("export-golden")
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_GOLDEN,
    show_default=True,
    help="The folder to write them into.",
)
@click.option("--check", is_flag=True, help="Write nothing; fail if a file differs from what the engine gives.")
def export_golden(output, check):
    """Write the golden files: how the engine reads every word and advises in every status, situation and language.

    A browser test holds the extension's reading and composing to them.
    """
    from . import golden

    files = golden.build(_knowledge())
    if check:
        stale = [name for name, text in files.items() if _read_text(output / name) != text]
        stale += sorted(p.name for p in output.glob("*.json") if p.name not in files)
        if stale:
            raise click.ClickException(
                f"{output}/{stale[0]} is out of date ({len(stale)} files): run `orderwise export-golden`"
            )
        click.echo(f"{output} is up to date")
        return
    output.mkdir(parents=True, exist_ok=True)
    for stale in output.glob("*.json"):
        if stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        (output / name).write_text(text, encoding="utf-8")
    click.echo(f"wrote {len(files)} files to {output}")


def _knowledge():
    """The knowledge the service would serve (ORDERWISE_KNOWLEDGE_DIR, else the bundled)."""
    try:
        return kb.load(os.environ.get("ORDERWISE_KNOWLEDGE_DIR"))
    except kb.KnowledgeError as exc:
        raise click.ClickException(str(exc)) from None


def _read_text(path):
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


@main.command("package")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder to write the packages to.",
)
@click.option(
    "--extension-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("extension"),
    show_default=True,
)
@click.option(
    "--pyproject",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("pyproject.toml"),
    show_default=True,
    help="Where the version comes from.",
)
@click.option(
    "--service-url",
    metavar="URL",
    help="The hosted service the packages use by default (https), instead of http://127.0.0.1:5000.",
)
@click.option(
    "--uncommitted",
    is_flag=True,
    help="Pack tracked files with edits not yet committed, instead of stopping: a package to try, not to upload.",
)
def package_command(out, extension_dir, pyproject, service_url, uncommitted):
    """Write the store packages from the files git tracks in extension/: a Chrome Web Store zip and a Firefox .xpi."""
    from . import package

    try:
        knowledge = kb.load(os.environ.get("ORDERWISE_KNOWLEDGE_DIR"))
        packages = package.build(
            extension_dir, out, pyproject, kb.wire_json(knowledge.data), service_url, uncommitted=uncommitted
        )
    except kb.KnowledgeError as exc:
        raise click.ClickException(f"knowledge base not valid: {exc}") from None
    except package.PackageError as exc:
        raise click.ClickException(str(exc)) from None
    for store, path in packages.items():
        click.echo(f"wrote {path} ({store}, {path.stat().st_size // 1024} KiB)")
    if service_url:
        click.echo(f"default service: {package.service_url(service_url)}")


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("orderwise-demo"),
    show_default=True,
    help="Where screenshots go when there is no display.",
)
@click.option(
    "--extension",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The unpacked extension's folder (default: extension/ of the checkout orderwise runs from).",
)
def demo(out, extension):
    """Open Chromium with the extension on sample order pages (screenshots when headless)."""
    from . import demo as demo_module

    try:
        demo_module.run(out, extension)
    except demo_module.NoExtension as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="How many words.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array instead of a table.")
def reports(limit, as_json):
    """The most reported unknown status words, to add to the knowledge base.

    Reads the database the service writes to: ORDERWISE_DATABASE_URL, or SQLite
    in the instance folder.
    """
    store = extensions.reports(_app("not listing reports"))
    try:
        top = store.top(limit)
    finally:
        store.dispose()
    if as_json:
        rows = [
            {**dataclasses.asdict(r), "first_seen": r.first_seen.isoformat(), "last_seen": r.last_seen.isoformat()}
            for r in top
        ]
        click.echo(_json_escaped(json.dumps(rows, ensure_ascii=False, indent=2)))
        return
    if not top:
        click.echo("No unknown words reported yet.")
        return
    click.echo(f"{'count':>5}  {'lang':<6} {'page':<6} {'host':<22} {'last seen':<10}  text")
    for r in top:
        lang, page_kind, host = (_escaped(value) for value in (r.lang, r.page_kind, r.host))
        text = f'"{_escaped(r.text, quote=True)}"'  # quoted: spaces at either end show
        click.echo(f"{r.count:>5}  {lang:<6} {page_kind:<6} {host:<22} {r.last_seen:%Y-%m-%d}  {text}")


# What a report holds reaches a maintainer's terminal: every character that is not
# printable (controls, C1, bidi overrides and other format characters, separators, lone
# surrogates) is shown as an escape, as Python's repr() does, so nothing the sender
# chose can move the cursor, reorder the line or hide itself.
def _escaped(text, quote=False):
    return "".join(_escape(char) if not char.isprintable() or (quote and char in '"\\') else char for char in text)


def _escape(char):
    code = ord(char)
    if char in '"\\':
        return "\\" + char
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _json_escaped(text):
    """JSON (ensure_ascii=False keeps words readable) with every unprintable character as a \\u escape."""
    return "".join(char if char.isprintable() or char == "\n" else _json_escape(char) for char in text)


def _json_escape(char):
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
