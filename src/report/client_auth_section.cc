#include "report/client_auth_section.h"

#include <fmt/format.h>

#include "catalog/catalog.h"
#include "checks/client_auth.h"

namespace tlsd::report {
namespace {

using catalog::Catalog;
using checks::ClientAuthPolicy;
using nlohmann::json;

std::string policy_text(const checks::ClientAuth& ca, const Style& st) {
  std::string when = ca.after_handshake ? " (asked after the handshake)" : "";
  switch (ca.policy) {
    case ClientAuthPolicy::none:
      return st.good("not requested");
    case ClientAuthPolicy::optional:
      return st.good("requested, optional") + when +
             st.dim(" - clients without a certificate connect");
    case ClientAuthPolicy::required:
      return st.warn("required") + when + st.dim(" - clients without a certificate fail");
    case ClientAuthPolicy::unknown:
      return st.dim("unknown");
  }
  return "";
}

std::string schemes_text(const std::vector<uint16_t>& schemes) {
  std::string out;
  for (uint16_t s : schemes)
    out += (out.empty() ? "" : ", ") + Catalog::get().signature_scheme_name(s);
  return out;
}

json schemes_json(const std::vector<uint16_t>& schemes) {
  json arr = json::array();
  for (uint16_t s : schemes) arr.push_back(Catalog::get().signature_scheme_name(s));
  return arr;
}

}  // namespace

void client_auth_text(const checks::ServerModel& m, const Style& st, std::string& out) {
  if (m.client_auth.empty()) return;
  out += "\n" + st.bold("Client certificates") + "\n";
  for (const checks::ClientAuth& ca : m.client_auth) {
    out +=
        fmt::format("  {:<9} {}\n", Catalog::get().version_name(ca.version), policy_text(ca, st));
    auto row = [&](std::string_view label, const std::string& value) {
      out += fmt::format("            {:<22} {}\n", label, value);
    };
    if (ca.policy == ClientAuthPolicy::optional || ca.policy == ClientAuthPolicy::required ||
        ca.after_handshake) {
      if (ca.ca_names.empty())
        row("acceptable CA names", st.dim("none sent (any issuer the server trusts)"));
      for (size_t i = 0; i < ca.ca_names.size(); ++i)
        row(i == 0 ? "acceptable CA names" : "", ca.ca_names[i]);
      if (!ca.certificate_types.empty()) {
        std::string types;
        for (const std::string& t : ca.certificate_types) types += (types.empty() ? "" : ", ") + t;
        row("certificate types", types);
      }
      if (!ca.signature_schemes.empty())
        row("signature algorithms", schemes_text(ca.signature_schemes));
      if (!ca.signature_schemes_cert.empty())
        row("signature_algorithms_cert", schemes_text(ca.signature_schemes_cert));
    }
    out += st.dim(fmt::format("            {}\n", ca.evidence));
  }
}

void client_auth_json(const checks::ServerModel& m, json& j) {
  json arr = json::array();
  for (const checks::ClientAuth& ca : m.client_auth)
    arr.push_back({{"version", Catalog::get().version_name(ca.version)},
                   {"policy", std::string(checks::to_string(ca.policy))},
                   {"after_handshake", ca.after_handshake},
                   {"ca_names", ca.ca_names},
                   {"certificate_types", ca.certificate_types},
                   {"signature_algorithms", schemes_json(ca.signature_schemes)},
                   {"signature_algorithms_cert", schemes_json(ca.signature_schemes_cert)},
                   {"evidence", ca.evidence}});
  j["client_auth"] = arr;
}

}  // namespace tlsd::report
