#!/usr/bin/env python3
"""Check-in writes under load, beside the floor (issue 9, part 4).

    cargo build --release -p rekindle
    scripts/bench-writes.py [--bin target/release/rekindle] [--seconds 15]

Seeds 32 couples (64 people) into a fresh SQLite file, serves it with the release
binary on loopback, signs everyone in through the API, then runs wrk: each request is
`PUT /api/v1/checkins/{today}` for the next person in turn (a real upsert each time),
at 16 and at 64 connections. The floor is the same single-row upsert straight through
SQLite with the app's pragmas (WAL, synchronous=FULL, foreign keys, busy_timeout), one
`BEGIN IMMEDIATE … COMMIT` after another from Python's sqlite3 — SQLite takes one writer
at a time, so that is the most any server could do. Prints both and the ratio, any
non-2xx answers wrk saw, and whether "database is locked" reached the log.
Loopback only; everything stops by itself.
"""

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import zoneinfo
from datetime import datetime

PASSWORD = "seeded and steady"


def call(base, method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as res:
        text = res.read().decode()
        return json.loads(text) if text else None


def floor(seconds, work):
    """Single-row upserts through SQLite with the app's pragmas, for `seconds`."""
    con = sqlite3.connect(os.path.join(work, "floor.db"), isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=5000"):
        con.execute("PRAGMA " + pragma)
    con.execute(
        "CREATE TABLE checkins (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, day TEXT NOT NULL, "
        "closeness INTEGER NOT NULL, mood INTEGER NOT NULL, felt_heard INTEGER NOT NULL, "
        "updated_at BIGINT NOT NULL, UNIQUE (owner_id, day))"
    )
    n, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        con.execute("BEGIN IMMEDIATE")
        con.execute(
            "INSERT INTO checkins VALUES (?, ?, '2026-12-01', 5, 4, 4, ?) "
            "ON CONFLICT (owner_id, day) DO UPDATE SET closeness = excluded.closeness, "
            "updated_at = excluded.updated_at",
            (f"id-{n % 64}", f"owner-{n % 64}", n),
        )
        con.execute("COMMIT")
        n += 1
    con.close()
    return n / seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/rekindle")
    ap.add_argument("--seconds", type=int, default=15)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="rk_writes_")
    url = "sqlite://" + os.path.join(work, "bench.db")
    seeded = subprocess.run([args.bin, "seed", "--couples", "32", "--days", "7", "--database-url", url],
                            check=True, capture_output=True, text=True).stdout
    run = seeded.split("log in as seed-")[1].split("-")[0]
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([args.bin, "serve", "--addr", "127.0.0.1:0", "--database-url", url],
                              stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        base = "http://" + server.stdout.readline().split("listening on http://")[1].strip()
        tokens, days = [], []
        for c in range(32):
            for side in "ab":
                email = f"seed-{run}-{c}-{side}@example.test"
                token = call(base, "POST", "/api/v1/auth/login", body={"email": email, "password": PASSWORD})["token"]
                zone = call(base, "GET", "/api/v1/me", token)["timezone"]
                tokens.append(token)
                days.append(datetime.now(zoneinfo.ZoneInfo(zone)).date().isoformat())
        lua = os.path.join(work, "put.lua")
        with open(lua, "w") as f:
            f.write("local tokens = {%s}\n" % ",".join(json.dumps(t) for t in tokens))
            f.write("local days = {%s}\n" % ",".join(json.dumps(d) for d in days))
            f.write('local body = \'{"closeness": 5, "mood": 4, "felt_heard": 4, "appreciation": "thank you"}\'\n')
            f.write("local i = 0\n")
            f.write("request = function()\n  i = i % #tokens + 1\n")
            f.write('  return wrk.format("PUT", "/api/v1/checkins/" .. days[i], '
                    '{["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json"}, body)\nend\n')
        results = {}
        for conns in (16, 64):
            out = subprocess.run(["wrk", "-t2", f"-c{conns}", f"-d{args.seconds}s", "--latency", "-s", lua, base],
                                 check=True, capture_output=True, text=True).stdout
            print(f"== PUT /api/v1/checkins/{{today}}, {conns} connections\n{out}")
            rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
            bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            results[conns] = (rps, int(bad.group(1)) if bad else 0)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    locked = open(os.path.join(work, "server.log")).read().count("database is locked")
    fl = floor(args.seconds, work)
    print(f"== floor: single-row upsert transactions straight through SQLite: {fl:.0f}/s")
    for conns, (rps, bad) in results.items():
        print(f"{conns} connections: {rps:.0f} req/s = {rps / fl:.0%} of the floor; non-2xx: {bad}")
    print(f"'database is locked' in the server log: {locked}")
    if locked or any(bad for _, bad in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
