#!/usr/bin/env python3
"""Makes the upgrade fixture: an SQLite database written by an OLD `rekindle` binary,
so a test can prove a newer binary opens it, migrates it and serves it.

Usage: scripts/make-upgrade-fixture.py OLD_REKINDLE_BINARY OUT.db

It seeds three couples with 30 days of check-ins (`rekindle seed`), then serves the
file with the old binary on a loopback port and, through its API, has the first seeded
couple answer the question of the day, reply, write State of Us notes, play a love-map
round and a listening session with private notes — so every table of that release
holds rows. Loopback only; the server is stopped at the end.
"""

import json
import sqlite3
import subprocess
import sys
import urllib.request

PASSWORD = "seeded and steady"


def call(base, method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=10) as res:
        text = res.read().decode()
        return json.loads(text) if text else None


def main():
    old, out = sys.argv[1], sys.argv[2]
    url = "sqlite://" + out
    seeded = subprocess.run(
        [old, "seed", "--couples", "3", "--days", "30", "--database-url", url],
        check=True, capture_output=True, text=True,
    ).stdout
    run = seeded.split("log in as seed-")[1].split("-")[0]
    server = subprocess.Popen(
        [old, "serve", "--addr", "127.0.0.1:0", "--database-url", url],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = server.stdout.readline()
        base = "http://" + line.split("listening on http://")[1].strip()
        tokens = {}
        for side in "ab":
            email = f"seed-{run}-0-{side}@example.test"
            tokens[side] = call(base, "POST", "/api/v1/auth/login", body={"email": email, "password": PASSWORD})["token"]
        a, b = tokens["a"], tokens["b"]
        prompt = call(base, "GET", "/api/v1/prompts/today", a)["prompt"]["id"]
        call(base, "PUT", f"/api/v1/prompts/{prompt}/answer", a, {"body": "fixture-a: slow Sunday mornings"})
        call(base, "PUT", f"/api/v1/prompts/{prompt}/answer", b, {"body": "fixture-b: the walk by the river"})
        call(base, "POST", f"/api/v1/prompts/{prompt}/replies", a, {"body": "fixture-a: me too"})
        call(base, "POST", "/api/v1/state-of-us/notes", a, {"section": "went_well", "body": "fixture-a: our dinner"})
        call(base, "POST", "/api/v1/state-of-us/notes", b, {"section": "next_week", "body": "fixture-b: a day out"})
        call(base, "POST", "/api/v1/state-of-us/done", a)
        round_id = call(base, "POST", "/api/v1/love-map/rounds", a, {"about": "me"})["id"]
        call(base, "PUT", f"/api/v1/love-map/rounds/{round_id}/entries", a, {"entries": [f"fixture-a: map {i}" for i in range(5)]})
        call(base, "PUT", f"/api/v1/love-map/rounds/{round_id}/entries", b, {"entries": [f"fixture-b: guess {i}" for i in range(5)]})
        session = call(base, "POST", "/api/v1/listening", a, {"topic": "Our weekends", "first_speaker": "me"})["id"]
        call(base, "POST", f"/api/v1/listening/{session}/moves", a, {"kind": "piece", "body": "fixture-a: I miss our walks"})
        call(base, "POST", f"/api/v1/listening/{session}/moves", b, {"kind": "paraphrase", "body": "fixture-b: you miss our walks"})
        call(base, "POST", f"/api/v1/listening/{session}/end", a)
        call(base, "PUT", f"/api/v1/listening/{session}/rating", a, {"felt_heard": 4})
        call(base, "PUT", f"/api/v1/listening/{session}/note", a, {"body": "fixture-a: private thought"})
        print(f"fixture written: {out} (first couple: seed-{run}-0-a / -b)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    # One self-contained file: fold the write-ahead log in.
    con = sqlite3.connect(out)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main()
