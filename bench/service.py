"""Benchmark the advice service as `orderwise serve` runs it, beside a bare Flask floor.

Prints each figure with its target and pass/fail, and writes them to
bench/RESULTS.md. Needs wrk (Debian's package) as the load generator, which
runs in its own process.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from contextlib import contextmanager
from pathlib import Path

from common import Figures

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ADVICE_BODY = {"status_text": "Processing", "situation": "wrong_item", "lang": "en"}
THREADS = 4  # the default of `orderwise serve`


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(command, port, env=None):
    # Its output goes to a file: an undrained pipe would block the server once
    # waitress has logged a pipe's worth of queue-depth warnings.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise SystemExit(f"server did not start: {log.read().decode()[-2000:]}") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
        log.close()


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, connections, seconds, script):
    return wrk_result(start_wrk(url, connections, seconds, script))


def start_wrk(url, connections, seconds, script):
    threads = min(connections, 2)
    return subprocess.Popen(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script, url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wrk_result(process):
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"wrk failed: {err}")
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "errors": 0,
    }
    for pct in ("50", "99"):
        result[f"p{pct}"] = _ms(re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M).group(1))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        result["errors"] += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        result["errors"] += int(non_2xx.group(1))
    return result


def lua(directory, method, body=None):
    path = Path(directory) / f"{method.lower()}.lua"
    # As a browser asks: the knowledge comes gzipped (the advice answers are not compressed).
    lines = [f'wrk.method = "{method}"', 'wrk.headers["Accept-Encoding"] = "gzip, deflate, br"']
    if body is not None:
        lines += [f"wrk.body = {json.dumps(json.dumps(body))}", 'wrk.headers["Content-Type"] = "application/json"']
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def engine_figures():
    from orderwise.engine import default_engine

    engine = default_engine()
    calls = {
        "advise()": lambda: engine.advise(status_text="Processing", situation="wrong_item"),
        "classify()": lambda: engine.classify("Awaiting delivery"),
    }
    figures = {}
    for name, call in calls.items():
        runs = timeit.repeat(call, number=20000, repeat=5)
        figures[name] = min(runs) / 20000 * 1e6
    return figures


def knowledge_size(base):
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.request("GET", "/api/v1/knowledge", headers={"Accept-Encoding": "gzip"})
    size = len(conn.getresponse().read())
    conn.close()
    return size


def health_with_idle_connections(base):
    host, port = base.removeprefix("http://").split(":")
    idle = [socket.create_connection((host, int(port))) for _ in range(10)]
    try:
        times = []
        for _ in range(20):
            start = time.perf_counter()
            conn = http.client.HTTPConnection(host, int(port), timeout=5)
            conn.request("GET", "/api/v1/health")
            assert conn.getresponse().status == 200
            conn.close()
            times.append((time.perf_counter() - start) * 1000)
        return max(times), statistics.median(times)
    finally:
        for sock in idle:
            sock.close()


def serve_command(port):
    return [str(Path(PYTHON).with_name("orderwise")), "serve", "--port", str(port), "--threads", str(THREADS)]


# High enough that wrk is never refused: what is measured is the counting, not the 429s.
BENCH_LIMIT = "100000000/minute"
LIMITER_CONNECTIONS = 16


def limiter_figures(args, scripts, row):
    """POST /advice with limits off, counted in memory, and counted in one Redis by two instances.

    The two instances are each loaded by a wrk of their own at once, with half
    the connections each; on two cores they share the machine with wrk and
    Redis, so their sum shows the limiter's cost, not scaling.
    """
    post_advice = lua(scripts, "POST", ADVICE_BODY)
    redis_port = free_port()
    redis_cmd = ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    ports = {name: free_port() for name in ("off", "memory", "redis-1", "redis-2")}
    environments = {
        "off": {"ORDERWISE_RATE_LIMIT": "off"},
        "memory": {"ORDERWISE_RATE_LIMIT": BENCH_LIMIT},
        "redis-1": {"ORDERWISE_RATE_LIMIT": BENCH_LIMIT, "ORDERWISE_RATE_LIMIT_STORAGE": redis_url},
        "redis-2": {"ORDERWISE_RATE_LIMIT": BENCH_LIMIT, "ORDERWISE_RATE_LIMIT_STORAGE": redis_url},
    }
    with tempfile.TemporaryDirectory() as data, contextlib.ExitStack() as stack:
        stack.enter_context(server(redis_cmd, redis_port))
        urls = {}
        for name, port in ports.items():
            env = {**environments[name], "ORDERWISE_DATABASE_URL": f"sqlite:///{data}/{name}.sqlite3"}
            urls[name] = stack.enter_context(server(serve_command(port), port, env)) + "/api/v1/advice"
        rounds = []
        for _ in range(args.rounds):
            one = {name: wrk(urls[name], LIMITER_CONNECTIONS, args.seconds, post_advice) for name in ("off", "memory")}
            pair = [
                start_wrk(urls[name], LIMITER_CONNECTIONS // 2, args.seconds, post_advice)
                for name in ("redis-1", "redis-2")
            ]
            results = [wrk_result(process) for process in pair]
            one["redis"] = {
                "rps": sum(r["rps"] for r in results),
                "errors": sum(r["errors"] for r in results),
                "requests": sum(r["requests"] for r in results),
                "p50": max(r["p50"] for r in results),
                "p99": max(r["p99"] for r in results),
            }
            rounds.append(one)

    def median(name, key):
        return statistics.median(r[name][key] for r in rounds)

    labels = {
        "off": "limits off, 1 instance",
        "memory": "limits in memory, 1 instance",
        "redis": "limits in one Redis, 2 instances",
    }
    for name, label in labels.items():
        rps = median(name, "rps")
        cost = ""
        if name != "off":
            # Each round against limits off in the same round, so that the
            # machine's drift between rounds cancels out; the median of those.
            cost = f" = {statistics.median(r[name]['rps'] / r['off']['rps'] for r in rounds):.2f} of off"
        row(
            f"POST /advice, {LIMITER_CONNECTIONS} conn, {label}: req/s",
            f"{rps:.0f}{cost}",
            "(reported)",
            True,
        )
        row(
            f"POST /advice, {label}: p50 / p99 latency",
            f"{median(name, 'p50'):.2f} / {median(name, 'p99'):.2f} ms",
            "(reported)",
            True,
        )
        errors = sum(r[name]["errors"] for r in rounds)
        requests = sum(r[name]["requests"] for r in rounds)
        row(f"POST /advice, {label}: errors", f"{errors} of {requests}", "0", errors == 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=2, help="length of each load run (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="floor/advice/knowledge rounds per figure (default 3)")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    figures = Figures(58, 24, 14)
    row = figures.row
    app_port, floor_port = free_port(), free_port()
    orderwise_cmd = serve_command(app_port)
    floor_cmd = [PYTHON, str(ROOT / "bench" / "floor.py"), str(floor_port), str(THREADS)]
    with (
        tempfile.TemporaryDirectory() as scripts,
        server(orderwise_cmd, app_port, {"ORDERWISE_RATE_LIMIT": "off"}) as app,
        server(floor_cmd, floor_port) as floor,
    ):
        post_advice, get = lua(scripts, "POST", ADVICE_BODY), lua(scripts, "GET")
        knowledge_kb = knowledge_size(app) / 1024
        for connections in (1, 4, 16):
            # Rounds alternate floor, advice and knowledge, so that the machine's
            # drift hits all three alike; each figure is the median of the rounds.
            rounds = [
                {
                    "floor": wrk(f"{floor}/", connections, args.seconds, post_advice),
                    "advice": wrk(f"{app}/api/v1/advice", connections, args.seconds, post_advice),
                    "knowledge": wrk(f"{app}/api/v1/knowledge", connections, args.seconds, get),
                }
                for _ in range(args.rounds)
            ]

            def median(name, key, rounds=rounds):
                return statistics.median(r[name][key] for r in rounds)

            def latency(name):
                """p50 / p99 of `name`, and the floor's p99 beside them."""
                return f"{median(name, 'p50'):.2f} / {median(name, 'p99'):.2f} ms ({median('floor', 'p99'):.2f})"

            base, advice, knowledge = (median(name, "rps") for name in ("floor", "advice", "knowledge"))
            ratio = statistics.median(r["advice"]["rps"] / r["floor"]["rps"] for r in rounds)
            row(
                f"POST /advice, {connections} conn: req/s vs bare Flask floor",
                f"{advice:.0f} / {base:.0f} = {ratio:.2f}",
                ">= 0.90",
                ratio >= 0.9,
            )
            p99 = median("advice", "p99")
            row(
                f"POST /advice, {connections} conn: p50 / p99 latency (floor's p99)",
                latency("advice"),
                "p99 < 5 ms" if connections == 4 else "(reported)",
                p99 < 5 if connections == 4 else True,
            )
            k_ratio = statistics.median(r["knowledge"]["rps"] / r["floor"]["rps"] for r in rounds)
            row(
                f"GET /knowledge ({knowledge_kb:.0f} KB gzipped), {connections} conn: req/s vs floor",
                f"{knowledge:.0f} / {base:.0f} = {k_ratio:.2f}",
                "(reported)",
                True,
            )
            row(
                f"GET /knowledge, {connections} conn: p50 / p99 latency (floor's p99)",
                latency("knowledge"),
                "(reported)",
                True,
            )
            for name in ("floor", "advice", "knowledge"):
                errors = sum(r[name]["errors"] for r in rounds)
                if errors:
                    row(f"{name}, {connections} conn: errors", str(errors), "0", False)
        crowd = wrk(f"{app}/api/v1/advice", 64, args.seconds, post_advice)
        row("POST /advice, 64 conn: errors", f"{crowd['errors']} of {crowd['requests']}", "0", crowd["errors"] == 0)
        # The crowd leaves up to 64 requests queued in the server when wrk stops: let
        # them drain, so that what is timed is health beside idle connections.
        time.sleep(1)
        worst, median = health_with_idle_connections(app)
        row(
            "GET /health with 10 idle connections held: worst / median",
            f"{worst:.1f} / {median:.1f} ms",
            "< 50 ms",
            worst < 50,
        )
    with tempfile.TemporaryDirectory() as scripts:
        limiter_figures(args, scripts, row)
    for name, micros in engine_figures().items():
        row(f"engine {name} per call", f"{micros:.1f} us", "< 50 us", micros < 50)

    return figures.finish(
        "Service",
        [
            f"Load: wrk in its own process, {args.seconds} s a run, {args.rounds} rounds alternating floor,",
            f"advice and knowledge, medians of the rounds; servers: waitress with {THREADS} threads,",
            "the app as `orderwise serve` runs it with ORDERWISE_RATE_LIMIT=off; the floor is bench/floor.py.",
            f"Limiter: {LIMITER_CONNECTIONS} connections on one instance with limits off, one counting in",
            "memory, and two counting in one Redis (Debian's redis-server), each of the two loaded by its own wrk",
            f"with {LIMITER_CONNECTIONS // 2} connections at once (their requests/s summed, the worse latency);",
            f"the limit ({BENCH_LIMIT}) is never reached. Two cores hold the instances, wrk and Redis",
            "together: the Redis row is the limiter's cost, not scaling.",
            f"Load average (1 min) of the whole machine: {load_before:.1f} before the run, {os.getloadavg()[0]:.1f}",
            f"at its end (its own servers and wrk included), on {os.cpu_count()} cores that other work may share:",
            "compare the ratios, not the requests/s, with another run.",
        ],
    )


if __name__ == "__main__":
    sys.exit(main())
