#include "checks/suite_weakness.h"

#include <algorithm>

namespace tlsd::checks {

bool has_weakness(const catalog::CipherSuite& s, SuiteWeakness w) {
  switch (w) {
    case SuiteWeakness::rsa_kex:
      return s.kx == catalog::KxKind::rsa;
    case SuiteWeakness::export_grade:
      return s.export_grade;
    case SuiteWeakness::null_cipher:
      return s.null_cipher && !s.tls13;
    case SuiteWeakness::integrity_only:
      return s.null_cipher && s.tls13;
    case SuiteWeakness::anonymous:
      return s.anon;
    case SuiteWeakness::rc4:
      return s.enc == "RC4";
    case SuiteWeakness::des:
      return s.enc == "DES" || s.enc == "DES40";
    case SuiteWeakness::triple_des:
      return s.enc == "3DES";
  }
  return false;
}

std::vector<SuiteWeakness> weaknesses(const catalog::CipherSuite& s) {
  constexpr SuiteWeakness kAll[] = {SuiteWeakness::rsa_kex,     SuiteWeakness::export_grade,
                                    SuiteWeakness::null_cipher, SuiteWeakness::integrity_only,
                                    SuiteWeakness::anonymous,   SuiteWeakness::rc4,
                                    SuiteWeakness::des,         SuiteWeakness::triple_des};
  std::vector<SuiteWeakness> out;
  std::copy_if(std::begin(kAll), std::end(kAll), std::back_inserter(out),
               [&](SuiteWeakness w) { return has_weakness(s, w); });
  return out;
}

bool is_weak(const catalog::CipherSuite& s) { return !weaknesses(s).empty(); }

bool is_broken(const catalog::CipherSuite& s) {
  return has_weakness(s, SuiteWeakness::export_grade) ||
         has_weakness(s, SuiteWeakness::null_cipher) ||
         has_weakness(s, SuiteWeakness::integrity_only) ||
         has_weakness(s, SuiteWeakness::anonymous);
}

}  // namespace tlsd::checks
