#!/bin/sh
# Build clients/go/main.go once per go.mod `go` line into OUTDIR (default
# <repo>/build/interop/go): mod1.21 ... mod1.<toolchain-1> and `toolchain` (the go
# line = `go version` of the installed toolchain). The go line sets the binary's
# GODEBUG defaults; `go version -m BIN` shows them (DefaultGODEBUG). No network:
# GOTOOLCHAIN=local, no dependencies. Up-to-date binaries are kept.
# Prints one line per build: NAME GO_LINE PATH
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../../../build/interop/go}
first_minor=${FIRST_MINOR:-21}
command -v go >/dev/null 2>&1 || { echo "go: not installed" >&2; exit 3; }
export GOTOOLCHAIN=local GOFLAGS="-mod=mod -buildvcs=false" CGO_ENABLED=0 GOWORK=off GOPROXY=off
full=$(go env GOVERSION)               # go1.26.8
full=${full#go}
case $full in 1.*) ;; *) echo "unexpected go version $full" >&2; exit 3;; esac
minor=$(echo "$full" | cut -d. -f2)
minor=${minor%%[!0-9]*}
mkdir -p "$out"
out=$(cd "$out" && pwd)

build() {  # name go-line
    d="$out/$1"
    mkdir -p "$d"
    bin="$d/tlsclient"
    printf 'module tlsdoctor.test/interop/goclient\n\ngo %s\n' "$2" > "$d/go.mod.new"
    if [ -x "$bin" ] && [ "$bin" -nt "$here/main.go" ] && [ "$bin" -nt "$here/build.sh" ] \
        && cmp -s "$d/go.mod.new" "$d/go.mod" && [ "$(cat "$d/.toolchain" 2>/dev/null)" = "$full" ]; then
        rm -f "$d/go.mod.new"
    else
        mv "$d/go.mod.new" "$d/go.mod"
        cp "$here/main.go" "$d/main.go"
        (cd "$d" && go build -trimpath -o tlsclient.tmp . && mv tlsclient.tmp tlsclient)
        echo "$full" > "$d/.toolchain"
    fi
    echo "$1 $2 $bin"
}

m=$first_minor
while [ "$m" -lt "$minor" ]; do
    build "mod1.$m" "1.$m"
    m=$((m + 1))
done
build toolchain "$full"

# RELEASES="go1.27.3 ...": also build with each released toolchain (fetched once into
# the module cache by scripts/install-interop-clients.sh; GOPROXY=off reads the cache),
# go.mod line = its major.minor, so the binary has that release's own defaults.
# Prints: release<X.Y.Z> <X.Y> PATH
for rel in ${RELEASES:-}; do
    full=${rel#go}
    export GOTOOLCHAIN=$rel
    build "release$full" "$(echo "$full" | cut -d. -f1,2)"
done
