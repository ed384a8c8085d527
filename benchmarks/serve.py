"""Edit-to-reload time of the preview server: edit one file, wait for the served page to change.

    python benchmarks/serve.py 1000 --edits 5            # playbook serve (incremental rebuilds)
    python benchmarks/serve.py 1000 --edits 3 --anchor   # and plain `mkdocs serve` (full rebuilds)

Generates N playbooks (benchmarks/generate.py, desk cards included), starts the
server, waits for the first build, then repeatedly appends a marker to one
step of one playbook and measures the time from the write until the page
served over HTTP contains it. With --anchor, plain `mkdocs serve` (which
rebuilds every page on every edit) is measured in the same run, edits
alternating. One edit of severities.yaml per server checks that a shared file
reaches a dependent page. Prints the median and every sample.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

TODAY = "2026-11-22"
PLAYBOOK = "pb-00007"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


class Server:
    def __init__(self, repo: Path, anchor: bool) -> None:
        self.port = free_port()
        address = f"127.0.0.1:{self.port}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_TODAY": TODAY}
        args = (["mkdocs", "serve", "-a", address] if anchor else
                ["playbook", "serve", "--today", TODAY, "--dev-addr", address])
        self.proc = subprocess.Popen(args, cwd=repo, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        self.url = f"http://{address}/playbooks/{PLAYBOOK}.html"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def edit(path: Path, marker: str) -> None:
    text = path.read_text()
    path.write_text(text.replace("(immediate 1)", f"(immediate 1) {marker}", 1) if "(immediate 1)" in text
                    else text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--anchor", action="store_true", help="also measure plain `mkdocs serve`")
    args = parser.parse_args()
    results: dict[str, list[float]] = {"playbook serve": [], "mkdocs serve (anchor)": []}
    with tempfile.TemporaryDirectory(prefix="playbook-serve-bench-") as tmp:
        repos = {"playbook serve": generate(args.n, Path(tmp) / "incremental", cards=True)}
        if args.anchor:
            repos["mkdocs serve (anchor)"] = generate(args.n, Path(tmp) / "anchor", cards=True)
        servers = {name: Server(repo, anchor=name != "playbook serve") for name, repo in repos.items()}
        try:
            for name, server in servers.items():
                first = wait_for(server.url, "Decision tree", 900)
                print(f"{name}: first build served after {first:.1f} s", file=sys.stderr)
            for number in range(args.edits):
                for name, server in servers.items():
                    marker = f"edit-marker-{number}-{time.time_ns()}"
                    path = repos[name] / "content" / "playbooks" / f"{PLAYBOOK}.yaml"
                    time.sleep(1.0)  # let the watcher settle after the previous rebuild
                    edit(path, marker)
                    results[name].append(wait_for(server.url, marker, 600))
                    print(f"{name}: edit {number + 1}: {results[name][-1]:.2f} s", file=sys.stderr)
            for name, server in servers.items():
                path = repos[name] / "content" / "severities.yaml"
                text = path.read_text()
                marker = f"shared-marker-{time.time_ns()}"
                path.write_text(text.replace("    name: ", f"    name: {marker} "))  # every level
                took = wait_for(server.url, marker, 600)
                print(f"{name}: severities.yaml edit reached the playbook page after {took:.2f} s",
                      file=sys.stderr)
        finally:
            for server in servers.values():
                server.stop()
    load = os.getloadavg()
    print(f"N={args.n}, {args.edits} edits, load average {load[0]:.1f} / {load[1]:.1f}")
    for name, samples in results.items():
        if samples:
            print(f"{name}: median {statistics.median(samples):.2f} s (samples: "
                  f"{', '.join(f'{s:.2f}' for s in samples)})")


if __name__ == "__main__":
    main()
