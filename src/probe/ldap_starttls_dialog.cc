#include "probe/ldap_starttls_dialog.h"

#include <array>
#include <utility>

namespace tlsd::probe {
namespace {

constexpr std::string_view kStartTlsOid = "1.3.6.1.4.1.1466.20037";

// LDAPMessage { messageID 1, extendedReq [APPLICATION 23] { requestName [0] OID } }.
std::string start_tls_request() {
  std::string name =
      "\x80" + std::string(1, static_cast<char>(kStartTlsOid.size())) + std::string(kStartTlsOid);
  std::string op = "\x77" + std::string(1, static_cast<char>(name.size())) + name;
  std::string body = std::string("\x02\x01\x01", 3) + op;
  return "\x30" + std::string(1, static_cast<char>(body.size())) + body;
}

struct Tlv {
  uint8_t tag = 0;
  std::string_view value;
  size_t size = 0;  // header and value
};

enum class Read { ok, need_more, bad, too_long };

// One BER element at the front of `in`: a one-byte tag (LDAP uses no
// high tag numbers), a definite length in at most 4 bytes, no more than
// `bound`.
Read read_tlv(std::string_view in, size_t bound, Tlv& out) {
  if (in.size() < 2) return Read::need_more;
  out.tag = static_cast<uint8_t>(in[0]);
  if ((out.tag & 0x1f) == 0x1f) return Read::bad;
  size_t length = static_cast<uint8_t>(in[1]), header = 2;
  if (length & 0x80) {
    size_t n = length & 0x7f;
    if (n == 0 || n > 4) return Read::bad;  // indefinite, or absurd
    if (in.size() < 2 + n) return Read::need_more;
    length = 0;
    for (size_t i = 0; i < n; ++i) length = length << 8 | static_cast<uint8_t>(in[2 + i]);
    header += n;
  }
  if (length > bound) return Read::too_long;
  if (in.size() < header + length) return Read::need_more;
  out.value = in.substr(header, length);
  out.size = header + length;
  return Read::ok;
}

// The next element inside a constructed value, moving `in` past it.
std::optional<Tlv> next(std::string_view& in) {
  Tlv t;
  if (read_tlv(in, in.size(), t) != Read::ok) return std::nullopt;
  in.remove_prefix(t.size);
  return t;
}

std::optional<uint32_t> integer(const Tlv& t) {
  if (t.value.empty() || t.value.size() > 4 || (static_cast<uint8_t>(t.value[0]) & 0x80))
    return std::nullopt;
  uint32_t v = 0;
  for (char c : t.value) v = v << 8 | static_cast<uint8_t>(c);
  return v;
}

constexpr std::array<std::pair<uint32_t, std::string_view>, 38> kResultNames = {{
    {0, "success"},
    {1, "operationsError"},
    {2, "protocolError"},
    {3, "timeLimitExceeded"},
    {4, "sizeLimitExceeded"},
    {5, "compareFalse"},
    {6, "compareTrue"},
    {7, "authMethodNotSupported"},
    {8, "strongerAuthRequired"},
    {10, "referral"},
    {11, "adminLimitExceeded"},
    {12, "unavailableCriticalExtension"},
    {13, "confidentialityRequired"},
    {14, "saslBindInProgress"},
    {16, "noSuchAttribute"},
    {17, "undefinedAttributeType"},
    {18, "inappropriateMatching"},
    {19, "constraintViolation"},
    {20, "attributeOrValueExists"},
    {21, "invalidAttributeSyntax"},
    {32, "noSuchObject"},
    {33, "aliasProblem"},
    {34, "invalidDNSyntax"},
    {36, "aliasDereferencingProblem"},
    {48, "inappropriateAuthentication"},
    {49, "invalidCredentials"},
    {50, "insufficientAccessRights"},
    {51, "busy"},
    {52, "unavailable"},
    {53, "unwillingToPerform"},
    {54, "loopDetect"},
    {64, "namingViolation"},
    {65, "objectClassViolation"},
    {66, "notAllowedOnNonLeaf"},
    {67, "notAllowedOnRDN"},
    {68, "entryAlreadyExists"},
    {69, "objectClassModsProhibited"},
    {80, "other"},
}};

}  // namespace

std::string_view ldap_result_name(uint32_t code) {
  for (const auto& [c, name] : kResultNames)
    if (c == code) return name;
  return {};
}

LdapStarttlsDialog::LdapStarttlsDialog(DialogLimits limits) : MessageDialog("LDAP server", limits) {
  send(start_tls_request());
}

std::string LdapStarttlsDialog::waiting_for() const {
  return "the LDAP server's answer to StartTLS";
}

size_t LdapStarttlsDialog::on_bytes(std::string_view buffered) {
  if (buffered[0] != 0x30) {  // every LDAPMessage is a SEQUENCE: judge at once
    fail(Error::protocol(ProtocolCode::not_ldap,
                         "not an LDAP message: '" + server_words(buffered, 64) + "'"));
    return buffered.size();
  }
  Tlv message;
  switch (read_tlv(buffered, limits().max_line, message)) {
    case Read::need_more:
      return 0;
    case Read::bad:
      fail(Error::protocol(ProtocolCode::not_ldap,
                           "not an LDAP message: '" + server_words(buffered, 64) + "'"));
      return buffered.size();
    case Read::too_long:
      fail(Error::protocol(ProtocolCode::dialog_too_long,
                           "the LDAP server announced a message longer than " +
                               std::to_string(limits().max_line) + " bytes: '" +
                               server_words(buffered, 16) + "'"));
      return buffered.size();
    case Read::ok:
      break;
  }
  on_message(message.value);
  return message.size;
}

// LDAPMessage { messageID INTEGER, ExtendedResponse [APPLICATION 24]
// { resultCode ENUMERATED, matchedDN, diagnosticMessage, referral [3]?,
// responseName [10]?, responseValue [11]? }, controls [0]? }.
void LdapStarttlsDialog::on_message(std::string_view body) {
  auto garbage = [&](std::string_view why) {
    fail(Error::protocol(ProtocolCode::not_ldap, "not an LDAP ExtendedResponse (" +
                                                     std::string(why) + "): '" +
                                                     server_words(body, 64) + "'"));
  };
  std::string_view in = body;
  auto id_tlv = next(in);
  auto op = next(in);
  if (!id_tlv || id_tlv->tag != 0x02 || !integer(*id_tlv)) return garbage("no messageID");
  uint32_t id = *integer(*id_tlv);
  if (!op || op->tag != 0x78) return garbage("not an extendedResp");
  std::string_view fields = op->value;
  auto result = next(fields);
  auto matched = next(fields);
  auto diagnostic = next(fields);
  if (!result || result->tag != 0x0a || !integer(*result) || !matched || matched->tag != 0x04 ||
      !diagnostic || diagnostic->tag != 0x04)
    return garbage("no LDAPResult");
  if (id != 1 && id != 0) return garbage("messageID " + std::to_string(id) + ", we sent 1");
  uint32_t code = *integer(*result);
  if (code == 0 && id == 1) return succeed();
  std::string named = "resultCode " + std::to_string(code);
  if (std::string_view name = ldap_result_name(code); !name.empty())
    named += " (" + std::string(name) + ")";
  std::string words = server_words(diagnostic->value, 300);
  fail(Error::protocol(ProtocolCode::ldap_refused,
                       (id == 0 ? "the LDAP server disconnected (notice of disconnection, "
                                : "the LDAP server refused StartTLS (") +
                           named + ")" + (words.empty() ? "" : ": '" + words + "'")));
}

std::unique_ptr<Dialog> make_ldap_starttls(const DialogContext&) {
  return std::make_unique<LdapStarttlsDialog>();
}

}  // namespace tlsd::probe
