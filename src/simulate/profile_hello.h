// A profile's exact ClientHello, built from its template: the same bytes the
// real client sends (bar randomness), SNI rewritten to the target.
#pragma once

#include "base/result.h"
#include "catalog/profiles.h"
#include "probe/offer.h"
#include "wire/client_hello.h"
#include "wire/server_hello.h"

namespace tlsd::simulate {

struct HelloRandomness {
  Bytes random;      // 32 bytes
  Bytes session_id;  // the profile's session_id_length bytes are taken from it
  Bytes key_seed;    // key shares derive from it (wire/key_share.h)
  static HelloRandomness fresh();
  static HelloRandomness fixed();  // for golden files
};

struct ProfileHello {
  wire::ClientHelloSpec spec;
  Bytes bytes;  // records, ready to send
  probe::Offer offer;
};

Result<ProfileHello> build_profile_hello(const catalog::Profile& profile, const std::string& sni,
                                         const HelloRandomness& randomness);

// The second ClientHello after a HelloRetryRequest (RFC 8446 §4.1.2): the
// same hello with one key share for the requested group and the cookie.
Result<Bytes> build_retry_hello(const ProfileHello& first, const wire::ServerHello& hrr,
                                const HelloRandomness& randomness);

}  // namespace tlsd::simulate
