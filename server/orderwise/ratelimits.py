"""Where the rate-limit counters live, and what readiness says of them.

Counters in Redis are shared by every instance. When Redis does not answer,
Flask-Limiter counts in this instance's memory instead (its in-memory fallback),
logs one warning for the outage, and goes back to Redis once it answers again:
requests are still answered, each instance limiting on its own meanwhile.
"""

from . import extensions

# Seconds a Redis command may take before the request is counted in memory
# instead: a limiter that waits on a sick Redis would make every request wait.
REDIS_TIMEOUT = 1


def storage_config(uri):
    """Flask-Limiter's settings for counters kept at ``uri``."""
    config = {"RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True}
    if is_shared(uri):
        config["RATELIMIT_STORAGE_OPTIONS"] = {
            "socket_connect_timeout": REDIS_TIMEOUT,
            "socket_timeout": REDIS_TIMEOUT,
        }
    return config


def is_shared(uri):
    return not str(uri).startswith("memory://")


def state(app):
    """``off``; ``instance`` (counted in this instance's memory, as configured);
    ``shared`` (the shared storage answers); ``degraded`` (it does not: each
    instance counts on its own until it answers again)."""
    limiter = extensions.limiter(app)
    if not limiter.enabled:
        return "off"
    if not is_shared(app.config["RATE_LIMIT_STORAGE"]):
        return "instance"
    return "shared" if limiter.storage.check() else "degraded"
