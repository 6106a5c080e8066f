"""How `orderwise serve` runs the app on waitress: which proxies it trusts, and how it stops.

Proxies: with ORDERWISE_TRUSTED_PROXY_COUNT=N (default 0) the service says it
is reached only through N proxies, and waitress takes the client's address N
hops back in X-Forwarded-For, and the scheme and host from X-Forwarded-Proto
and X-Forwarded-Host. With 0 it trusts no proxy, and waitress drops those
headers before the app sees them, so no client picks its own address to escape
its rate limit. ORDERWISE_TRUSTED_PROXY_ADDRESS narrows which peer may be the
proxy (default: any peer, ``*``). This is waitress's own proxy handling; a
werkzeug ProxyFix on top would strip the hops a second time.

Stopping: on SIGTERM (or SIGINT) the server stops accepting connections,
finishes the requests it is serving and sends their answers, closes idle
connections, and returns, so a load balancer's rolling restart loses nothing.
"""

import errno
import logging
import os
import signal
import time

import waitress
from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer

# The forwarded headers a trusted proxy sets: the client's address, and the
# scheme and host the client asked for (the Host allow-list then sees those).
PROXY_HEADERS = {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"}
# Seconds the requests in flight get to finish once a stop is asked for.
GRACE = 30
# How often the drain looks at what is left (seconds).
TICK = 0.05

log = logging.getLogger("orderwise.serve")


class SettingsError(ValueError):
    pass


class ListenError(Exception):
    """The address cannot be listened on: ``taken`` when another server has it."""

    def __init__(self, message, taken):
        super().__init__(message)
        self.taken = taken


def proxy_settings(environ=os.environ):
    """waitress's proxy settings from ORDERWISE_TRUSTED_PROXY_COUNT and _ADDRESS."""
    raw = environ.get("ORDERWISE_TRUSTED_PROXY_COUNT", "0").strip() or "0"
    try:
        count = int(raw)
    except ValueError:
        count = -1
    if count < 0:
        raise SettingsError(f"ORDERWISE_TRUSTED_PROXY_COUNT must be a whole number, 0 or more, not {raw!r}")
    address = environ.get("ORDERWISE_TRUSTED_PROXY_ADDRESS", "").strip()
    if count == 0:
        if address:
            raise SettingsError("ORDERWISE_TRUSTED_PROXY_ADDRESS needs ORDERWISE_TRUSTED_PROXY_COUNT of 1 or more")
        return {}
    return {
        "trusted_proxy": address or "*",
        "trusted_proxy_count": count,
        "trusted_proxy_headers": PROXY_HEADERS,
        "clear_untrusted_proxy_headers": True,
    }


def serve(app, announce=print, grace=GRACE, **settings):
    """Serve ``app`` until SIGTERM or SIGINT, then finish what is in flight and return.

    ``announce`` is called with each address listened on (``host:port``, the
    port chosen by the system when 0 was asked for) once it listens.
    """
    logging.basicConfig()  # as waitress.serve does: its messages, and Flask-Limiter's warning, go to stderr
    # The listeners, their connections and the loop's trigger, whether one
    # address is listened on or several.
    socket_map = {}
    try:
        server = waitress.create_server(app, map=socket_map, **settings)
    except OSError as exc:
        wasyncore.close_all(socket_map)  # what was opened before the address was refused
        where = _address(str(settings.get("host")), settings.get("port"))
        raise ListenError(f"cannot listen on {where} ({exc.strerror or exc})", exc.errno == errno.EADDRINUSE) from exc
    for host, port in getattr(server, "effective_listen", None) or [(server.effective_host, server.effective_port)]:
        announce(_address(host, port))
    stop = []

    def ask_to_stop(signum, frame):
        stop.append(signum)
        if hasattr(server, "pull_trigger"):  # wakes the loop now, not at its next timeout
            server.pull_trigger()

    previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        while not stop:
            wasyncore.loop(
                timeout=server.adj.asyncore_loop_timeout,
                map=socket_map,
                use_poll=server.adj.asyncore_use_poll,
                count=1,
            )
        log.info("stopping: finishing the requests in flight")
        if not _drain(server, socket_map, time.monotonic() + grace):
            log.warning("stopping: requests still in flight after %s seconds were cut off", grace)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
        wasyncore.close_all(socket_map)


def _address(host, port):
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _drain(server, socket_map, deadline):
    """Stop accepting; serve what is in flight until ``deadline``. Whether all of it was served."""
    for listener in [d for d in list(socket_map.values()) if isinstance(d, BaseWSGIServer)]:
        listener.accepting = False
        wasyncore.dispatcher.close(listener)  # the listening socket only; the trigger stays
    while time.monotonic() < deadline:
        busy = False
        for channel in [d for d in list(socket_map.values()) if isinstance(d, HTTPChannel)]:
            if channel.requests or channel.total_outbufs_len:
                busy = True
            else:
                # Idle (a kept-alive connection between requests): no new
                # request is read from it; it closes once its output is sent.
                channel.will_close = True
        if not busy and not any(isinstance(d, HTTPChannel) for d in socket_map.values()):
            return True
        wasyncore.loop(timeout=TICK, map=socket_map, use_poll=server.adj.asyncore_use_poll, count=1)
    return False
