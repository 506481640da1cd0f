// What a ClientHello's extensions are built from, and what the server's
// extensions decode into. Kept apart from the builders so the table of
// extensions (extensions/) and the messages both depend on it, not on each other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/hex.h"

namespace tlsd::wire {

struct KeyShare {
  uint16_t group = 0;
  Bytes key_exchange;
};

struct HelloParams {
  std::string server_name;       // server_name; empty = no name in it
  std::vector<uint16_t> groups;  // supported_groups
  Bytes ec_point_formats{0};     // uncompressed only
  std::vector<uint16_t> signature_algorithms;
  std::vector<uint16_t> signature_algorithms_cert;
  std::vector<std::string> alpn;  // application_layer_protocol_negotiation
  std::vector<uint16_t> supported_versions;
  std::vector<KeyShare> key_shares;
  // The groups a client profile sends shares for; its hello derives
  // key_shares from them with fresh (or fixed) randomness. The builder reads
  // only key_shares.
  std::vector<uint16_t> key_share_groups;
  Bytes psk_key_exchange_modes{1};                   // psk_dhe_ke
  uint16_t record_size_limit = 16385;                // RFC 8449: 2^14+1 in TLS 1.3
  std::vector<uint16_t> certificate_compression{2};  // brotli
  std::vector<uint16_t> delegated_credential_sigalgs;
  uint8_t heartbeat_mode = 1;  // peer_allowed_to_send
  Bytes session_ticket;        // empty: ask for a new ticket
  Bytes renegotiation_info;    // empty on an initial handshake
  // Padding length; nullopt = BoringSSL's rule (pad hellos of 256..511 bytes to
  // 512, the F5 bug workaround of RFC 7685 §1), omitted when not needed.
  std::optional<size_t> padding_length;
  bool omit_padding = false;  // never send a padding extension, even when listed
};

// The server's extensions, decoded. `present` keeps every type in wire order.
struct ServerExtensions {
  std::vector<uint16_t> present;
  std::optional<uint16_t> selected_version;
  std::optional<KeyShare> key_share;           // ServerHello
  std::optional<uint16_t> hrr_selected_group;  // HelloRetryRequest
  Bytes cookie;
  std::optional<std::string> alpn;
  std::optional<Bytes> renegotiation_info;
  std::optional<Bytes> ec_point_formats;
  std::optional<uint16_t> record_size_limit;
  std::optional<uint8_t> heartbeat_mode;
  std::optional<uint8_t> max_fragment_length;
  bool server_name_acked = false;
  bool extended_master_secret = false;
  bool encrypt_then_mac = false;
  bool session_ticket = false;
  bool status_request = false;
  bool signed_certificate_timestamp = false;

  bool has(uint16_t type) const;
};

}  // namespace tlsd::wire
