# Portico: the two Quick start commands are `make demo` and `make test`.
# Each installs the Debian/Ubuntu packages it needs first (apt-get, with sudo when not root).

SWIFT ?= swift
APT_PACKAGES := libncurses-dev pkg-config zlib1g-dev tmux
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build demo test bench clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is needed: https://www.swift.org/install/linux/"; exit 1; }

build: deps
	$(SWIFT) build

demo: build
	$(SWIFT) run portico demo

test: deps
	$(SWIFT) build
	$(SWIFT) test

bench: deps
	$(SWIFT) build -c release
	Benchmarks/run.sh

clean:
	rm -rf .build
