"""portico bench vs wrk on the embedded demo server's /echo: throughput and p99 latency.

Both load generators hit the same server, on the same endpoint, with the same number of
connections and for the same time, one after the other in this run, so the ratios mean something
on any machine. The server shares the machine's cores with whichever tool runs. Nothing here
asserts a time. PORTICO_BENCH_CONCURRENCY (default 8) and PORTICO_BENCH_DURATION (default 10s)
change the load.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

PORTICO = os.path.abspath(sys.argv[1])
CONCURRENCY = int(os.environ.get("PORTICO_BENCH_CONCURRENCY", "8"))
DURATION = os.environ.get("PORTICO_BENCH_DURATION", "10s")
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def start_server(home):
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_DATA_HOME=os.path.join(home, "data"))
    server = subprocess.Popen([PORTICO, "demo", "--serve", "--port", "0"], stdout=subprocess.PIPE, text=True, env=env)
    line = server.stdout.readline()
    url = line.strip().split()[-1]
    if not url.startswith("http://"):
        server.kill()
        sys.exit(f"the demo server did not start: {line!r}")
    return server, url, env


def wrk(url):
    """wrk's requests per second and 99th percentile (ms), from its --latency report."""
    threads = min(2, CONCURRENCY)
    output = subprocess.run(["wrk", f"-t{threads}", f"-c{CONCURRENCY}", f"-d{DURATION}", "--latency", url],
                            capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE).groups()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", output)
    return rps, float(value) * UNITS_MS[unit], errors.group(0) if errors else None


def portico(url, env, *extra):
    """portico bench's requests per second, 99th percentile (ms) and error count."""
    result = subprocess.run([PORTICO, "bench", url, "-c", str(CONCURRENCY), "--duration", DURATION, "--format", "json", *extra],
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"portico bench failed ({result.returncode}): {result.stderr}")
    report = json.loads(result.stdout)
    return report["throughput_rps"], report["latency_ms"]["p99"], report["errors"]


def main():
    if not os.access(PORTICO, os.X_OK):
        sys.exit(f"{PORTICO} is not built: run `swift build -c release` first")
    with tempfile.TemporaryDirectory() as home:
        server, base, env = start_server(home)
        try:
            url = f"{base}/echo"
            # Warm the server and both tools once, briefly.
            subprocess.run(["wrk", "-t1", "-c1", "-d1s", url], capture_output=True, check=True)
            subprocess.run([PORTICO, "bench", url, "-n", "200"], capture_output=True, env=env, check=True)

            wrk_rps, wrk_p99, wrk_errors = wrk(url)
            runs = [("portico bench (URLSession)", portico(url, env)),
                    ("portico bench --transport async-http-client", portico(url, env, "--transport", "async-http-client"))]
            print(f"GET {url}, {CONCURRENCY} connections, {DURATION} each")
            print(f"  wrk:  {wrk_rps:10.0f} requests/s   p99 {wrk_p99:8.2f} ms{'   ' + wrk_errors if wrk_errors else ''}")
            for name, (rps, p99, errors) in runs:
                print(f"  {name}: {rps:10.0f} requests/s   p99 {p99:8.2f} ms   errors {errors}")
                print(f"    ratio to wrk: throughput {rps / wrk_rps:.2f}, p99 {p99 / wrk_p99:.2f}")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
