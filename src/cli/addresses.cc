#include "cli/addresses.h"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <memory>

#include "checks/fleet.h"
#include "cli/resolve_flag.h"

namespace tlsd::cli {

Result<std::vector<std::string>> target_addresses(const probe::Target& target,
                                                  const ConnectionArgs& args) {
  if (!args.ip.empty()) return std::vector<std::string>{args.ip};
  if (target.route.via) return std::vector<std::string>{};  // the proxy resolves the name
  if (auto listed = resolved_by_flag(args.resolve, target.host, target.port)) return *listed;
  if (probe::is_ip_literal(target.host)) return std::vector<std::string>{target.host};
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;  // A and AAAA
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(target.host.c_str(), nullptr, &hints, &res) != 0 || !res)
    return Error::transport(TransportCode::resolve, "host name does not resolve");
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(res, freeaddrinfo);
  std::vector<std::string> out;
  for (addrinfo* ai = res; ai && out.size() < kMaxAddresses; ai = ai->ai_next) {
    char text[NI_MAXHOST];
    if (getnameinfo(ai->ai_addr, ai->ai_addrlen, text, sizeof text, nullptr, 0, NI_NUMERICHOST))
      continue;
    if (std::find(out.begin(), out.end(), text) == out.end()) out.emplace_back(text);
  }
  return out;
}

std::vector<checks::AddressScan> scan_addresses(const checks::ScanOptions& options,
                                                const std::vector<std::string>& addresses) {
  std::vector<checks::ScanOptions> jobs;
  for (const std::string& address : addresses) {
    checks::ScanOptions o = options;
    o.target.connect_ip = address;
    jobs.push_back(std::move(o));
  }
  std::vector<checks::ServerModel> models = checks::scan_fleet(jobs, 4, {});
  std::vector<checks::AddressScan> out;
  for (size_t i = 0; i < models.size(); ++i) out.push_back({addresses[i], std::move(models[i])});
  return out;
}

}  // namespace tlsd::cli
