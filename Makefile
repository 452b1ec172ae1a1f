# Makefile - a thin wrapper over CMake and tests/run, for habit's sake.
# Nothing here is needed: `bash tests/run check` works without make.
#
#   make                       build build/ (RelWithDebInfo)
#   make check                 bash tests/run check (unit, fuzz, bats vs real Kafka)
#   make demo                  bash tests/run demo
#   make install PREFIX=/usr/local [DESTDIR=...]
#                              tools, man pages, shell completions
#   make clean                 remove build/, build-asan/, build-logs/

PREFIX ?= /usr/local
BUILD ?= build
CMAKE ?= cmake
GENERATOR := $(if $(shell command -v ninja 2>/dev/null),-G Ninja,)

.PHONY: all build check demo install clean

all: build

build:
	@test -f $(BUILD)/CMakeCache.txt || \
		$(CMAKE) -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	$(CMAKE) --build $(BUILD)

check:
	bash tests/run check

demo:
	bash tests/run demo

install: build
	$(CMAKE) --install $(BUILD) --prefix "$(PREFIX)"

clean:
	rm -rf build build-asan build-logs
