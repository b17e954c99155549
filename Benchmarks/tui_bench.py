"""The explorer's budgets, measured on the real binary in a real pseudo-terminal:

- time to first frame with a 1,000-request collection (budget 50 ms), beside the cost of
  starting the same binary for `--version` and of reading the 1,000 files, measured in this run;
- key press to updated frame, p50/p99 (budget p99 16 ms), in the collection and while a large
  JSON response is displayed;
- CPU used and wake-ups (context switches) over 10 idle seconds (budget 0.02 s).

The binary writes frame timestamps when PORTICO_FRAME_LOG names a file (see
Sources/portico/Explorer/FrameLog.swift). Figures are printed; nothing is asserted.
Large responses have their own benchmark, Benchmarks/response_bench.py.
Usage: python3 Benchmarks/tui_bench.py path/to/portico
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from explorer_pty import COLUMNS, ROWS, Explorer  # noqa: E402

PORTICO = os.path.abspath(sys.argv[1])
REQUESTS = 1000
RUNS = 15
# What the binary logs on its way to the first frame, in order (Sources/portico/Explorer/FrameLog.swift).
STAGES = ["command-started", "settings-loaded", "collection-loaded", "terminal-ready", "first-frame"]


def make_collection(folder):
    """20 folders of 50 requests, in the collection file format."""
    os.makedirs(folder)
    with open(os.path.join(folder, "portico.yaml"), "w") as f:
        f.write("id: benchmark\nname: Benchmark\nvariables:\n  base: http://127.0.0.1:9\n")
    for group in range(REQUESTS // 50):
        sub = os.path.join(folder, f"group-{group:02d}")
        os.makedirs(sub)
        for index in range(50):
            with open(os.path.join(sub, f"request-{index:02d}.yaml"), "w") as f:
                f.write(f"id: bench-{group}-{index}\nname: Request {group}.{index}\nmethod: POST\n"
                        f"url: '{{{{base}}}}/items/{index}'\nheaders:\n- name: Accept\n  value: application/json\n"
                        f"body:\n  json: |\n    {{\"group\": {group}, \"index\": {index}}}\n")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def milliseconds(seconds):
    return f"{seconds * 1000:7.2f} ms"


def key_latencies(explorer, keys):
    """(key, seconds from write to drawn) for each key, sent one after the other."""
    return [(key, explorer.key(key)) for key in keys]


def report(title, measured, budget):
    """A lone Esc is drawn only after ncurses' ESCDELAY (25 ms, see DESIGN.md): it cannot tell a
    lone Esc from the start of an escape sequence before then. That wait is by design, so Esc is
    reported on its own line and left out of the figures held to the budget."""
    latencies = [seconds for key, seconds in measured if key != b"\x1b"]
    escapes = [seconds for key, seconds in measured if key == b"\x1b"]
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    print(f"{title}: {len(latencies)} keys  p50 {milliseconds(p50)}  p99 {milliseconds(p99)}  "
          f"max {milliseconds(max(latencies))}  (p99 is {p99 / budget:.2f}× the {budget * 1000:.0f} ms budget)")
    if escapes:
        print(f"  and {len(escapes)} lone Esc keys: median {milliseconds(statistics.median(escapes))}"
              f" (includes the 25 ms ESCDELAY wait)")


def main():
    if not os.access(PORTICO, os.X_OK):
        sys.exit(f"{PORTICO} is not built: run `swift build -c release` first")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8",
                   XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_DATA_HOME=os.path.join(home, "data"))
        env.pop("NO_COLOR", None)
        collection = os.path.join(home, "collection")
        make_collection(collection)

        # References measured now: starting the binary, and reading the files it loads.
        starts = []
        for _ in range(RUNS):
            began = time.time()
            subprocess.run([PORTICO, "--version"], stdout=subprocess.DEVNULL, check=True)
            starts.append(time.time() - began)
        reads = []
        files = sorted(glob.glob(os.path.join(collection, "**", "*.yaml"), recursive=True))
        for _ in range(RUNS):
            began = time.time()
            for path in files:
                with open(path, "rb") as f:
                    f.read()
            reads.append(time.time() - began)

        firsts = []
        stages = {name: [] for name in STAGES}
        for run in range(RUNS):
            log = os.path.join(home, f"frames-{run}.log")
            explorer = Explorer([PORTICO, collection], dict(env, PORTICO_FRAME_LOG=log), log)
            first = explorer.wait_for("first-frame", 1)[0][0]
            firsts.append(first - explorer.started)
            previous = explorer.started
            for name in STAGES:
                moment = explorer.events(name)[0][0]
                stages[name].append(moment - previous)
                previous = moment
            if run < RUNS - 1:
                explorer.stop()
        median_first = statistics.median(firsts)
        print(f"first frame, {len(files) - 1} requests in 20 folders, {COLUMNS}x{ROWS}, {RUNS} runs:")
        print(f"  portico              median {milliseconds(median_first)}  max {milliseconds(max(firsts))}"
              f"  ({median_first / 0.050:.2f}× the 50 ms budget)")
        print(f"  portico --version    median {milliseconds(statistics.median(starts))}  (process start alone;"
              f" first frame is {median_first / statistics.median(starts):.2f}× it)")
        print(f"  reading the files    median {milliseconds(statistics.median(reads))}")
        print("  where the first frame's time goes (medians, each from the stage before):")
        for name in STAGES:
            print(f"    {name:<20} {milliseconds(statistics.median(stages[name]))}")

        # The last explorer is still up: keys in the collection, then idle.
        keys = [b"j"] * 150 + [b"k"] * 150 + [b"\t", b"\t", b"\t"] * 20 + [b"/", b"r", b"e", b"q", b"\x1b"] * 20
        report("key to frame, collection pane", key_latencies(explorer, keys), 0.016)

        time.sleep(1)
        cpu_before, switches_before = explorer.cpu_and_switches()
        time.sleep(10)
        cpu_after, switches_after = explorer.cpu_and_switches()
        woke = {}
        for task, (name, after) in switches_after.items():
            before = switches_before.get(task, (name, 0))[1]
            if after > before:
                woke[f"{name} ({task.rsplit('/', 1)[1]})"] = after - before
        ended = len(set(switches_before) - set(switches_after))
        print(f"idle 10 s: {cpu_after - cpu_before:.2f} s CPU ({(cpu_after - cpu_before) / 0.02:.2f}× the 0.02 s budget);"
              f" wake-ups by thread: {', '.join(f'{k} {v}' for k, v in woke.items()) or 'none'}"
              f"{f'; {ended} idle pool threads ended' if ended else ''}")
        ui = sum(count for label, count in woke.items() if label.startswith("portico-ui"))
        print(f"  the UI thread woke {ui} times; wake-ups of the libdispatch manager thread are its"
              f" Linux pool monitor, a 1 s timer it keeps once any pool thread has run")
        explorer.stop()

        # A large JSON response on screen: the demo server streams it.
        server = subprocess.Popen([PORTICO, "demo", "--serve", "--port", "0"], stdout=subprocess.PIPE, text=True, env=env)
        url = server.stdout.readline().strip().split()[-1]
        try:
            log = os.path.join(home, "frames-large.log")
            explorer = Explorer([PORTICO, f"{url}/large.json?mb=4"], dict(env, PORTICO_FRAME_LOG=log), log)
            explorer.wait_for("result-frame", 1, timeout=120)
            keys = [b"j"] * 200 + [b"\x1b[6~"] * 100 + [b"k"] * 100 + [b"G", b"g"] * 25 + [b"w"] * 20 + [b"l", b"h"] * 20
            report("key to frame, 4 MB JSON response shown", key_latencies(explorer, keys), 0.016)
            explorer.stop()

            # A JSONPath query typed over a 3 MB body (queries need the whole body, and 4 MB is
            # what the viewer holds): every key runs the query, the first complete one parses the
            # body; then a search through the values it selected.
            log = os.path.join(home, "frames-query.log")
            explorer = Explorer([PORTICO, f"{url}/large.json?mb=3"], dict(env, PORTICO_FRAME_LOG=log), log)
            explorer.wait_for("result-frame", 1, timeout=120)
            keys = [b"$"] + [bytes([c]) for c in b"..id"] + [b"\r", b"/"] + [bytes([c]) for c in b"99"] + [b"\r"] + [b"n"] * 20
            measured = key_latencies(explorer, keys)
            report("key to frame, typing a JSONPath query on a 3 MB body and searching its values", measured, 0.016)
            print("  by key: " + "  ".join(f"{key.decode(errors='replace')!r} {seconds * 1000:.1f}" for key, seconds in measured[:9]) + "  (ms)")
            explorer.stop()
        finally:
            server.terminate()
            server.wait()


main()
