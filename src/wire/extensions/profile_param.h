// How a client profile (data/profiles, docs/profiles.md) spells the parameters
// of one extension row. wire sits below catalog and reads no JSON, so a row
// describes each parameter as data: its key in the profile's "hello" object,
// the shape of its value, which names may stand for its code points, and the
// HelloParams member it fills. catalog/hello_template.cc reads every row's
// keys by these descriptors, and that is the only place where profile JSON
// meets the table: a new extension with parameters needs no change there.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"
#include "wire/hello_params.h"

namespace tlsd::wire {

// Fixed GREASE values (RFC 8701), one per slot, so that a profile's hello is
// reproducible byte for byte (tests/golden/hellos).
namespace fixed_grease {
constexpr uint16_t kSuite = 0x0a0a, kGroup = 0x1a1a, kExtension = 0x2a2a, kVersion = 0x3a3a,
                   kLastExtension = 0x4a4a;
}  // namespace fixed_grease

// Which names the catalog accepts in place of "0x…" for a code list.
enum class CodeNames { kNumeric, kGroup, kSignatureScheme };

// ["0x001d", "x25519", "GREASE"] -> a list of code points.
struct CodeListParam {
  std::vector<uint16_t> HelloParams::*member;
  CodeNames names = CodeNames::kNumeric;
  std::optional<uint16_t> grease;  // what "GREASE" stands for; nullopt = not allowed
};
// [0, 1] -> bytes.
struct ByteListParam {
  Bytes HelloParams::*member;
};
// ["h2", "http/1.1"] -> strings.
struct TextListParam {
  std::vector<std::string> HelloParams::*member;
};
// 16385 -> a number; null keeps the member's default.
struct NumberParam {
  uint16_t HelloParams::*member;
};
// A scalar the row interprets itself: a string, or a number as its decimal
// text. `when_absent` is stored when the profile leaves the key out.
struct WordParam {
  Status (*store)(std::string_view word, HelloParams&);
  std::string_view when_absent;
};

struct ProfileParam {
  std::string_view key;  // in the profile's "hello" object
  std::variant<CodeListParam, ByteListParam, TextListParam, NumberParam, WordParam> form;
};

using ProfileParams = std::span<const ProfileParam>;

}  // namespace tlsd::wire
