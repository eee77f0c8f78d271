#!/usr/bin/env python3
"""Latency of `planlint lsp`: from `textDocument/didChange` to the
`textDocument/publishDiagnostics` of that version, over a scripted typing
session, on a 1,000-tactic plan and on the shared example plans.

Usage: bench/lsp_latency.py [--planlint target/release/planlint] [--runs 3]

A benchmark, not a test: it prints figures (median, 90th percentile and
worst keystroke per session, and the server's CPU time per keystroke,
which the machine's load does not inflate), it asserts nothing. It talks JSON-RPC over
the server's stdin and stdout itself (no dependency beyond Python), as an
editor does with full document sync: each keystroke sends the whole text.

Two sessions per plan:
- `wait`: one keystroke, wait for its diagnostics, the next keystroke: the
  cost of linting one change;
- `typing`: keystrokes every 30 ms (a fast typist), not waiting: what a
  person sees, the time from each keystroke to the diagnostics of that
  version or of a later one (a server may skip versions superseded before
  it got to them; the editor shows the newest).

The 1,000-tactic plan is `bench/make_corpus.py`'s generator with 1,000
tactics (about 11,000 lines); the typing inserts an attribute into a tactic
in the middle, `x-note: "…"`, a character at a time, then changes its
`effort`.
"""
import argparse
import json
import os
import pathlib
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import make_corpus  # noqa: E402


class Server:
    def __init__(self, planlint, root):
        self.process = subprocess.Popen(
            [planlint, "lsp", "--today", "2027-01-15"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0
        # Versions published per URI, with when they arrived.
        self.published = {}
        self.condition = threading.Condition()
        self.responses = {}
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"capabilities": {}, "rootUri": root.as_uri()})
        self.notify("initialized", {})

    def _send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            now = time.perf_counter()
            with self.condition:
                if message.get("method") == "textDocument/publishDiagnostics":
                    params = message["params"]
                    self.published.setdefault(params["uri"], []).append(
                        (params.get("version"), now)
                    )
                elif "id" in message and "method" not in message:
                    self.responses[message["id"]] = message
                elif "id" in message:  # a request of the server: answer it
                    self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                self.condition.notify_all()

    def request(self, method, params):
        self.next_id += 1
        request_id = self.next_id
        self._send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        with self.condition:
            self.condition.wait_for(lambda: request_id in self.responses, timeout=120)
            return self.responses.pop(request_id)

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for_version(self, uri, version, timeout=120):
        """When the diagnostics of `version` (or a later one) arrived."""
        with self.condition:
            found = self.condition.wait_for(
                lambda: any(v is not None and v >= version for v, _ in self.published.get(uri, [])),
                timeout=timeout,
            )
            if not found:
                raise TimeoutError(f"no diagnostics for version {version} of {uri}")
            return min(t for v, t in self.published[uri] if v is not None and v >= version)

    def cpu_seconds(self):
        """The server's CPU time so far (user and system, all threads):
        unlike wall-clock latency, it does not grow with the machine's load."""
        fields = pathlib.Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)


def keystrokes(text):
    """The texts a person produces typing in the tactic in the middle of
    `text`: a new attribute, a character at a time, then a new effort."""
    lines = text.splitlines(keepends=True)
    tactics = [i for i, line in enumerate(lines) if line.startswith("  tactic ")]
    start = tactics[len(tactics) // 2] if tactics else 1
    before, after = "".join(lines[: start + 1]), "".join(lines[start + 1 :])
    texts = []
    typed = '    x-note: "checked with sales"\n'
    for end in range(1, len(typed) + 1):
        texts.append(before + typed[:end] + after)
    current = texts[-1] if texts else text
    # Then the effort of the same tactic: delete it, type 12d.
    marker = current.find("    effort: ", len(before))
    if marker >= 0:
        value_start = marker + len("    effort: ")
        value_end = current.index("\n", value_start)
        head, tail = current[:value_start], current[value_end:]
        for partial in ["", "1", "12", "12d"]:
            texts.append(head + partial + tail)
    return texts


def session(server, uri, text, interval):
    with server.condition:
        server.published[uri] = []
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "plan", "version": 1, "text": text}},
    )
    server.wait_for_version(uri, 1)
    latencies = []
    version = 1
    sent = []
    for new_text in keystrokes(text):
        version += 1
        sent_at = time.perf_counter()
        server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": new_text}],
            },
        )
        sent.append((version, sent_at))
        if interval is None:
            latencies.append(server.wait_for_version(uri, version) - sent_at)
        else:
            time.sleep(interval)
    if interval is not None:
        for version, sent_at in sent:
            latencies.append(server.wait_for_version(uri, version) - sent_at)
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return latencies


def describe(latencies):
    ordered = sorted(latencies)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (
        f"median {statistics.median(ordered) * 1000:6.1f} ms, "
        f"p90 {p90 * 1000:6.1f} ms, worst {ordered[-1] * 1000:6.1f} ms "
        f"({len(ordered)} keystrokes)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--planlint", default=str(REPO / "target" / "release" / "planlint"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tactics", type=int, default=1000)
    args = parser.parse_args()
    if not os.access(args.planlint, os.X_OK):
        sys.exit(f"{args.planlint}: not built (cargo build --release --locked)")

    with tempfile.TemporaryDirectory() as scratch:
        root = pathlib.Path(scratch)
        big = make_corpus.plan(random.Random(2027), 1, args.tactics)
        plans = [(f"{args.tactics:,}-tactic plan", root / "big.plan", big)]
        for example in sorted((REPO.parent / "shared" / "examples").glob("*.plan")):
            plans.append((f"shared/examples/{example.name}", root / example.name, example.read_text()))
        for _, path, text in plans:
            path.write_text(text)
        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} cores, load average {load:.1f}; planlint: {args.planlint}")
        server = Server(args.planlint, root)
        try:
            for name, path, text in plans:
                lines = text.count("\n")
                for mode, interval in [("wait", None), ("typing", 0.03)]:
                    latencies = []
                    cpu_before = server.cpu_seconds()
                    for _ in range(args.runs):
                        latencies += session(server, path.as_uri(), text, interval)
                    cpu = (server.cpu_seconds() - cpu_before) / len(latencies)
                    print(
                        f"{name} ({lines:,} lines), {mode:6}: {describe(latencies)}; "
                        f"server CPU {cpu * 1000:.1f} ms per keystroke"
                    )
        finally:
            server.close()


if __name__ == "__main__":
    main()
