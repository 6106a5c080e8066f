"""What every response says about itself, and what every request must be: whom the
service answers (the ``Host`` allow-list, CORS for the published extension ids only)."""

import re

from flask import abort, current_app, request

from .extensions import TRUSTED_HOSTS

# An AliExpress storefront host: www.aliexpress.com, es.aliexpress.com,
# aliexpress.ru, www.aliexpress.us. The reports' host field and the extension share it.
ALIEXPRESS_HOST = r"([a-z0-9-]+\.)?aliexpress\.(com|us|ru)"

# The names the service answers to by default (ORDERWISE_TRUSTED_HOSTS), on any port.
# A page that rebinds its own name to 127.0.0.1 still sends that name in Host, so it is
# refused: DNS rebinding cannot reach the service. A hosted service sets its public name.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# Load balancers probe these by address, with whatever Host they send.
HOST_CHECK_EXEMPT = ("/api/v1/health", "/api/v1/ready")
# A Host header: a name or IPv4 address, or an IPv6 address in brackets; then a port.
HOST_HEADER = re.compile(r"(?P<name>[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?", re.IGNORECASE | re.ASCII)

# Extension origins that may call the API from a browser (ORDERWISE_EXTENSION_IDS). The
# extension's worker needs none (its host permissions let it fetch without CORS), so by
# default there are none; a copy installed without host permission for the service (a
# store build pointed at a service it does not list) needs its id here. Chrome's id is
# fixed by the store (or a manifest key); Firefox's origin is a UUID chosen per
# installation (about:debugging shows it as the Internal UUID), not the gecko id.
CHROME_EXTENSION_ID = re.compile(r"[a-p]{32}")
FIREFOX_INTERNAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class ConfigError(ValueError):
    """A setting that cannot be used; the message names the environment variable."""


def setting_list(value):
    """A list setting from the environment ("a, b" or a JSON list) or from code (a list).
    Anything else the environment's JSON makes of it (a number, an object) is taken as its
    text, so the check of each item names the setting instead of failing on the type."""
    if value is None:
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return [str(item) for item in value]
    return [item for item in re.split(r"[\s,]+", str(value)) if item]


def trusted_hosts(value):
    hosts = set()
    for host in setting_list(value):
        match = HOST_HEADER.fullmatch(host)
        if match is None or match["name"] != host:
            raise ConfigError(f"ORDERWISE_TRUSTED_HOSTS: {host!r} is not a host name (no port, no scheme)")
        hosts.add(host.lower())
    if not hosts:
        raise ConfigError("ORDERWISE_TRUSTED_HOSTS is empty: name at least one host the service answers to")
    return frozenset(hosts)


def extension_origins(value):
    origins = []
    for extension_id in setting_list(value):
        if CHROME_EXTENSION_ID.fullmatch(extension_id):
            origins.append(f"chrome-extension://{extension_id}")
        elif FIREFOX_INTERNAL_UUID.fullmatch(extension_id):
            origins.append(f"moz-extension://{extension_id}")
        else:
            raise ConfigError(
                f"ORDERWISE_EXTENSION_IDS: {extension_id!r} is neither a Chrome extension id (32 letters a-p) "
                "nor a Firefox Internal UUID"
            )
    return origins


def check_host():
    """A request to a name the service does not answer to is refused before anything else runs."""
    if request.path in HOST_CHECK_EXEMPT:
        return
    match = HOST_HEADER.fullmatch(request.host)
    if match is None or match["name"].lower() not in current_app.extensions[TRUSTED_HOSTS]:
        abort(400, "This service does not answer to that Host; its names are set by ORDERWISE_TRUSTED_HOSTS.")


HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    # JSON only: nothing here may load, run or be framed.
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
    ("Referrer-Policy", "no-referrer"),
)


def require_json():
    """A body that is not JSON is refused before anything reads it."""
    if request.routing_exception is not None:
        return  # a 404 or 405 says more than a 415 would
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype != "application/json":
        abort(415, "Send the body as application/json.")


def add_headers(response):
    headers = response.headers
    for name, value in HEADERS:  # the phone page sets its own Content-Security-Policy
        headers.setdefault(name, value)
    # Routes that can be cached say so themselves (the knowledge: no-cache
    # with an ETag); everything else is an answer for this request only.
    if "Cache-Control" not in headers:
        headers.add("Cache-Control", "no-store")
    return response


def init_app(app):
    app.extensions[TRUSTED_HOSTS] = trusted_hosts(app.config["TRUSTED_HOSTS"])
    # Flask's own TRUSTED_HOSTS check (the same config key) would refuse the load
    # balancers' probes too; check_host does the same check with them exempt.
    app.config["TRUSTED_HOSTS"] = None
    # First of all, ahead of the rate limiter: a rebinding page's requests come from
    # the user's own address and must not use up the user's limit.
    app.before_request_funcs.setdefault(None, []).insert(0, check_host)
    app.before_request(require_json)
    app.after_request(add_headers)
