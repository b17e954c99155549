#!/usr/bin/env python3
"""run_in_pty.py COMMAND...: runs COMMAND with its standard output on a pseudo-terminal, as when a
person runs it in a terminal, and copies everything it writes there to this script's standard
output. Standard input and standard error are passed through. Exits with COMMAND's status.

The tests use it to see what portico writes when standard output is a terminal (escaped), which a
pipe or a file (passed through unchanged) would not show.
"""
import os
import pty
import signal
import subprocess
import sys

# The test runner's blocked signals are not a terminal user's.
signal.pthread_sigmask(signal.SIG_SETMASK, [])
controller, terminal = pty.openpty()
child = subprocess.Popen(sys.argv[1:], stdout=terminal)
os.close(terminal)
while True:
    try:
        data = os.read(controller, 65536)
    except OSError:
        # EIO: the terminal side closed (the command and all it started ended).
        break
    if not data:
        break
    os.write(sys.stdout.fileno(), data)
sys.exit(child.wait())
