# Chorus — the two commands a person needs:
#   make run    install what is missing, build, open Chorus on its database
#   make test   install what is missing, run every check and test
SHELL := /bin/bash
CARGO ?= cargo
CHORUS := target/release/chorus

.PHONY: run test deps build check bench clean

deps:
	@scripts/deps.sh

build: deps
	$(CARGO) build --release --locked

run: build
	@scripts/run.sh $(CHORUS)

check: deps
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

test: check
	$(CARGO) test --workspace --locked

bench: deps
	$(CARGO) bench --locked --bench import --bench search

clean:
	$(CARGO) clean
