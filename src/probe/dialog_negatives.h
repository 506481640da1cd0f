// The negatives every dialog's test runs on its own complete exchange:
// every truncated prefix needs more bytes (and the server's close then says
// so), any split of the bytes gives the same result, and bytes after ready
// are refused by the DialogChain that ends in TLS.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "probe/dialog_chain.h"
#include "probe/dialog_test_util.h"

namespace tlsd::probe {

using DialogFactory = std::function<std::unique_ptr<Dialog>()>;

inline void expect_ready_in_any_split(const DialogFactory& make, const std::string& server,
                                      const std::string& client) {
  for (size_t chunk : {0, 1, 2, 3, 7, 64}) {
    auto d = make();
    EXPECT_EQ(play(*d, server, chunk), client) << chunk;
    EXPECT_EQ(d->state(), DialogState::ready) << chunk << ": " << d->error().message;
  }
}

inline void expect_every_prefix_needs_more(const DialogFactory& make, const std::string& server) {
  for (size_t n = 0; n < server.size(); ++n) {
    auto d = make();
    play(*d, std::string_view(server).substr(0, n));
    ASSERT_EQ(d->state(), DialogState::need_more) << n << ": " << d->error().message;
    d->feed_end();
    ASSERT_EQ(d->state(), DialogState::failed);
    EXPECT_EQ(d->error().code.name(), "closed");
    EXPECT_NE(d->error().message.find("closed the connection while we waited for"),
              std::string::npos);
  }
}

// RFC 3207 §4 and its kin: plaintext after the server's go-ahead is never
// taken for the start of TLS, in the same read or a later one.
inline void expect_extra_bytes_refused(const DialogFactory& make, const std::string& server,
                                       const std::string& peer) {
  {
    DialogChain chain(one(make()));
    play(chain, server + "injected\r\n");
    ASSERT_EQ(chain.state(), DialogState::failed);
    EXPECT_EQ(chain.error().code.name(), "dialog_extra_bytes");
    EXPECT_NE(chain.error().message.find(peer + " sent bytes after it was ready for TLS"),
              std::string::npos)
        << chain.error().message;
    EXPECT_NE(chain.error().message.find("injected"), std::string::npos);
  }
  {
    DialogChain chain(one(make()));
    play(chain, server);
    ASSERT_EQ(chain.state(), DialogState::ready) << chain.error().message;
    const uint8_t byte[] = {'x'};
    chain.feed(byte);
    EXPECT_EQ(chain.state(), DialogState::failed);
  }
}

// Whatever the dialog says about the server is printable.
inline void expect_printable(const Error& error) {
  for (char c : error.message) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << error.message;
    EXPECT_NE(c, 0x7f) << error.message;
  }
}

inline void expect_failure(Dialog& d, std::string_view code, std::string_view words) {
  ASSERT_EQ(d.state(), DialogState::failed) << code;
  EXPECT_EQ(d.error().code.name(), code) << d.error().message;
  EXPECT_NE(d.error().message.find(words), std::string::npos) << d.error().message;
  expect_printable(d.error());
}

}  // namespace tlsd::probe
