#include "catalog/catalog.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "base/hex.h"
#include "catalog/csv.h"
#include "catalog/embedded.h"

namespace tlsd::catalog {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_grease(uint16_t v) { return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff); }

std::optional<uint16_t> version_token(std::string_view t) {
  if (t == "ssl3") return 0x0300;
  if (t == "tls1.0") return 0x0301;
  if (t == "tls1.1") return 0x0302;
  if (t == "tls1.2") return 0x0303;
  if (t == "tls1.3") return 0x0304;
  return std::nullopt;
}

bool has_flag(std::string_view flags, std::string_view flag) {
  while (!flags.empty()) {
    size_t bar = flags.find('|');
    if (flags.substr(0, bar) == flag) return true;
    if (bar == std::string_view::npos) break;
    flags.remove_prefix(bar + 1);
  }
  return false;
}

// Loader context: reports the file and line of the first bad field.
struct Loader {
  std::string_view file;
  std::optional<Error> error;

  bool fail(const CsvRow& row, const std::string& why) {
    if (!error)
      error = Error::internal(std::string(file) + ":" + std::to_string(row.line) + ": " + why);
    return false;
  }
  bool code(const CsvRow& row, std::string_view column, uint32_t max, uint32_t& out) {
    auto v = parse_hex_number(row[column], max);
    if (!v) return fail(row, "bad " + std::string(column) + " '" + row[column] + "'");
    out = *v;
    return true;
  }
  bool number(const CsvRow& row, std::string_view column, int& out) {
    const std::string& s = row[column];
    if (s.empty()) {
      out = 0;
      return true;
    }
    char* end = nullptr;
    long v = std::strtol(s.c_str(), &end, 10);
    if (*end || v < 0 || v > 1 << 20) return fail(row, "bad number in " + std::string(column));
    out = static_cast<int>(v);
    return true;
  }
  bool version(const CsvRow& row, std::string_view column, uint16_t& out) {
    auto v = version_token(row[column]);
    if (!v) return fail(row, "bad version '" + row[column] + "' in " + std::string(column));
    out = *v;
    return true;
  }
  bool one_of(const CsvRow& row, std::string_view column, const std::set<std::string>& allowed) {
    if (allowed.count(row[column])) return true;
    return fail(row, "unexpected " + std::string(column) + " '" + row[column] + "'");
  }
};

std::string_view find_file(const std::vector<DataFile>& files, std::string_view path) {
  for (const DataFile& f : files)
    if (f.path == path) return f.content;
  return {};
}

template <class T, class Index, class Names>
Status index_rows(const std::vector<T>& rows, std::string_view what, Index& by_code, Names& by_name,
                  std::initializer_list<std::string T::*> name_fields) {
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!by_code.emplace(rows[i].code, i).second)
      return Error::internal(std::string(what) + ": duplicate code " + hex_code(rows[i].code));
    for (auto field : name_fields)
      if (!(rows[i].*field).empty()) by_name.emplace(lower(rows[i].*field), i);
  }
  return Ok{};
}

}  // namespace

Result<Catalog> Catalog::load(const std::vector<DataFile>& files) {
  Catalog c;
  auto rows_of = [&](std::string_view path,
                     const std::vector<std::string>& columns) -> Result<std::vector<CsvRow>> {
    std::string_view text = find_file(files, path);
    if (text.empty()) return Error::internal("missing data file " + std::string(path));
    return parse_csv(path, text, columns);
  };

  {
    auto rows =
        rows_of("data/iana/cipher_suites.csv",
                {"code", "iana_name", "openssl_name", "gnutls_name", "kx", "auth", "enc",
                 "enc_bits", "mac", "min_version", "max_version", "flags", "registry", "source"});
    if (!rows) return rows.error();
    Loader ld{"data/iana/cipher_suites.csv", {}};
    for (const CsvRow& row : *rows) {
      CipherSuite s;
      uint32_t code;
      if (!ld.code(row, "code", 0xffff, code) || !ld.number(row, "enc_bits", s.enc_bits) ||
          !ld.version(row, "min_version", s.min_version) ||
          !ld.version(row, "max_version", s.max_version) ||
          !ld.one_of(row, "registry", {"iana", "nonstandard"}))
        break;
      if (row["iana_name"].empty()) {
        ld.fail(row, "empty iana_name");
        break;
      }
      if (s.min_version > s.max_version) {
        ld.fail(row, "min_version above max_version");
        break;
      }
      s.code = static_cast<uint16_t>(code);
      s.iana_name = row["iana_name"];
      s.openssl_name = row["openssl_name"];
      s.gnutls_name = row["gnutls_name"];
      auto kx = parse_suite_kx(row["kx"]);
      if (!kx) {
        ld.fail(row, "unknown key exchange " + row["kx"]);
        break;
      }
      s.kx = *kx;
      s.auth = row["auth"];
      s.enc = row["enc"];
      s.mac = row["mac"];
      const std::string& f = row["flags"];
      s.aead = has_flag(f, "aead");
      s.pfs = has_flag(f, "pfs");
      s.export_grade = has_flag(f, "export");
      s.null_cipher = has_flag(f, "null");
      s.anon = has_flag(f, "anon");
      s.scsv = has_flag(f, "scsv");
      s.tls13 = has_flag(f, "tls13");
      s.iana_registered = row["registry"] == "iana";
      s.source = row["source"];
      c.suites_.push_back(std::move(s));
    }
    if (ld.error) return *ld.error;
  }
  {
    auto rows = rows_of("data/iana/ssl2_ciphers.csv",
                        {"code", "name", "openssl_name", "enc", "enc_bits", "flags"});
    if (!rows) return rows.error();
    Loader ld{"data/iana/ssl2_ciphers.csv", {}};
    for (const CsvRow& row : *rows) {
      Ssl2Cipher s;
      if (!ld.code(row, "code", 0xffffff, s.code) || !ld.number(row, "enc_bits", s.enc_bits)) break;
      s.name = row["name"];
      s.openssl_name = row["openssl_name"];
      s.enc = row["enc"];
      s.export_grade = has_flag(row["flags"], "export");
      c.ssl2_.push_back(std::move(s));
    }
    if (ld.error) return *ld.error;
  }
  {
    auto rows = rows_of("data/iana/groups.csv", {"code", "name", "openssl_name", "kind",
                                                 "key_share_bytes", "min_version", "registry"});
    if (!rows) return rows.error();
    Loader ld{"data/iana/groups.csv", {}};
    for (const CsvRow& row : *rows) {
      Group g;
      uint32_t code;
      if (!ld.code(row, "code", 0xffff, code) ||
          !ld.number(row, "key_share_bytes", g.key_share_bytes) ||
          !ld.version(row, "min_version", g.min_version) ||
          !ld.one_of(row, "kind", {"ec", "ffdhe", "hybrid", "kem", "explicit"}))
        break;
      g.code = static_cast<uint16_t>(code);
      g.name = row["name"];
      g.openssl_name = row["openssl_name"];
      g.kind = row["kind"];
      g.iana_registered = row["registry"] == "iana";
      c.groups_.push_back(std::move(g));
    }
    if (ld.error) return *ld.error;
  }
  {
    auto rows = rows_of("data/iana/sigalgs.csv",
                        {"code", "name", "openssl_name", "sig", "hash", "tls13", "registry"});
    if (!rows) return rows.error();
    Loader ld{"data/iana/sigalgs.csv", {}};
    for (const CsvRow& row : *rows) {
      SignatureScheme s;
      uint32_t code;
      if (!ld.code(row, "code", 0xffff, code) || !ld.one_of(row, "tls13", {"yes", "no"})) break;
      s.code = static_cast<uint16_t>(code);
      s.name = row["name"];
      s.openssl_name = row["openssl_name"];
      s.sig = row["sig"];
      s.hash = row["hash"];
      s.tls13 = row["tls13"] == "yes";
      s.iana_registered = row["registry"] == "iana";
      c.sigalgs_.push_back(std::move(s));
    }
    if (ld.error) return *ld.error;
  }
  struct Simple {
    std::string_view path;
    bool decimal;
    std::vector<NamedCode>& out;
  };
  for (Simple simple : {Simple{"data/iana/versions.csv", false, c.versions_},
                        Simple{"data/iana/alerts.csv", true, c.alerts_},
                        Simple{"data/iana/extensions.csv", false, c.extensions_}}) {
    auto rows = rows_of(simple.path, {"code", "name"});
    if (!rows) return rows.error();
    Loader ld{simple.path, {}};
    for (const CsvRow& row : *rows) {
      NamedCode n;
      if (simple.decimal) {
        int v;
        if (!ld.number(row, "code", v) || v > 255) {
          ld.fail(row, "bad alert code");
          break;
        }
        n.code = static_cast<uint32_t>(v);
      } else if (!ld.code(row, "code", 0xffff, n.code)) {
        break;
      }
      n.name = row["name"];
      n.openssl_name = row["openssl_name"];
      n.description = row["description"];
      simple.out.push_back(std::move(n));
    }
    if (ld.error) return *ld.error;
  }

  using S = CipherSuite;
  using G = Group;
  using A = SignatureScheme;
  Status st = index_rows(c.suites_, "cipher_suites", c.suite_index_, c.suite_names_,
                         {&S::iana_name, &S::openssl_name, &S::gnutls_name});
  if (st)
    st = index_rows(c.groups_, "groups", c.group_index_, c.group_names_,
                    {&G::name, &G::openssl_name});
  if (st)
    st = index_rows(c.sigalgs_, "sigalgs", c.sigalg_index_, c.sigalg_names_,
                    {&A::name, &A::openssl_name});
  if (!st) return st.error();
  return c;
}

const Catalog& Catalog::get() {
  static const Catalog catalog = [] { return embedded_or_abort(load(embedded_data()), "data"); }();
  return catalog;
}

std::vector<DataFile> embedded_data() {
  std::vector<DataFile> out;
  for (const EmbeddedFile& f : embedded_files()) out.push_back({f.path, f.content});
  return out;
}

std::string_view embedded_file(std::string_view path) {
  for (const EmbeddedFile& f : embedded_files())
    if (f.path == path) return f.content;
  return {};
}

const CipherSuite* Catalog::suite(uint16_t code) const {
  auto it = suite_index_.find(code);
  return it == suite_index_.end() ? nullptr : &suites_[it->second];
}
const Group* Catalog::group(uint16_t code) const {
  auto it = group_index_.find(code);
  return it == group_index_.end() ? nullptr : &groups_[it->second];
}
const SignatureScheme* Catalog::signature_scheme(uint16_t code) const {
  auto it = sigalg_index_.find(code);
  return it == sigalg_index_.end() ? nullptr : &sigalgs_[it->second];
}
const Ssl2Cipher* Catalog::ssl2_cipher(uint32_t code) const {
  for (const Ssl2Cipher& s : ssl2_)
    if (s.code == code) return &s;
  return nullptr;
}

const CipherSuite* Catalog::suite_named(std::string_view name) const {
  auto it = suite_names_.find(lower(name));
  return it == suite_names_.end() ? nullptr : &suites_[it->second];
}
const Group* Catalog::group_named(std::string_view name) const {
  auto it = group_names_.find(lower(name));
  return it == group_names_.end() ? nullptr : &groups_[it->second];
}
const SignatureScheme* Catalog::signature_scheme_named(std::string_view name) const {
  auto it = sigalg_names_.find(lower(name));
  return it == sigalg_names_.end() ? nullptr : &sigalgs_[it->second];
}
std::optional<uint16_t> Catalog::version_named(std::string_view name) const {
  std::string want = lower(name);
  for (const NamedCode& v : versions_)
    if (lower(v.name) == want || lower(v.openssl_name) == want)
      return static_cast<uint16_t>(v.code);
  return std::nullopt;
}

namespace {
std::string name_in(const std::vector<NamedCode>& table, uint32_t code, bool openssl_style) {
  for (const NamedCode& n : table)
    if (n.code == code) return openssl_style && !n.openssl_name.empty() ? n.openssl_name : n.name;
  return "";
}
}  // namespace

std::string Catalog::version_name(uint16_t code) const {
  std::string n = name_in(versions_, code, true);
  if (!n.empty()) return n;
  return is_grease(code) ? "GREASE" : "unknown(" + hex_code(code) + ")";
}
std::string Catalog::alert_name(uint8_t code) const {
  std::string n = name_in(alerts_, code, false);
  return n.empty() ? "unknown_alert(" + std::to_string(code) + ")" : n;
}
std::optional<uint8_t> Catalog::alert_named(std::string_view name) const {
  for (const NamedCode& n : alerts_)
    if (n.name == name) return static_cast<uint8_t>(n.code);
  return std::nullopt;
}
std::string Catalog::alert_description(uint8_t code) const {
  for (const NamedCode& n : alerts_)
    if (n.code == code) return n.description;
  return "";
}
std::string Catalog::extension_name(uint16_t code) const {
  std::string n = name_in(extensions_, code, false);
  if (!n.empty()) return n;
  return is_grease(code) ? "GREASE" : "unknown";
}
std::string Catalog::suite_name(uint16_t code) const {
  if (const CipherSuite* s = suite(code)) return s->iana_name;
  return is_grease(code) ? "GREASE" : "unknown";
}
std::string Catalog::group_name(uint16_t code) const {
  if (const Group* g = group(code)) return g->name;
  return is_grease(code) ? "GREASE" : "unknown";
}
std::string Catalog::signature_scheme_name(uint16_t code) const {
  if (const SignatureScheme* s = signature_scheme(code)) return s->name;
  return is_grease(code) ? "GREASE" : "unknown";
}
std::string Catalog::describe_suite(uint16_t code) const {
  const CipherSuite* s = suite(code);
  std::string out = suite_name(code) + " (" + hex_code(code);
  if (s && !s->openssl_name.empty()) out += ", " + s->openssl_name;
  return out + ")";
}

}  // namespace tlsd::catalog
