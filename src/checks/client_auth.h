// Client authentication, decided from the server's own behaviour: a
// CertificateRequest only *asks*. A handshake that answers it with an empty
// Certificate tells the rest: TLS 1.2 servers that insist refuse with an
// alert before their Finished; TLS 1.3 servers refuse after the client's
// Finished, so only the answer to a first request (an HTTP GET) tells. A
// server that answers normally merely asked: optional (nginx
// `ssl_verify_client optional`, gnutls-serv's default, IIS "accept").
#pragma once

#include "checks/server_model.h"
#include "probe/client_auth_probe.h"

namespace tlsd::checks {

// Plain decision: no network.
ClientAuth decide_client_auth(uint16_t version, const probe::ClientAuthProbeResult& probe);

// The CertificateRequest body (as the message callback saw it) into the model's words.
void read_certificate_request(const Bytes& body, bool tls13, bool tls12, ClientAuth& out);

std::string_view to_string(ClientAuthPolicy policy);

}  // namespace tlsd::checks
