// `--client-from PATH`: the client as the user's own environment makes it,
// not as a generic profile guesses. PATH may be
//   - a Go module directory (or its go.mod): the toolchain `go` would pick,
//     the go.mod `go`/`toolchain`/`godebug` lines, `//go:debug` lines of the
//     package in that directory, and $GODEBUG, folded the way cmd/go does;
//   - an openssl.cnf: the local `openssl version` plus the file's SECLEVEL
//     and Options;
//   - a JDK home: its `release` version plus conf/security/java.security's
//     jdk.tls.disabledAlgorithms.
// The answer is a profile spec ("go-1.23+GODEBUG=tlsrsakex=1,tls3des=1")
// plus notes on how it was derived and what could not be modelled.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/result.h"

namespace tlsd::diagnose {

struct LocalClient {
  std::string spec;
  std::vector<std::string> notes;
};

// Runs a command with a timeout and returns its stdout ("" on failure);
// replaceable in tests.
using CommandRunner = std::function<std::string(const std::string& command)>;
std::string run_command(const std::string& command);

Result<LocalClient> profile_from_environment(const std::string& path,
                                             const CommandRunner& run = run_command);

// The GODEBUG settings a Go binary runs with: the go line's defaults
// (data/fixes/clients.json go_godebug), then go.mod `godebug` lines, then
// `//go:debug` lines, then $GODEBUG. Only non-default client settings,
// in the table's order: {"tlsrsakex=1", "tls3des=1"}.
std::vector<std::string> effective_godebug(const std::string& toolchain, const std::string& go_line,
                                           const std::vector<std::string>& overrides);

}  // namespace tlsd::diagnose
