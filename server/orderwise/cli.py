"""The ``orderwise`` command: serve the API, write and package the extension, show a demo, list reports."""

import dataclasses
import gzip
import json
import os
import sys
from pathlib import Path

import click

from . import kb

DEFAULT_SNAPSHOT = Path("extension") / "snapshot.json.gz"


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
    version = app.extensions["orderwise"].version

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

    from . import create_app, db

    try:
        return create_app(config or None)
    except kb.KnowledgeError as exc:
        raise click.ClickException(f"knowledge base not valid, {failing}: {exc}") from None
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

    store = _app("not upgrading", CHECK_SCHEMA=False).extensions["orderwise_reports"]
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
    try:
        knowledge = kb.load(os.environ.get("ORDERWISE_KNOWLEDGE_DIR"))
    except kb.KnowledgeError as exc:
        raise click.ClickException(str(exc)) from None
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
def package_command(out, extension_dir, pyproject):
    """Write the store packages: a Chrome Web Store zip and a Firefox .xpi."""
    from . import package

    try:
        packages = package.build(extension_dir, out, pyproject)
    except package.PackageError as exc:
        raise click.ClickException(str(exc)) from None
    for store, path in packages.items():
        click.echo(f"wrote {path} ({store}, {path.stat().st_size // 1024} KiB)")


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("orderwise-demo"),
    show_default=True,
    help="Where screenshots go when there is no display.",
)
def demo(out):
    """Open Chromium with the extension on sample order pages (screenshots when headless)."""
    from . import demo as demo_module

    demo_module.run(out)


@main.command()
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="How many words.")
@click.option("--json", "as_json", is_flag=True, help="One JSON array instead of a table.")
def reports(limit, as_json):
    """The most reported unknown status words, to add to the knowledge base.

    Reads the database the service writes to: ORDERWISE_DATABASE_URL, or SQLite
    in the instance folder.
    """
    store = _app("not listing reports").extensions["orderwise_reports"]
    try:
        top = store.top(limit)
    finally:
        store.dispose()
    if as_json:
        rows = [
            {**dataclasses.asdict(r), "first_seen": r.first_seen.isoformat(), "last_seen": r.last_seen.isoformat()}
            for r in top
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not top:
        click.echo("No unknown words reported yet.")
        return
    click.echo(f"{'count':>5}  {'lang':<6} {'page':<6} {'host':<22} {'last seen':<10}  text")
    for r in top:
        text = json.dumps(r.text, ensure_ascii=False)  # quoted: spaces at either end show
        click.echo(f"{r.count:>5}  {r.lang:<6} {r.page_kind:<6} {r.host:<22} {r.last_seen:%Y-%m-%d}  {text}")
