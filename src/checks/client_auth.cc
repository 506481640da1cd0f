#include "checks/client_auth.h"

#include "catalog/catalog.h"
#include "wire/certificate_request.h"
#include "wire/constants.h"

namespace tlsd::checks {

std::string_view to_string(ClientAuthPolicy policy) {
  switch (policy) {
    case ClientAuthPolicy::none:
      return "none";
    case ClientAuthPolicy::optional:
      return "optional";
    case ClientAuthPolicy::required:
      return "required";
    case ClientAuthPolicy::unknown:
      return "unknown";
  }
  return "unknown";
}

void read_certificate_request(const Bytes& body, bool tls13, bool tls12, ClientAuth& out) {
  auto cr = tls13 ? wire::parse_certificate_request13(body)
                  : wire::parse_certificate_request(body, tls12);
  if (!cr) {
    out.evidence += (out.evidence.empty() ? "" : "; ") +
                    std::string("the CertificateRequest does not parse: ") + cr.error().message;
    return;
  }
  for (const Bytes& dn : cr->authorities) out.ca_names.push_back(wire::distinguished_name_text(dn));
  for (uint8_t t : cr->certificate_types)
    out.certificate_types.push_back(wire::client_certificate_type_name(t));
  out.signature_schemes = cr->signature_schemes;
  out.signature_schemes_cert = cr->signature_schemes_cert;
}

ClientAuth decide_client_auth(uint16_t version, const probe::ClientAuthProbeResult& p) {
  ClientAuth ca;
  ca.version = p.version ? p.version : version;
  ca.connections = p.connections;
  const std::optional<Bytes>& request =
      p.request_in_handshake ? p.request_in_handshake : p.request_after_handshake;
  ca.after_handshake = !p.request_in_handshake && p.request_after_handshake;
  std::string alert =
      p.alert ? "alert " + catalog::Catalog::get().alert_name(*p.alert) : std::string();
  using probe::ServerAnswer;
  switch (p.answer) {
    case ServerAnswer::none:
      ca.policy = ClientAuthPolicy::unknown;
      ca.evidence = "the handshake failed: " + (p.error ? p.error->message : "no answer");
      break;
    case ServerAnswer::refused_in_handshake:
      // An alert during the handshake: a refusal of the empty Certificate only
      // if the server asked for one; otherwise it refused something else.
      ca.policy = request ? ClientAuthPolicy::required : ClientAuthPolicy::unknown;
      ca.evidence = (request ? "an empty Certificate got " : "the handshake got ") + alert;
      break;
    case ServerAnswer::refused_after_handshake:
      ca.policy = request ? ClientAuthPolicy::required : ClientAuthPolicy::unknown;
      ca.evidence = "the handshake completed; the first read got " + alert;
      break;
    case ServerAnswer::answered:
      if (request && p.refuses_in_http) {
        ca.policy = ClientAuthPolicy::required;
        ca.evidence =
            "the handshake completed; the server refused the request without a "
            "certificate: " +
            p.first_bytes;
        break;
      }
      ca.policy = request ? ClientAuthPolicy::optional : ClientAuthPolicy::none;
      ca.evidence = "without a certificate the server answered: " + p.first_bytes;
      break;
    case ServerAnswer::closed:
      ca.policy = request ? ClientAuthPolicy::optional : ClientAuthPolicy::none;
      ca.evidence = "without a certificate the server closed the connection without an alert";
      break;
    case ServerAnswer::silent:
      ca.policy = request ? ClientAuthPolicy::optional : ClientAuthPolicy::none;
      ca.evidence = "without a certificate the server sent no alert (and no answer to HTTP)";
      break;
  }
  if (request) {
    bool tls13 = ca.version >= wire::kTls13;
    read_certificate_request(*request, tls13, ca.version == wire::kTls12, ca);
  }
  return ca;
}

}  // namespace tlsd::checks
