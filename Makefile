# storyline front door. `make demo` and `make test` do all the set-up on a
# fresh Debian 12 machine (packages via scripts/install-deps).
BUILD      ?= build
ASAN_BUILD ?= build-asan
GENERATOR  ?= Ninja
QUICK      ?=

FUZZ_SECONDS ?= 20

.PHONY: all deps build build-asan demo serve test test-release test-asan eval bench fuzz format clean package

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -G $(GENERATOR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD)

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -G $(GENERATOR) -DCMAKE_BUILD_TYPE=Debug -DSTORYLINE_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD)

# Builds, ingests the sample newsroom into demo.db, prints the top stories
# and the top story page, and writes the static site to demo-site/.
demo: build
	@scripts/demo $(BUILD)/storyline

# The Debian package (CPack), checked by lintian: $(BUILD)/package/*.deb.
package: build
	@cd $(BUILD) && cpack -G DEB -B package >/dev/null && ls package/*.deb
	@lintian --fail-on error $(BUILD)/package/*.deb && echo "lintian: no errors"

# The web app on the demo database (run `make demo` first).
serve: build
	@test -f demo.db || scripts/demo $(BUILD)/storyline
	@$(BUILD)/storyline serve --db demo.db --port $(or $(PORT),8080)

# Every test, in the Release build and again under ASan+UBSan.
test: test-release test-asan

test-release: build
	@ctest --test-dir $(BUILD) --output-on-failure -j2

test-asan: build-asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j2

# Evaluations on ../shared/data (skipped with a message when absent).
# QUICK=1 samples the larger sets, as CI does.
eval: build
	@eval/run $(BUILD) $(if $(QUICK),--quick,)

bench: build
	@bench/run $(BUILD)

# libFuzzer targets (clang) for the HTML, JSONL and text/date parsers.
fuzz: deps
	@scripts/fuzz $(FUZZ_SECONDS)

format:
	@find src eval bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz fuzz-out test-output demo.db demo.db-wal demo.db-shm demo-site eval-out bench-out
