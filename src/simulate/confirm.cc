#include "simulate/confirm.h"

#include <algorithm>

#include "catalog/catalog.h"

namespace tlsd::simulate {

std::vector<uint16_t> versions_to_confirm(const std::vector<ClientResult>& results) {
  std::vector<uint16_t> out;
  for (const ClientResult& r : results)
    if (r.ok && r.version && std::find(out.begin(), out.end(), r.version) == out.end())
      out.push_back(r.version);
  return out;
}

namespace {

// The server refused OpenSSL's own hello (a suite or version Debian's
// OpenSSL cannot offer, e.g. 3DES): that confirms nothing either way.
bool refused_our_hello(const Error& error) {
  for (const char* alert : {"alert handshake failure", "alert insufficient security",
                            "alert protocol version", "no shared cipher"})
    if (error.message.find(alert) != std::string::npos) return true;
  return false;
}

}  // namespace

void apply_confirmations(std::vector<ClientResult>& results,
                         const std::vector<catalog::Profile>& profiles,
                         const std::map<uint16_t, probe::FullHandshakeResult>& real) {
  for (size_t i = 0; i < results.size(); ++i) {
    ClientResult& r = results[i];
    if (!r.ok) continue;
    auto it = real.find(r.version);
    if (it == real.end() || !it->second.error || refused_our_hello(*it->second.error)) continue;
    std::string version = catalog::Catalog::get().version_name(r.version);
    r.ok = false;
    r.reason = catalog::ReasonKind::protocol_error;
    r.detail = "its hello gets a well-formed answer, but a real OpenSSL handshake at " + version +
               " fails (" + it->second.error->message +
               "): what only a complete handshake shows is broken (the encrypted flight, the "
               "server's Finished, or the server drops the connection)";
    if (i < profiles.size()) r.error = profiles[i].error_text(catalog::ReasonKind::protocol_error);
  }
}

probe::FullHandshakeResult confirming_handshake(const probe::Target& target,
                                                std::chrono::milliseconds timeout,
                                                uint16_t version) {
  probe::FullHandshakeOptions options{timeout, version, false, false};
  probe::FullHandshakeResult first = probe::full_handshake(target, options);
  if (!first.error || first.error->layer != ErrorLayer::transport) return first;
  probe::FullHandshakeResult again = probe::full_handshake(target, options);
  again.connections += first.connections;
  return again;
}

}  // namespace tlsd::simulate
