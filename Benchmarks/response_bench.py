"""Large responses in the explorer (issue 5's budgets), on the real binary in a real
pseudo-terminal, against `curl -o /dev/null` of the same URL in the same run:

- last byte to the first pretty frame (budget 0.3 s for 10 MB, 1 s for 100 MB);
- last byte to the whole body indexed (the frame after the last line is known);
- G (jump to the end) and a search for the last record's name, key to frame (budget 1 s for
  the search across 100 MB);
- the process's peak memory (VmHWM) against the body's size (budget 2.5×);
- the same but the search for the densest body: one-digit numbers, a line every two bytes.

The demo server streams a minified JSON array (/large.json?mb=N) whose last record is named
"the last record". Figures are printed; nothing is asserted.
Usage: python3 Benchmarks/response_bench.py path/to/portico [MB ...]
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from explorer_pty import Explorer  # noqa: E402

PORTICO = os.path.abspath(sys.argv[1])
SIZES = [int(size) for size in sys.argv[2:]] or [10, 100]


def peak_memory(pid):
    """VmHWM of `pid` in bytes: the most resident memory it has had."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def curl(url):
    """(seconds, bytes) for curl to fetch `url` into /dev/null."""
    result = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{time_total} %{size_download}", url],
                            capture_output=True, text=True, check=True)
    seconds, size = result.stdout.split()
    return float(seconds), int(size)


def measure(url, home, env, name, search=True, searching=True):
    log = os.path.join(home, f"frames-{name}.log")
    explorer = Explorer([PORTICO, url], dict(env, PORTICO_FRAME_LOG=log), log)
    try:
        arrived = explorer.wait_for("response-complete", 1, timeout=600)[0][0]
        if not search:
            explorer.wait_for("response-frame", 1, timeout=60)
            return {"memory": peak_memory(explorer.process.pid)}
        first = explorer.wait_for("response-frame", 1, timeout=600)[0][1]
        indexed = explorer.wait_for("indexed-frame", 1, timeout=600)[0][1]
        if not searching:
            return {"first": first - arrived, "indexed": indexed - arrived, "memory": peak_memory(explorer.process.pid)}
        # The explorer started with a URL has the response pane focused.
        jump = explorer.key(b"G")
        for key in [b"/"] + [bytes([c]) for c in b"the last record"]:
            explorer.key(key)
        searches = len(explorer.events("search-frame"))
        sent = time.time()
        os.write(explorer.master, b"\r")
        found = explorer.wait_for("search-frame", searches + 1, timeout=600)[-1][1]
        memory = peak_memory(explorer.process.pid)
        if not search:
            return {"memory": memory}
        return {"first": first - arrived, "indexed": indexed - arrived, "jump": jump, "search": found - sent, "memory": memory}
    finally:
        explorer.stop()


def main():
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_DATA_HOME=os.path.join(home, "data"),
                   TERM="xterm-256color", LANG="C.UTF-8")
        server = subprocess.Popen([PORTICO, "demo", "--serve", "--port", "0"], stdout=subprocess.PIPE, text=True, env=env)
        base = server.stdout.readline().strip().split()[-1]
        try:
            print("Large JSON responses in the explorer (minified, /large.json?mb=N), against curl -o /dev/null:")
            # What the explorer holds anyway, showing a response of a few bytes: the memory a body adds
            # is measured above it.
            baseline = measure(f"{base}/json", home, env, "baseline", search=False)["memory"]
            print(f"the explorer showing a small response peaks at {baseline / 1e6:.0f} MB")
            for megabytes in SIZES:
                url = f"{base}/large.json?mb={megabytes}"
                reference, size = curl(url)
                got = measure(url, home, env, str(megabytes))
                first_budget = 0.3 if megabytes <= 10 else 1.0
                print(f"\n{megabytes} MB ({size:,} bytes): curl fetches it in {reference:.3f} s")
                print(f"  last byte to first pretty frame  {got['first']:.3f} s  ({got['first'] / first_budget:.2f}× the {first_budget} s budget,"
                      f" {got['first'] / reference:.2f}× curl's whole fetch)")
                print(f"  last byte to whole body indexed  {got['indexed']:.3f} s  ({got['indexed'] / reference:.2f}× curl's whole fetch)")
                print(f"  G, jump to the end               {got['jump'] * 1000:.1f} ms")
                print(f"  search for the last record       {got['search']:.3f} s  ({got['search'] / 1.0:.2f}× the 1 s budget)")
                print(f"  peak memory                      {got['memory'] / 1e6:.0f} MB  ({got['memory'] / size:.2f}× the body, budget 2.5×;"
                      f" {(got['memory'] - baseline) / size:.2f}× above the small response's {baseline / 1e6:.0f} MB)")
            # The densest body for the line index: one-digit numbers, a line every two bytes.
            megabytes = max(SIZES)
            url = f"{base}/large.json?mb={megabytes}&shape=digits"
            reference, size = curl(url)
            got = measure(url, home, env, f"{megabytes}-digits", searching=False)
            print(f"\n{megabytes} MB of one-digit numbers, [0,1,2,…] ({size:,} bytes, a line every two bytes): curl fetches it in {reference:.3f} s")
            print(f"  last byte to first pretty frame  {got['first']:.3f} s")
            print(f"  last byte to whole body indexed  {got['indexed']:.3f} s  ({got['indexed'] / reference:.2f}× curl's whole fetch)")
            print(f"  peak memory                      {got['memory'] / 1e6:.0f} MB  ({got['memory'] / size:.2f}× the body, budget 2.5×;"
                  f" {(got['memory'] - baseline) / size:.2f}× above the small response's {baseline / 1e6:.0f} MB)")
        finally:
            server.terminate()
            server.wait()


main()
