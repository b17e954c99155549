# Portico: the two Quick start commands are `make demo` and `make test`.
# Each installs the Debian/Ubuntu packages it needs first (apt-get, with sudo when not root).

SWIFT ?= swift
# tinyproxy, microsocks, openssl and python3 are the proxies, certificates and HTTPS server the
# transport tests talk to (Tests/Peers); libxml2-utils' xmllint validates `portico run`'s JUnit reports.
APT_PACKAGES := libncurses-dev pkg-config zlib1g-dev tmux tinyproxy microsocks openssl python3 python3-venv libxml2-utils
# A release binary links the Swift runtime and Foundation statically, which needs libcurl's
# headers and static link flags for FoundationNetworking.
RELEASE_APT_PACKAGES := libcurl4-openssl-dev
# The reference tools `make bench` measures against: curl for `send`, wrk for `bench`.
BENCH_APT_PACKAGES := curl wrk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps release-deps bench-deps install-packages test-peers build demo test fuzz release bench clean

deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(APT_PACKAGES)"

release-deps: deps
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(RELEASE_APT_PACKAGES)"

bench-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(BENCH_APT_PACKAGES)"

install-packages:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is needed: https://www.swift.org/install/linux/"; exit 1; }

build: deps
	$(SWIFT) build

demo: build
	$(SWIFT) run portico demo

# httpbin and gunicorn from PyPI, the reference server of the transport conformance suite, in a
# virtual environment of their own under .build (never in the system's Python).
PEERS_VENV := .build/peers-venv
test-peers:
	@test -x $(PEERS_VENV)/bin/python3 || python3 -m venv $(PEERS_VENV)
	@$(PEERS_VENV)/bin/python3 -m pip install --quiet --disable-pip-version-check -r Tests/Peers/requirements.txt

# A smoke round of every fuzz target runs with the tests: FUZZ_SMOKE_RUNS inputs each from a fixed
# seed, the same inputs on every machine, so `make test` gives the same answer for the same code.
# `make fuzz` explores, each target for FUZZ_SECONDS. Fuzz/run.sh builds them with
# -sanitize=fuzzer,address in .build-fuzz, apart from the normal build.
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_RUNS ?= 10000

test: deps test-peers
	$(SWIFT) build
	FUZZ_RUNS=$(FUZZ_SMOKE_RUNS) FUZZ_SEED=1 SWIFT=$(SWIFT) Fuzz/run.sh
	$(SWIFT) test

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) Fuzz/run.sh

# The Swift runtime linked in: process start-up takes about a third less time (the dynamic loader and
# the runtime's start-up over ~58 shared libraries were about 20 ms of the time to the first frame).
release: release-deps
	$(SWIFT) build -c release --static-swift-stdlib
	@echo "built $$($(SWIFT) build -c release --static-swift-stdlib --show-bin-path)/portico"

bench: release bench-deps
	Benchmarks/run.sh

clean:
	rm -rf .build .build-fuzz
