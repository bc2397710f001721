# Callwire: the two commands are `make run` and `make test`; `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS_VENV := .tools
UV := $(TOOLS_VENV)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
BUF := tools/node_modules/.bin/buf
PROTOC_GEN_ES := sdk/typescript/node_modules/.bin/protoc-gen-es
# Go tools built from the Go module proxy and cached under .tools/ (minutes cold, then instant).
OTELCOL := $(TOOLS_VENV)/otelcol/otelcol-callwire
HELM := $(TOOLS_VENV)/bin/helm
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export PATH := $(CURDIR)/$(BIN):$(PATH)

# Generated trees: written only by `make generate`, checked for freshness by `make check-generated`.
GENERATED := gen/python/src sdk/python/src/callwire_sdk/_gen sdk/python/src/callwire_sdk/_surface.py sdk/typescript/src/gen deploy/envoy/callwire.binpb deploy/envoy/callwire.lua deploy/openapi proto/google proto/buf docs

# Hand-written Python checked by mypy --strict (generated trees are excluded in pyproject.toml). Test folders
# are checked one at a time: each has its own conftest.py, and mypy would see them as one duplicated module.
MYPY_PATHS = $(wildcard csta/src csta/examples server/src simulator/src launcher/src gateway/src sdk/python/src sdk/python/examples sdk/conformance bench testkit/src) \
	tools/vendor_googleapis.py tools/vendor_protovalidate.py tools/gen_sdk_surface.py tools/gen_access_doc.py tools/gen_envoy_lua.py \
	tools/protoc_gen_grpcio.py tools/busy.py
MYPY_TEST_DIRS = $(wildcard tests csta/tests/* server/tests/* simulator/tests gateway/tests sdk/python/tests testkit/tests)

.PHONY: help setup tools test-container generate check-generated lint format test test-typescript test-fast test-busy run run-envoy sim bench chaos clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-17s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(BUF): tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --loglevel=error
	@touch $(BUF)

# The TypeScript SDK's packages (protoc-gen-es, Connect-ES, TypeScript), pinned by its package-lock.json.
$(PROTOC_GEN_ES): sdk/typescript/package.json sdk/typescript/package-lock.json
	cd sdk/typescript && npm ci --no-audit --no-fund --loglevel=error
	@touch $(PROTOC_GEN_ES)

setup: $(UV) $(BUF) $(PROTOC_GEN_ES) ## Create .venv with every distribution and dev tool (uv, locked), install buf
	$(UV) sync --all-packages --frozen --python $(PYTHON) --quiet

$(OTELCOL): tools/otelcol/manifest.yaml tools/build-otelcol | $(UV)
	tools/build-otelcol

$(HELM): tools/build-helm | $(UV)
	tools/build-helm

tools: $(OTELCOL) $(HELM) ## Build the OpenTelemetry Collector and helm the tests use (Go module proxy, cached in .tools/)

generate: setup ## Regenerate every generated file from proto/ (vendored googleapis and protovalidate, Python, SDK, docs/api.md and access.md, Envoy descriptors, OpenAPI)
	$(BIN)/python tools/vendor_googleapis.py
	$(BIN)/python tools/vendor_protovalidate.py
	$(BUF) generate
	$(BUF) generate --template buf.gen.protovalidate.yaml
	@mkdir -p deploy/envoy
	$(BUF) build --as-file-descriptor-set -o deploy/envoy/callwire.binpb
	$(BIN)/python tools/gen_envoy_lua.py
	$(BIN)/python tools/gen_sdk_surface.py
	$(BIN)/python tools/gen_access_doc.py
	$(BUF) generate --template sdk/typescript/buf.gen.yaml

check-generated: setup ## Fail if regenerating changes, adds or removes a generated file
	@find $(GENERATED) -type f 2>/dev/null | sort | xargs sha256sum > .generated.before
	@$(MAKE) --no-print-directory generate >/dev/null
	@find $(GENERATED) -type f 2>/dev/null | sort | xargs sha256sum > .generated.after
	@if ! diff -u .generated.before .generated.after; then \
	  echo "Generated files were stale; 'make generate' rewrote them: commit the result."; \
	  rm -f .generated.before .generated.after; exit 1; fi
	@if [ -n "$$(git status --porcelain --untracked-files=all -- $(GENERATED))" ] && [ -n "$${CI:-}" ]; then \
	  echo "Generated files differ from the committed ones:"; git status --porcelain -- $(GENERATED); \
	  rm -f .generated.before .generated.after; exit 1; fi
	@rm -f .generated.before .generated.after
	@echo "generated code is fresh"

lint: setup ## ruff, mypy (strict, hand-written code), buf lint, buf breaking against main
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(MYPY_PATHS)
	@for d in $(MYPY_TEST_DIRS); do [ -d "$$d" ] || continue; echo "mypy $$d"; $(BIN)/mypy "$$d" || exit 1; done
	$(BIN)/mypy $(wildcard server/tests/*.py)
	$(BUF) lint
	$(BUF) format --diff --exit-code proto
	@if git rev-parse --verify --quiet main >/dev/null && git cat-file -e main:buf.yaml 2>/dev/null \
	    && [ -n "$$(git ls-tree -r --name-only main -- proto/callwire)" ]; then \
	  echo "buf breaking against main"; $(BUF) breaking --against '.git#branch=main'; fi

format: setup ## Apply ruff's formatting and fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: setup tools lint check-generated ## Lint, check generated code, then run every test (Python, then the TypeScript SDK)
	$(BIN)/pytest
	$(MAKE) --no-print-directory test-typescript

test-typescript: setup ## Build the TypeScript SDK and run its tests (the conformance suite included) with node --test
	cd sdk/typescript && npm test

test-fast: setup tools ## Run the tests only
	$(BIN)/pytest

BUSY_RUNS ?= 1
test-busy: setup tools ## Run the tests with a CPU hog on one core (BUSY_RUNS=3: three runs), each run bounded at 30 min
	$(BIN)/python tools/busy.py --runs $(BUSY_RUNS) --timeout 1800

test-container: ## Build deploy/Dockerfile with podman (no daemon; base made with debootstrap) and start the image
	tools/container-smoke

run: setup ## Start the embedded default (simulated switch, server, gateway)
	$(BIN)/callwire up

run-envoy: setup ## The embedded default with Envoy in front: REST/JSON, gRPC-Web and gRPC on http://127.0.0.1:8080
	$(BIN)/callwire up --envoy

bench: setup ## Run the benchmarks under bench/ and print their figures
	cd sdk/typescript && npm run build --silent
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

chaos: setup ## Chaos run on loopback: clients work while the switch fails N times and the server is killed M times
	$(BIN)/python bench/chaos.py $(CHAOS_ARGS)

clean: ## Remove the virtual environments and caches
	rm -rf $(VENV) $(TOOLS_VENV) tools/node_modules .mypy_cache .ruff_cache .pytest_cache
