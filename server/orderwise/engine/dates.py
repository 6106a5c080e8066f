"""Dating an order's deadlines: from the time of the request and the windows its
advice names, in hours or in business days. Plain Python, no Flask."""

from datetime import datetime, timedelta


def add_business_days(start, days):
    """The date ``days`` business days after ``start`` (Monday to Friday count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if days == 0:
        return start
    # Counting from a Saturday or Sunday is counting from the Friday before it;
    # from a weekday, whole weeks can then be skipped at once.
    current = start - timedelta(days=max(0, start.weekday() - 4))
    weeks, rest = divmod(days, 5)
    current += timedelta(weeks=weeks)
    while rest:
        current += timedelta(days=1)
        if current.weekday() < 5:
            rest -= 1
    return current


def _business_window(start, min_days, max_days, latest_start=None):
    return {
        "earliest": add_business_days(start, min_days).isoformat(),
        "latest": add_business_days(latest_start or start, max_days).isoformat(),
        "business_days": [min_days, max_days],
    }


def deadlines(advice, requested_at):
    """The seller's answer and the refund, dated from ``requested_at`` (aware)."""
    if not isinstance(requested_at, datetime) or requested_at.tzinfo is None:
        raise ValueError("requested_at must be a datetime with a time zone")
    windows = advice["windows"]
    deadlines = {}
    answer_latest = requested_at
    if "seller_reply" in windows:
        reply = windows["seller_reply"]
        answer_latest = requested_at + timedelta(hours=reply["max_hours"])
        deadlines["seller_answer"] = {
            "earliest": (requested_at + timedelta(hours=reply["min_hours"])).isoformat(),
            "latest": answer_latest.isoformat(),
            "uncertain": reply["uncertain"],
        }
    if advice["refund"] is not None:
        refund = advice["refund"]
        deadlines["refund"] = {
            **_business_window(
                requested_at.date(),
                refund["min_business_days"],
                refund["max_business_days"],
                latest_start=answer_latest.date(),
            ),
            "uncertain": refund["uncertain"],
        }
    return deadlines
