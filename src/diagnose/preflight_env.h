// `preflight --from-env DIR --to SPEC`: today's client as the environment
// builds it (`--client-from`), and the same environment after the upgrade.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "diagnose/client_from.h"

namespace tlsd::diagnose {

struct UpgradeClients {
  std::string from, to;  // profile specs
  std::vector<std::string> notes;
};

// For a Go module, `to` names the new toolchain (go-1.27): the module is
// read again as if `go env GOVERSION` answered go1.27.0, so its go.mod go,
// toolchain and godebug lines, //go:debug lines and $GODEBUG fold onto the
// new toolchain the way cmd/go does (a go line of 1.21 keeps tlsrsakex=1 on
// Go 1.22). For a JDK home or an openssl.cnf, `to` is taken as given.
Result<UpgradeClients> upgrade_environment(const std::string& path, const std::string& to,
                                           const CommandRunner& run = run_command);

}  // namespace tlsd::diagnose
