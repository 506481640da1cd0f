#include "report/hello_report.h"

#include <fmt/format.h>

#include "base/hex.h"
#include "catalog/catalog.h"
#include "report/names.h"
#include "report/route_view.h"

namespace tlsd::report {
namespace {

using catalog::Catalog;
using probe::Outcome;

std::string join_extensions(const std::vector<uint16_t>& exts) {
  std::string out;
  for (uint16_t e : exts) {
    if (!out.empty()) out += ", ";
    out += Catalog::get().extension_name(e);
  }
  return out.empty() ? "none" : out;
}

std::string key_exchange_text(const probe::KeyExchange& kx) {
  std::string out(catalog::name(kx.kind));
  if (kx.group) out += fmt::format(" {}", group_text(*kx.group));
  if (kx.dh_bits) out += fmt::format(" {}-bit group", kx.dh_bits);
  if (kx.public_bytes) out += fmt::format(", {}-byte public value", kx.public_bytes);
  if (kx.kind == catalog::KxKind::rsa && kx.public_bytes == 0)
    out +=
        " (no ServerKeyExchange: the premaster secret is encrypted to the certificate key; "
        "no forward secrecy)";
  return out;
}

std::string certificate_line(const wire::CertificateSummary& c) {
  std::string key = c.key_type + " " + std::to_string(c.key_bits);
  if (!c.curve.empty()) key += " " + c.curve;
  std::string sans;
  for (size_t i = 0; i < c.subject_alt_names.size() && i < 4; ++i)
    sans += (i ? ", " : "") + c.subject_alt_names[i];
  if (c.subject_alt_names.size() > 4)
    sans += fmt::format(" (+{} more)", c.subject_alt_names.size() - 4);
  return fmt::format(
      "{}\n               key {}, signed with {}, valid {} to {}{}{}", c.subject, key,
      c.signature_algorithm, utc_date(c.not_before), utc_date(c.not_after),
      sans.empty() ? "" : "\n               SAN " + sans,
      c.self_issued ? "\n               self-issued" : "\n               issuer " + c.issuer);
}

void line(std::string& out, const Style& st, std::string_view label, const std::string& value) {
  out += fmt::format("  {:<12} {}\n", st.dim(label), value);
}

}  // namespace

std::string render_hello_text(const HelloReport& r, const Style& st) {
  const Catalog& c = Catalog::get();
  const probe::Observation& o = r.observation;
  std::string out;
  out += st.bold("hello " + r.target) +
         st.dim(fmt::format("  (SNI {}{}{}, {:.1f} ms)\n", r.sni.empty() ? "none" : r.sni,
                            o.peer.empty() ? "" : ", connected to " + o.peer, route_note(r.route),
                            static_cast<double>(o.elapsed.count()) / 1000.0));
  std::string offered = fmt::format("{}, {} cipher suites", r.offered_version, r.offered_suites);
  if (r.offered_groups) offered += fmt::format(", {} groups", r.offered_groups);
  if (r.offered_sigalgs) offered += fmt::format(", {} signature schemes", r.offered_sigalgs);
  if (!r.offered_key_shares.empty()) {
    offered += ", key shares ";
    for (size_t i = 0; i < r.offered_key_shares.size(); ++i)
      offered += fmt::format("{}{}", i ? "+" : "", c.group_name(r.offered_key_shares[i]));
  }
  offered += fmt::format(" ({} bytes)", r.hello_bytes);
  line(out, st, "offered", offered);

  switch (o.outcome) {
    case Outcome::server_hello:
    case Outcome::hello_retry_request: {
      bool hrr = o.outcome == Outcome::hello_retry_request;
      line(out, st, "answer", st.good(hrr ? "HelloRetryRequest" : "ServerHello"));
      line(out, st, "version", st.bold(c.version_name(o.version)));
      line(out, st, "cipher", st.bold(c.describe_suite(o.cipher_suite)));
      if (hrr && o.hrr_group) line(out, st, "wants group", group_text(*o.hrr_group));
      if (o.key_exchange) {
        line(out, st, "key exchange", key_exchange_text(*o.key_exchange));
        const probe::KeyExchange& kx = *o.key_exchange;
        bool tls13 = o.version >= 0x0304;  // its signature is encrypted: nothing to say
        if (!tls13 && (kx.signature_scheme || kx.signature != "unsigned")) {
          std::string sig = kx.signature_scheme ? sigalg_text(*kx.signature_scheme) + ", " : "";
          std::string status = kx.signature == "verified"           ? st.good(kx.signature)
                               : kx.signature.starts_with("failed") ? st.bad(kx.signature)
                                                                    : kx.signature;
          line(out, st, "signature", sig + status);
        }
      }
      line(out, st, "extensions", join_extensions(o.extensions));
      if (o.alpn) line(out, st, "alpn", *o.alpn);
      if (o.version < 0x0304 && !hrr)
        line(out, st, "reneg",
             o.secure_renegotiation ? st.good("secure renegotiation supported (RFC 5746)")
                                    : st.warn("no renegotiation_info: secure renegotiation "
                                              "NOT supported"));
      if (o.compression) line(out, st, "compression", st.bad("DEFLATE (CRIME-prone)"));
      if (!o.downgrade_sentinel.empty())
        line(out, st, "downgrade",
             st.warn("the server signals it supports a higher version ("
                     "RFC 8446 §4.1.3 sentinel " +
                     o.downgrade_sentinel + ")"));
      break;
    }
    case Outcome::ssl2_server_hello: {
      line(out, st, "answer", st.bad("SSLv2 SERVER-HELLO"));
      std::string ciphers;
      for (uint32_t code : o.ssl2_ciphers) {
        const catalog::Ssl2Cipher* s = c.ssl2_cipher(code);
        ciphers +=
            fmt::format("\n               {} ({})", s ? s->name : "unknown", hex_code(code, 6));
      }
      line(out, st, "ciphers", std::to_string(o.ssl2_ciphers.size()) + ciphers);
      break;
    }
    case Outcome::alert:
      line(out, st, "answer",
           st.bad(fmt::format("{} alert {} ({})", o.alert_fatal ? "fatal" : "warning",
                              c.alert_name(*o.alert), *o.alert)));
      if (std::string d = c.alert_description(*o.alert); !d.empty()) line(out, st, "meaning", d);
      break;
    case Outcome::failed:
      line(out, st, "answer", st.bad("no TLS answer"));
      break;
  }
  if (o.error) {
    std::string stage(probe::to_string(o.stage));
    bool says_stage = o.error->message.find(stage) != std::string::npos;
    line(out, st, "error",
         st.bad(fmt::format("{} ({} layer{})", o.error->message, to_string(o.error->layer),
                            says_stage ? "" : ", while " + stage)));
  }
  if (o.outcome == Outcome::server_hello && o.version >= 0x0304)
    line(out, st, "certificate",
         st.dim("encrypted in TLS 1.3 (tlsdoctor scan completes the handshake)"));
  for (size_t i = 0; i < o.certificates.size(); ++i)
    line(out, st, i == 0 ? "certificate" : "chain", certificate_line(o.certificates[i]));
  if (o.certificate_error) line(out, st, "certificate", st.bad(*o.certificate_error));
  return out;
}

nlohmann::json hello_json(const HelloReport& r) {
  const Catalog& c = Catalog::get();
  const probe::Observation& o = r.observation;
  nlohmann::json j;
  j["schema"] = kHelloSchema;
  j["target"] = r.target;
  j["route"] = route_json(r.route);
  j["sni"] = r.sni.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.sni);
  j["peer"] = o.peer.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.peer);
  j["elapsed_ms"] = static_cast<double>(o.elapsed.count()) / 1000.0;
  nlohmann::json shares = nlohmann::json::array();
  for (uint16_t g : r.offered_key_shares) shares.push_back(group_json(g));
  j["offered"] = {{"version", r.offered_version}, {"cipher_suites", r.offered_suites},
                  {"groups", r.offered_groups},   {"signature_schemes", r.offered_sigalgs},
                  {"key_shares", shares},         {"hello_bytes", r.hello_bytes}};
  j["outcome"] = to_string(o.outcome);
  j["stage"] = probe::to_string(o.stage);
  j["error"] = o.error ? error_json(*o.error) : nlohmann::json(nullptr);
  if (o.alert)
    j["alert"] = {{"code", *o.alert},
                  {"name", c.alert_name(*o.alert)},
                  {"level", o.alert_fatal ? "fatal" : "warning"}};
  else
    j["alert"] = nullptr;
  bool hello = o.outcome == Outcome::server_hello || o.outcome == Outcome::hello_retry_request;
  j["version"] = hello || o.outcome == Outcome::ssl2_server_hello
                     ? nlohmann::json(c.version_name(o.version))
                     : nlohmann::json(nullptr);
  j["cipher_suite"] = hello ? suite_json(o.cipher_suite) : nlohmann::json(nullptr);
  j["hello_retry_group"] = o.hrr_group ? group_json(*o.hrr_group) : nlohmann::json(nullptr);
  nlohmann::json exts = nlohmann::json::array();
  for (uint16_t e : o.extensions)
    exts.push_back({{"code", hex_code(e)}, {"name", c.extension_name(e)}});
  j["extensions"] = exts;
  j["alpn"] = o.alpn ? nlohmann::json(*o.alpn) : nlohmann::json(nullptr);
  j["secure_renegotiation"] = o.secure_renegotiation;
  j["extended_master_secret"] = o.extended_master_secret;
  j["encrypt_then_mac"] = o.encrypt_then_mac;
  j["session_ticket"] = o.session_ticket;
  j["ocsp_stapled"] = o.ocsp_stapled;
  j["compression"] = o.compression;
  j["downgrade_sentinel"] =
      o.downgrade_sentinel.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.downgrade_sentinel);
  if (o.key_exchange) {
    const probe::KeyExchange& kx = *o.key_exchange;
    j["key_exchange"] = {
        {"kind", catalog::name(kx.kind)},
        {"group", kx.group ? group_json(*kx.group) : nlohmann::json(nullptr)},
        {"dh_bits", kx.dh_bits ? nlohmann::json(kx.dh_bits) : nlohmann::json(nullptr)},
        {"public_bytes", kx.public_bytes},
        {"signature_scheme",
         kx.signature_scheme ? sigalg_json(*kx.signature_scheme) : nlohmann::json(nullptr)},
        {"signature", kx.signature}};
  } else {
    j["key_exchange"] = nullptr;
  }
  nlohmann::json certs = nlohmann::json::array();
  for (const wire::CertificateSummary& s : o.certificates) certs.push_back(certificate_json(s));
  j["certificates"] = certs;
  nlohmann::json ssl2 = nlohmann::json::array();
  for (uint32_t code : o.ssl2_ciphers) {
    const catalog::Ssl2Cipher* s = c.ssl2_cipher(code);
    ssl2.push_back({{"code", hex_code(code, 6)}, {"name", s ? s->name : "unknown"}});
  }
  j["ssl2_ciphers"] = ssl2;
  return j;
}

}  // namespace tlsd::report
