// Every address of a target's name (--all-addresses): --resolve's list, else
// DNS's A and AAAA records, at most 16, in the resolver's order. One scan
// per address, then what differs between them.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "checks/address_compare.h"
#include "checks/scan_context.h"
#include "cli/connection_args.h"

namespace tlsd::cli {

constexpr size_t kMaxAddresses = 16;

// The addresses to examine one by one; a single entry when --ip pins one, a
// proxy resolves the name, or the host is an address already.
Result<std::vector<std::string>> target_addresses(const probe::Target& target,
                                                  const ConnectionArgs& args);

// One scan of each address of `options.target` (certificates included),
// `parallel` at a time; `address` of each is the literal connected to.
std::vector<checks::AddressScan> scan_addresses(const checks::ScanOptions& options,
                                                const std::vector<std::string>& addresses);

}  // namespace tlsd::cli
