#include "report/names.h"

#include "base/hex.h"
#include "catalog/catalog.h"

namespace tlsd::report {

using catalog::Catalog;

nlohmann::json suite_json(uint16_t code) {
  const Catalog& c = Catalog::get();
  nlohmann::json j = {{"code", hex_code(code)}, {"iana", c.suite_name(code)}};
  const catalog::CipherSuite* s = c.suite(code);
  j["openssl"] = s && !s->openssl_name.empty() ? nlohmann::json(s->openssl_name) : nullptr;
  return j;
}

nlohmann::json group_json(uint16_t code) {
  return {{"code", hex_code(code)}, {"name", Catalog::get().group_name(code)}};
}

nlohmann::json sigalg_json(uint16_t code) {
  return {{"code", hex_code(code)}, {"name", Catalog::get().signature_scheme_name(code)}};
}

nlohmann::json error_json(const Error& e) {
  return {
      {"layer", to_string(e.layer)}, {"code", std::string(e.code.name())}, {"message", e.message}};
}

nlohmann::json certificate_json(const wire::CertificateSummary& s) {
  using nlohmann::json;
  return {{"subject", s.subject},
          {"issuer", s.issuer},
          {"subject_alt_names", s.subject_alt_names},
          {"key_type", s.key_type},
          {"key_bits", s.key_bits},
          {"curve", s.curve.empty() ? json(nullptr) : json(s.curve)},
          {"signature_algorithm", s.signature_algorithm},
          {"not_before", utc_date(s.not_before)},
          {"not_after", utc_date(s.not_after)},
          {"serial", s.serial_hex},
          {"self_issued", s.self_issued}};
}

std::string group_text(uint16_t code) {
  return Catalog::get().group_name(code) + " (" + hex_code(code) + ")";
}

std::string sigalg_text(uint16_t code) {
  return Catalog::get().signature_scheme_name(code) + " (" + hex_code(code) + ")";
}

}  // namespace tlsd::report
