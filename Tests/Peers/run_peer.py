#!/usr/bin/env python3
"""run_peer.py PID COMMAND...: runs a test peer (a proxy, a server) until the test process PID
ends or this wrapper is told to stop, so that no peer outlives the test run that started it, even
a run that is killed.

Processes the test runner starts inherit its blocked signals (SIGTERM among them), so the mask is
cleared first: for this wrapper, and for the peer, which inherits it in turn.
"""
import os
import signal
import subprocess
import sys
import time

signal.pthread_sigmask(signal.SIG_SETMASK, [])
watched = int(sys.argv[1])
peer = subprocess.Popen(sys.argv[2:])


def stop(*_):
    peer.terminate()
    try:
        peer.wait(timeout=5)
    except subprocess.TimeoutExpired:
        peer.kill()
        peer.wait()
    sys.exit(0)


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(number, stop)
while alive(watched) and peer.poll() is None:
    time.sleep(0.5)
stop()
