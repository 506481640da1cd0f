// A client certificate and its key, as the user gives them (`--cert FILE
// --key FILE`, PEM; or one PKCS#12 file with its password from an environment
// variable), loaded once and checked before any connection: a key that does
// not match its certificate, an encrypted key without a password, a wrong
// PKCS#12 password, garbage or a huge file are each a clear usage error.
#pragma once

#include <openssl/ssl.h>

#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "base/result.h"

namespace tlsd::probe {

struct ClientIdentity {
  std::vector<Bytes> chain;  // DER, leaf first, as it will be sent
  Bytes private_key;         // PKCS#8 DER, unencrypted, held in memory only
  std::string key_type;      // "RSA", "EC", "Ed25519", ...
  std::string source;        // what the user gave, for messages
};

// Files larger than this are refused before parsing (a certificate chain is
// a few kilobytes; 1 MiB is generous).
inline constexpr size_t kMaxIdentityFileBytes = 1 << 20;

// `cert_file`: PEM (leaf first, then intermediates) or DER (one certificate),
// or a PKCS#12 file when `key_file` is empty. `password`: for an encrypted
// PEM key or the PKCS#12 file.
Result<ClientIdentity> load_client_identity(const std::string& cert_file,
                                            const std::string& key_file,
                                            const std::optional<std::string>& password);
// The same from bytes already read (tests, and the files above).
Result<ClientIdentity> identity_from_pem(ByteView cert, ByteView key,
                                         const std::optional<std::string>& password);
Result<ClientIdentity> identity_from_pkcs12(ByteView p12,
                                            const std::optional<std::string>& password);

// Configures a client context to send this identity when asked.
Status use_identity(SSL_CTX* ctx, const ClientIdentity& identity);

}  // namespace tlsd::probe
