#include "probe/postgres_sslrequest_dialog.h"

#include <gtest/gtest.h>

#include "probe/dialog_negatives.h"

namespace tlsd::probe {
namespace {

const std::string kSslRequest("\x00\x00\x00\x08\x04\xd2\x16\x2f", 8);

DialogFactory pg() {
  return [] { return std::make_unique<PostgresSslRequestDialog>(); };
}

// A protocol 3 ErrorResponse: 'E', length, fields, a final zero.
std::string error_response(const std::string& fields) {
  std::string body = fields + std::string(1, '\0');
  uint32_t length = static_cast<uint32_t>(body.size() + 4);
  std::string out = "E";
  for (int shift : {24, 16, 8, 0}) out += static_cast<char>((length >> shift) & 0xff);
  return out + body;
}

const std::string kTooMany = error_response(std::string("SFATAL\0VFATAL\0C53300\0", 21) +
                                            std::string("Msorry, too many clients already\0", 33));

TEST(PostgresSslRequest, SendsSslRequestFirstAndSIsReady) {
  expect_ready_in_any_split(pg(), "S", kSslRequest);
}

TEST(PostgresSslRequest, NMeansSslOff) {
  PostgresSslRequestDialog d;
  EXPECT_EQ(play(d, "N"), kSslRequest);
  expect_failure(d, "postgres_ssl_off",
                 "PostgreSQL answered 'N' to SSLRequest: ssl = off on the server");
}

TEST(PostgresSslRequest, ProtocolThreeErrorResponse) {
  for (size_t chunk : {0, 1, 3}) {
    PostgresSslRequestDialog d;
    play(d, kTooMany, chunk);
    expect_failure(d, "postgres_refused", "'FATAL 53300: sorry, too many clients already'");
  }
}

TEST(PostgresSslRequest, ProtocolTwoErrorResponse) {
  PostgresSslRequestDialog d;
  play(d, std::string("EFATAL:  unsupported frontend protocol\n\0", 40));
  expect_failure(d, "postgres_refused", "'FATAL:  unsupported frontend protocol'");
}

TEST(PostgresSslRequest, EveryTruncatedPrefixNeedsMoreBytes) {
  expect_every_prefix_needs_more(pg(), "S");
  // An ErrorResponse cut anywhere needs more bytes.
  for (const std::string& e : {kTooMany, std::string("EFATAL: x\0", 10)})
    for (size_t n = 1; n < e.size(); ++n) {
      PostgresSslRequestDialog d;
      play(d, e.substr(0, n));
      EXPECT_EQ(d.state(), DialogState::need_more) << n;
    }
}

TEST(PostgresSslRequest, GarbageIsNotPostgres) {
  for (std::string reply :
       std::vector<std::string>{"HTTP/1.1 400 Bad Request\r\n", "\x15\x03\x01\x00\x02\x02\x46",
                                "220 smtp\r\n", std::string("\0", 1)}) {
    PostgresSslRequestDialog d;
    play(d, reply);
    expect_failure(d, "not_postgres", "not a PostgreSQL server");
  }
}

TEST(PostgresSslRequest, OverLongErrorMessagesEnd) {
  {
    PostgresSslRequestDialog d;  // protocol 3: the length alone says too much
    play(d, std::string("E\x00\x10\x00\x00", 5));
    expect_failure(d, "not_postgres", "a length of 1048576 bytes");
  }
  {
    PostgresSslRequestDialog d;  // protocol 2: a string without end, 1 MiB
    play(d, "E" + std::string(1 << 20, 'a'), 1000);
    ASSERT_EQ(d.state(), DialogState::failed);
    EXPECT_EQ(d.error().code.name(), "dialog_line_too_long");
    EXPECT_LT(d.error().message.size(), 300u);
  }
}

TEST(PostgresSslRequest, ErrorWordsAreDisplaySafe) {
  PostgresSslRequestDialog d;
  play(d, error_response(std::string("SFATAL\0M\x1b[31mred\x07\0", 18)));
  expect_failure(d, "postgres_refused", "FATAL: \\x1b[31mred\\x07");
  EXPECT_EQ(postgres_error_words(std::string("Mno terminator", 14)), "no terminator");
  EXPECT_EQ(postgres_error_words(""), "");
}

// CVE-2021-23222: bytes after 'S' and before our TLS hello are refused.
TEST(PostgresSslRequest, BytesAfterSAreAnError) {
  expect_extra_bytes_refused(pg(), "S", "PostgreSQL server");
}

TEST(PostgresSslRequest, RowInTheRegistry) {
  const DialogRow& row = dialog_row(DialogId::postgres_sslrequest);
  EXPECT_EQ(row.name, "postgres_sslrequest");
  EXPECT_EQ(row.default_port, 5432);
  DialogSpec spec{DialogId::postgres_sslrequest, ""};
  auto d = row.make(DialogContext{"db.example.com", 5432, spec});
  EXPECT_EQ(d->waiting_for(), "the PostgreSQL server's answer to SSLRequest");
  Bytes first = d->take_output();
  EXPECT_EQ(std::string(first.begin(), first.end()), kSslRequest);
}

}  // namespace
}  // namespace tlsd::probe
