#!/usr/bin/env bash
# Installs what tlsdoctor needs to build and test, from Debian's packages.
# Idempotent: asks apt only for what is missing. Runs as root or through sudo.
set -euo pipefail

build_pkgs=(cmake ninja-build g++ pkg-config libssl-dev libasio-dev libcli11-dev
            nlohmann-json3-dev libfmt-dev libgtest-dev libgmock-dev)
# The lab's real servers and clients, the fuzzers' compiler, the formatter, the
# test runner with jsonschema (tests/schema), the peers (sslscan, nmap) and the
# interop clients' runtimes (tests/interop/README.md): Debian's Python, Node, a JDK
# (java runs Client.java from source), curl, openssl and gnutls-cli. Go comes with
# the machine image (/usr/local/go); Debian's Go only where there is none at all.
test_pkgs=(openssl gnutls-bin nginx-light clang libclang-rt-14-dev clang-format
           python3 python3-pytest python3-jsonschema curl sslscan nmap
           nodejs openjdk-17-jdk-headless)
# The STARTTLS dialogs' real servers (tests/lab/servers, tests/lab/test_dialogs.py).
test_pkgs+=(dovecot-imapd dovecot-pop3d postgresql mariadb-server mariadb-client slapd
            vsftpd prosody)
# Routes (tests/e2e/test_proxy.py, test_starttls.py): a real CONNECT proxy and a real
# SMTP server with STARTTLS; the tests start their own instances on loopback ports.
test_pkgs+=(tinyproxy postfix)

want=("${build_pkgs[@]}")
if [[ "${1:-}" == "--with-tests" ]]; then
  want+=("${test_pkgs[@]}")
  command -v go >/dev/null || [[ -x /usr/local/go/bin/go ]] || want+=(golang-go)
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# postfix: no system mail configuration (the tests run their own instance)
if command -v debconf-set-selections >/dev/null; then
  echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
