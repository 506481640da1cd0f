// Test-only: `tlsdoctor scan` of one target through a route's dialogs, for
// the lab's STARTTLS ground truth (tests/lab/test_dialogs.py) before the CLI
// reads STARTTLS targets itself (issue #12 part 1). Prints the scan's JSON
// (schema tlsdoctor.scan/1), exit 0 when the scan has no error.
//   tlsd_route_scan HOST PORT DIALOG[,DIALOG...]|none [--sni NAME] [--ca-file PEM]
//                   [--timeout SECONDS] [--no-cert] [--only CHECK,...]
#include <cstdlib>
#include <iostream>
#include <string>

#include "checks/registry.h"
#include "checks/scan.h"
#include "probe/dialog_registry.h"
#include "report/scan_report.h"

namespace {

int usage(const std::string& why) {
  std::cerr << "tlsd_route_scan: " << why
            << "\nusage: tlsd_route_scan HOST PORT DIALOG[,DIALOG...] [--sni NAME] "
               "[--ca-file PEM] [--timeout SECONDS] [--no-cert] [--only CHECK,...]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tlsd;
  if (argc < 4) return usage("three arguments are needed");
  checks::ScanOptions o;
  o.target.host = argv[1];
  o.target.port = static_cast<uint16_t>(std::atoi(argv[2]));
  o.target.sni = probe::is_ip_literal(o.target.host) ? "" : o.target.host;
  std::string names = argv[3];  // "none": the empty route, TLS at once (implicit TLS)
  for (size_t at = 0; names != "none" && at <= names.size();) {
    size_t end = names.find(',', at);
    if (end == std::string::npos) end = names.size();
    auto id = probe::dialog_id(names.substr(at, end - at));
    if (!id) return usage("no dialog named " + names.substr(at, end - at));
    o.target.route.dialogs.push_back({*id, ""});
    at = end + 1;
  }
  for (int i = 4; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--sni") {
      o.target.sni = value();
    } else if (arg == "--ca-file") {
      o.ca_file = value();
    } else if (arg == "--timeout") {
      o.timeout =
          std::chrono::milliseconds(static_cast<int64_t>(std::atof(value().c_str()) * 1000));
    } else if (arg == "--no-cert") {
      o.certificates = false;
    } else if (arg == "--only") {
      std::string list = value();
      for (size_t at = 0; at <= list.size();) {
        size_t end = list.find(',', at);
        if (end == std::string::npos) end = list.size();
        auto check = checks::check_named(list.substr(at, end - at));
        if (!check) return usage("no check named " + list.substr(at, end - at));
        o.only.insert(*check);
        at = end + 1;
      }
    } else {
      return usage("unknown argument " + arg);
    }
  }
  checks::ServerModel model = checks::scan(o);
  std::cout << report::scan_json(model).dump(2) << "\n";
  return model.error ? 1 : 0;
}
