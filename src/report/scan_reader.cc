#include "report/scan_reader.h"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "base/text_safety.h"
#include "report/scan_report.h"

namespace tlsd::report {
namespace {

using nlohmann::json;

// A string field, or "" when absent or null; another type is an error.
Result<std::string> text(const json& j, const char* key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Error::usage(where + ": '" + key + "' is not a string");
  return display_safe(it->get<std::string>());
}

// The client-auth policy per version ("TLSv1.3 optional, TLSv1.2 optional"),
// from scan's `client_auth` array; "" when the document has none.
Result<std::string> client_auth(const json& doc, const std::string& where) {
  auto it = doc.find("client_auth");
  if (it == doc.end() || it->is_null()) return std::string();
  if (!it->is_array()) return Error::usage(where + ": 'client_auth' is not an array");
  std::string out;
  for (const json& entry : *it) {
    if (!entry.is_object()) return Error::usage(where + ": 'client_auth' holds a non-object");
    auto version = text(entry, "version", where);
    if (!version) return version.error();
    auto policy = text(entry, "policy", where);
    if (!policy) return policy.error();
    out += (out.empty() ? "" : ", ") + *version + " " + *policy;
  }
  return out;
}

// "TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)": the name and the code, as the document has them.
Result<std::string> code_point(const json& j, const char* name_key, const std::string& where) {
  if (!j.is_object()) return Error::usage(where + ": not an object");
  auto code = text(j, "code", where);
  if (!code) return code.error();
  auto name = text(j, name_key, where);
  if (!name) return name.error();
  return *name + " (" + *code + ")";
}

// {"TLSv1.2": {..., KEY: [code points]}} -> version -> the set.
Result<std::map<std::string, std::set<std::string>>> per_version(const json& doc, const char* field,
                                                                 const char* list,
                                                                 const char* name_key,
                                                                 const std::string& label) {
  std::map<std::string, std::set<std::string>> out;
  auto it = doc.find(field);
  if (it == doc.end() || it->is_null()) return out;
  if (!it->is_object()) return Error::usage(label + ": '" + field + "' is not an object");
  for (const auto& [version, entry] : it->items()) {
    std::string where = label + ": " + field + "." + display_safe(version);
    if (!entry.is_object() || !entry.contains(list) || !entry[list].is_array())
      return Error::usage(where + ": no '" + list + "' list");
    std::set<std::string>& set = out[display_safe(version)];
    for (const json& one : entry[list]) {
      auto cp = code_point(one, name_key, where);
      if (!cp) return cp.error();
      set.insert(*cp);
    }
  }
  return out;
}

Result<std::optional<diagnose::CertificateFacts>> certificate(const json& doc,
                                                              const std::string& label) {
  auto it = doc.find("certificates");
  if (it == doc.end() || it->is_null() || (it->is_array() && it->empty()))
    return std::optional<diagnose::CertificateFacts>();
  if (!it->is_array() || !(*it)[0].is_object())
    return Error::usage(label + ": 'certificates' is not a list of chains");
  const json& first = (*it)[0];
  std::string where = label + ": certificates[0]";
  if (!first.contains("chain") || !first["chain"].is_array() || first["chain"].empty() ||
      !first["chain"][0].is_object())
    return Error::usage(where + ": no chain");
  const json& leaf = first["chain"][0];
  diagnose::CertificateFacts c;
  for (auto [field, key] : {std::pair{&c.subject, "subject"},
                            {&c.issuer, "issuer"},
                            {&c.serial, "serial"},
                            {&c.not_before, "not_before"},
                            {&c.not_after, "not_after"},
                            {&c.key, "key_type"}}) {
    auto v = text(leaf, key, where);
    if (!v) return v.error();
    *field = *v;
  }
  if (leaf.contains("key_bits") && leaf["key_bits"].is_number_integer())
    c.key += " " + std::to_string(leaf["key_bits"].get<int64_t>());
  auto fp = text(first, "leaf_sha256", where);
  if (!fp) return fp.error();
  c.fingerprint = *fp;
  c.chain_length = first["chain"].size();
  return std::optional<diagnose::CertificateFacts>(std::move(c));
}

}  // namespace

Result<diagnose::ScanFacts> read_scan_document(std::string_view input, const std::string& label) {
  if (input.size() > kMaxScanDocumentBytes)
    return Error::usage(label + ": larger than a scan document can be");
  json doc = json::parse(input, nullptr, false);
  if (doc.is_discarded()) return Error::usage(label + ": not JSON");
  if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != kScanSchema)
    return Error::usage(label + ": not a saved scan (expected \"schema\": \"" +
                        std::string(kScanSchema) + "\", from 'tlsdoctor scan HOST --json')");
  diagnose::ScanFacts f;
  auto target = text(doc, "target", label);
  if (!target) return target.error();
  f.target = *target;
  if (doc.contains("error") && doc["error"].is_object()) {
    auto message = text(doc["error"], "message", label + ": error");
    if (!message) return message.error();
    f.error = message->empty() ? "the scan failed" : *message;
    return f;
  }
  if (doc.contains("versions")) {
    if (!doc["versions"].is_array()) return Error::usage(label + ": 'versions' is not a list");
    for (const json& v : doc["versions"]) {
      if (!v.is_object()) return Error::usage(label + ": a version is not an object");
      auto version = text(v, "version", label + ": versions");
      if (!version) return version.error();
      if (v.value("supported", false) == true) f.versions.insert(*version);
    }
  }
  auto suites = per_version(doc, "cipher_suites", "suites", "iana", label);
  if (!suites) return suites.error();
  f.suites = std::move(*suites);
  auto groups = per_version(doc, "groups", "groups", "name", label);
  if (!groups) return groups.error();
  f.groups = std::move(*groups);
  auto cert = certificate(doc, label);
  if (!cert) return cert.error();
  f.certificate = std::move(*cert);
  auto auth = client_auth(doc, label);
  if (!auth) return auth.error();
  if (!auth->empty()) f.client_auth = *auth;
  return f;
}

Result<diagnose::ScanFacts> read_scan_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::usage("cannot read " + path);
  std::string text;
  text.reserve(1 << 16);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxScanDocumentBytes)
      return Error::usage(path + ": larger than a scan document can be");
  }
  return read_scan_document(text, path);
}

}  // namespace tlsd::report
