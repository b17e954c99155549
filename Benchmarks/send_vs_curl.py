"""portico send vs curl on the embedded demo server: latency, throughput, peak memory.

Each figure is measured in this run for both tools against the same server, so the ratios
mean something on any machine. Nothing here asserts a time.
"""
import os
import subprocess
import sys
import tempfile
import time

PORTICO = os.path.abspath(sys.argv[1])
REQUESTS = 200
DOWNLOAD_BYTES = 100 * 1024 * 1024


def run(argv):
    """Runs a command to completion; returns (seconds, peak RSS in KiB, exit status)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def start_server(home):
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_DATA_HOME=os.path.join(home, "data"))
    server = subprocess.Popen([PORTICO, "demo", "--serve", "--port", "0"], stdout=subprocess.PIPE, text=True, env=env)
    line = server.stdout.readline()
    url = line.strip().split()[-1]
    if not url.startswith("http://"):
        server.kill()
        sys.exit(f"the demo server did not start: {line!r}")
    return server, url


def sequential(tool_argv, count):
    total = 0.0
    for _ in range(count):
        seconds, _, status = run(tool_argv)
        if status != 0:
            sys.exit(f"{tool_argv} failed with {status}")
        total += seconds
    return total


def main():
    if not os.access(PORTICO, os.X_OK):
        sys.exit(f"{PORTICO} is not built: run `swift build -c release` first")
    with tempfile.TemporaryDirectory() as home:
        server, url = start_server(home)
        try:
            users = f"{url}/users"
            # Warm both up once so neither pays for a cold page cache.
            run([PORTICO, "send", users])
            run(["curl", "-s", "-o", "/dev/null", users])

            portico_seq = sequential([PORTICO, "send", users], REQUESTS)
            second_seq = sequential([PORTICO, "send", users, "--transport", "async-http-client"], REQUESTS)
            curl_seq = sequential(["curl", "-s", "-o", "/dev/null", users], REQUESTS)
            print(f"{REQUESTS} sequential GETs (one process each) of {users}")
            print(f"  portico send: {portico_seq * 1000:9.1f} ms total, {portico_seq / REQUESTS * 1000:6.2f} ms per request")
            print(f"  portico send --transport async-http-client: {second_seq * 1000:9.1f} ms total, {second_seq / REQUESTS * 1000:6.2f} ms per request")
            print(f"  curl:         {curl_seq * 1000:9.1f} ms total, {curl_seq / REQUESTS * 1000:6.2f} ms per request")
            print(f"  ratio portico/curl: {portico_seq / curl_seq:.2f} (URLSession), {second_seq / curl_seq:.2f} (async-http-client)")

            big = f"{url}/bytes/{DOWNLOAD_BYTES}"
            p_time, p_rss, p_status = run([PORTICO, "send", big, "-o", "/dev/null"])
            c_time, c_rss, c_status = run(["curl", "-s", "-o", "/dev/null", big])
            if p_status or c_status:
                sys.exit(f"download failed: portico {p_status}, curl {c_status}")
            mb = DOWNLOAD_BYTES / (1024 * 1024)
            a_time, a_rss, a_status = run([PORTICO, "send", big, "-o", "/dev/null", "--transport", "async-http-client"])
            if a_status:
                sys.exit(f"download through async-http-client failed: {a_status}")
            print(f"{mb:.0f} MiB download to /dev/null")
            print(f"  portico send: {p_time * 1000:9.1f} ms, {mb / p_time:7.1f} MiB/s, peak RSS {p_rss / 1024:6.1f} MiB")
            print(f"  portico send --transport async-http-client: {a_time * 1000:9.1f} ms, {mb / a_time:7.1f} MiB/s, peak RSS {a_rss / 1024:6.1f} MiB (ratio to curl: time {a_time / c_time:.2f})")
            print(f"  curl:         {c_time * 1000:9.1f} ms, {mb / c_time:7.1f} MiB/s, peak RSS {c_rss / 1024:6.1f} MiB")
            print(f"  ratio portico/curl: time {p_time / c_time:.2f}, peak memory {p_rss / c_rss:.2f}")

            # A real file goes through a temporary file renamed into place once complete.
            with tempfile.NamedTemporaryFile() as target:
                s_time, s_rss, _ = run([PORTICO, "send", big, "-o", target.name])
                print(f"  portico send -o FILE: {s_time * 1000:9.1f} ms, peak RSS {s_rss / 1024:6.1f} MiB, file {os.path.getsize(target.name)} bytes")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
