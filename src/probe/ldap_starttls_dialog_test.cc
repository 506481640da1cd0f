#include "probe/ldap_starttls_dialog.h"

#include <gtest/gtest.h>

#include "probe/dialog_negatives.h"

namespace tlsd::probe {
namespace {

// 30 1d | 02 01 01 | 77 18 | 80 16 "1.3.6.1.4.1.1466.20037" (RFC 4511 §4.14.1)
const std::string kRequest =
    std::string("\x30\x1d\x02\x01\x01\x77\x18\x80\x16", 9) + "1.3.6.1.4.1.1466.20037";

std::string tlv(char tag, const std::string& value) {
  std::string len;
  if (value.size() < 128) {
    len = std::string(1, static_cast<char>(value.size()));
  } else {
    len = std::string("\x82", 1) + static_cast<char>(value.size() >> 8) +
          static_cast<char>(value.size() & 0xff);
  }
  return std::string(1, tag) + len + value;
}

std::string response(int id, int code, const std::string& diagnostic,
                     const std::string& extra = "") {
  std::string op = tlv(0x0a, std::string(1, static_cast<char>(code))) + tlv(0x04, "") +
                   tlv(0x04, diagnostic) + extra;
  return tlv(0x30, tlv(0x02, std::string(1, static_cast<char>(id))) + tlv(0x78, op));
}

// OpenLDAP's success carries the responseName [10] (RFC 4511 §4.14.2).
const std::string kOk = response(1, 0, "", tlv(static_cast<char>(0x8a), "1.3.6.1.4.1.1466.20037"));

DialogFactory ldap() {
  return [] { return std::make_unique<LdapStarttlsDialog>(); };
}

TEST(LdapStarttls, SendsTheExtendedRequestAndResultZeroIsReady) {
  expect_ready_in_any_split(ldap(), kOk, kRequest);
}

TEST(LdapStarttls, LongFormLengthsAreRead) {
  std::string diag(200, 'x');  // makes every enclosing length long-form
  LdapStarttlsDialog d;
  play(d, response(1, 52, diag));
  expect_failure(d, "ldap_refused", "resultCode 52 (unavailable)): 'xxx");
}

TEST(LdapStarttls, EveryTruncatedPrefixNeedsMoreBytes) {
  expect_every_prefix_needs_more(ldap(), kOk);
}

TEST(LdapStarttls, RefusalsAreNamedWithTheServersWords) {
  {
    LdapStarttlsDialog d;
    play(d, response(1, 2, "unsupported extended operation"));
    expect_failure(d, "ldap_refused",
                   "the LDAP server refused StartTLS (resultCode 2 (protocolError)): "
                   "'unsupported extended operation'");
  }
  {
    LdapStarttlsDialog d;
    play(d, response(1, 1, ""));
    expect_failure(d, "ldap_refused", "(resultCode 1 (operationsError))");
  }
  {
    LdapStarttlsDialog d;
    play(d, response(1, 99, "odd"));
    expect_failure(d, "ldap_refused", "(resultCode 99): 'odd'");
  }
  {
    LdapStarttlsDialog d;  // Notice of Disconnection, RFC 4511 §4.4.1
    play(d, response(0, 52, "server shutting down"));
    expect_failure(d, "ldap_refused",
                   "disconnected (notice of disconnection, resultCode 52 (unavailable)): "
                   "'server shutting down'");
  }
}

TEST(LdapStarttls, GarbageIsNotLdap) {
  for (std::string reply : std::vector<std::string>{
           "220 smtp\r\n", "HTTP/1.1 400 Bad\r\n",
           std::string("\x30\x80\x02\x01\x01\x00\x00", 7),      // indefinite length
           std::string("\x30\x85\x00\x00\x00\x00\x01\x00", 8),  // 5 length bytes
           tlv(0x30, tlv(0x02, "\x01") + tlv(0x61, "")),        // a BindResponse
           tlv(0x30, tlv(0x02, "\x07") + tlv(0x78, tlv(0x0a, std::string(1, '\0')) + tlv(0x04, "") +
                                                       tlv(0x04, ""))),
           tlv(0x30, tlv(0x02, "\x01") + tlv(0x78, tlv(0x0a, std::string(1, '\0')))),
           tlv(0x30, tlv(0x02, "\x81") + tlv(0x78, "")), tlv(0x30, ""),
           std::string("\x1f\x01\x00", 3)}) {
    LdapStarttlsDialog d;
    play(d, reply);
    ASSERT_EQ(d.state(), DialogState::failed);
    EXPECT_EQ(d.error().code.name(), "not_ldap") << d.error().message;
    expect_printable(d.error());
  }
}

TEST(LdapStarttls, OverLongMessageEndsOnItsHeader) {
  LdapStarttlsDialog d;
  play(d, std::string("\x30\x84\x00\x10\x00\x00", 6));  // 1 MiB announced
  expect_failure(d, "dialog_too_long", "longer than 4096 bytes");
}

TEST(LdapStarttls, EndlessTrickleEnds) {
  LdapStarttlsDialog d(DialogLimits{.max_line = 4096, .max_total = 1000, .max_lines = 256});
  std::string big = tlv(0x30, std::string(3000, 'a'));  // within max_line, beyond max_total
  play(d, big, 100);
  expect_failure(d, "dialog_too_long", "LDAP server sent more than 1000 bytes");
}

TEST(LdapStarttls, BytesAfterTheResponseAreAnError) {
  expect_extra_bytes_refused(ldap(), kOk, "LDAP server");
}

TEST(LdapStarttls, ResultNames) {
  EXPECT_EQ(ldap_result_name(0), "success");
  EXPECT_EQ(ldap_result_name(13), "confidentialityRequired");
  EXPECT_EQ(ldap_result_name(80), "other");
  EXPECT_EQ(ldap_result_name(9), "");
}

TEST(LdapStarttls, RowInTheRegistry) {
  const DialogRow& row = dialog_row(DialogId::ldap_starttls);
  EXPECT_EQ(row.name, "ldap_starttls");
  EXPECT_EQ(row.default_port, 389);
  DialogSpec spec{DialogId::ldap_starttls, ""};
  EXPECT_EQ(row.make(DialogContext{"ldap.example.com", 389, spec})->waiting_for(),
            "the LDAP server's answer to StartTLS");
}

}  // namespace
}  // namespace tlsd::probe
