# Hongtu — the two commands a new user needs:
#   make run    install missing system packages, build, open the viewer on the Lüliang demo
#   make test   the same setup, then the whole test suite through CTest
# Also: make build, make asan (tests under AddressSanitizer + UBSan), make fuzz (libFuzzer, clang),
# make bench, make dataset.

BUILD_DIR  ?= build
ASAN_DIR   ?= build-asan
FUZZ_DIR   ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= csv encoding dates codes_names route_hours layout_json style_json
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps configure build run test asan fuzz bench dataset check-determinism clean

all: build

deps:
	@./scripts/install-deps

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./$(BUILD_DIR)/app/hongtu

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

asan: deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHONGTU_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer (clang): each target runs FUZZ_SECONDS (default 600) on a copy of its seed corpus
# (tests/fuzz/corpus/<target>/), niced. A crash stops that target and leaves the input in
# $(FUZZ_DIR)/crashes/<target>/: copy it into tests/fuzz/corpus/<target>/ as a regression file
# (make test replays it), then fix the code.
fuzz: deps
	@command -v clang++-14 >/dev/null && test -n "$$(find /usr/lib/llvm-14 -name 'libclang_rt.fuzzer*.a' 2>/dev/null | head -1)" || \
	  { echo "fuzz: installing clang-14 and libclang-rt-14-dev (libFuzzer)"; $$( [ "$$(id -u)" -eq 0 ] || echo sudo ) apt-get install -y clang-14 libclang-rt-14-dev; }
	cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DHONGTU_FUZZ=ON $(CMAKE_ARGS)
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	@rc=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/crashes/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 nice -n 15 ./$(FUZZ_DIR)/tests/fuzz/fuzz_$$t \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/crashes/$$t/ $(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t \
	    > $(FUZZ_DIR)/fuzz_$$t.log 2>&1 || { rc=1; echo "fuzz: $$t FOUND A CRASH, see $(FUZZ_DIR)/fuzz_$$t.log and $(FUZZ_DIR)/crashes/$$t/"; }; \
	  grep -E '^Done [0-9]+ runs' $(FUZZ_DIR)/fuzz_$$t.log || true; \
	done; exit $$rc

bench: build
	./bench/run

dataset: build
	./datasets/regenerate

check-determinism: build
	./datasets/check-determinism

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
