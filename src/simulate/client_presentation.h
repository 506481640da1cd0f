// Which certificate a client stack sends when asked, given the one it was
// configured with (data/client_auth.csv): Go, Java, .NET and Android pick a
// certificate by the server's CA names and send none on a mismatch; the
// OpenSSL family, GnuTLS and rustls send what is configured.
#pragma once

#include <string>
#include <string_view>

#include "checks/client_cert_fit.h"

namespace tlsd::simulate {

struct Presentation {
  bool sends = true;
  std::string why;  // when it sends none
};

// `profile_id`: "java-17", "go-1.26+GODEBUG=..."; `fit`: the certificate
// against the server's request at the version in use.
Presentation presentation_for(std::string_view profile_id, const checks::CertFit& fit);

// True when the stack selects by CA names (unknown stacks: false).
bool selects_by_ca_names(std::string_view profile_id);

}  // namespace tlsd::simulate
