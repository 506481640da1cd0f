// What is wrong with a cipher suite, judged here and nowhere else: the
// findings name each weakness, the report highlights a weak suite, the
// suites check ranks broken ones last, and the doctor never pins them.
#pragma once

#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace tlsd::checks {

enum class SuiteWeakness {
  rsa_kex,         // static RSA key exchange: no forward secrecy
  export_grade,    // 40/56-bit export crypto
  null_cipher,     // no encryption (TLS <= 1.2)
  integrity_only,  // TLS 1.3 without encryption (RFC 9150)
  anonymous,       // no authentication
  rc4,
  des,         // single DES, 56 or 40 bits
  triple_des,  // 64-bit blocks (Sweet32)
};

std::vector<SuiteWeakness> weaknesses(const catalog::CipherSuite& suite);
bool has_weakness(const catalog::CipherSuite& suite, SuiteWeakness w);
// Any weakness at all: the report highlights the suite.
bool is_weak(const catalog::CipherSuite& suite);
// No real security whatever the rest: export-grade, unencrypted or
// unauthenticated. Ranked last, never pinned as a fix.
bool is_broken(const catalog::CipherSuite& suite);

}  // namespace tlsd::checks
