"""The explorer on a pseudo-terminal, for the benchmarks: started with PORTICO_FRAME_LOG set, its
output drained, its frame log read (Sources/portico/Explorer/FrameLog.swift), keys sent one at a
time and timed to the frame they caused."""
import fcntl
import glob
import os
import struct
import subprocess
import sys
import termios
import threading
import time

COLUMNS, ROWS = 120, 40


class Explorer:
    """portico running on a pseudo-terminal of COLUMNS x ROWS, its output drained."""

    def __init__(self, argv, env, log):
        self.log = log
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.master = master
        self.started = time.time()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self):
        try:
            while os.read(self.master, 65536):
                pass
        except OSError:
            pass

    def events(self, name):
        try:
            with open(self.log) as f:
                text = f.read()
            # Only whole lines: the explorer may be writing the last one as it is read.
            lines = text.split("\n")[:-1]
            return [[float(x) for x in line.split()[1:]] for line in lines if line.startswith(name + " ")]
        except FileNotFoundError:
            return []

    def wait_for(self, name, count, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.events(name)
            if len(found) >= count:
                return found
            time.sleep(0.0005)
        self.stop()
        sys.exit(f"no {name} #{count} within {timeout} s")

    def key(self, data):
        """Sends a key and waits for the frame it caused; returns seconds from write to drawn."""
        count = len(self.events("key-frame")) + 1
        sent = time.time()
        os.write(self.master, data)
        return self.wait_for("key-frame", count)[-1][1] - sent

    def cpu_and_switches(self):
        """CPU seconds of the whole process (threads that ended included, 10 ms resolution) and
        the context switches of each of its threads now, by thread id."""
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        switches = {}
        for task in glob.glob(f"/proc/{self.process.pid}/task/*"):
            try:
                with open(f"{task}/comm") as f:
                    name = f.read().strip()
                with open(f"{task}/status") as f:
                    switches[task] = (name, sum(int(line.split()[1]) for line in f if "ctxt_switches" in line))
            except FileNotFoundError:
                pass
        return cpu, switches

    def stop(self):
        try:
            os.write(self.master, b"\x11")  # Ctrl+Q
            self.process.wait(timeout=5)
        except Exception:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
