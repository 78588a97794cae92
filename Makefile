# Chorus — the two commands a person needs:
#   make run    install what is missing, build, open Chorus on its database
#   make test   install what is missing, run every check and test
SHELL := /bin/bash
CARGO ?= cargo

.PHONY: run test deps ui build check bench clean

deps:
	@scripts/deps.sh

# The shell embeds the built UI at compile time, so the UI is built first.
ui: deps
	cd ui && npm run --silent check && npm run --silent build

build: ui
	$(CARGO) build --release --locked --workspace

run: build
	@scripts/run.sh

check: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

# Every test binary's result, then one closing line with the totals.
test: check
	set -o pipefail; $(CARGO) test --workspace --locked 2>&1 | awk '{ print } \
	  /^test result:/ { passed += $$4; failed += $$6 } \
	  END { printf "tests: %d passed, %d failed\n", passed, failed }'

bench: deps
	$(CARGO) bench --locked -p chorus --bench import --bench search --bench activity --bench charts --bench report --bench network
	$(CARGO) bench --locked -p chorus-app --bench app

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
