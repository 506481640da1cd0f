// Strict reading of data files: a key the loader does not know is a load
// error naming the file and the key, never a silent default (a misspelt
// "min_rsa_bit" would otherwise leave the client's real limit unmodelled).
// Shared by the profile loader and diagnose's fix data loader.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"

namespace tlsd::catalog {

// Ok when every key of `object` is in `known`; otherwise
// "<source>: unknown key '<path>.<key>'" (just '<key>' when `path` is empty),
// with the keys that are allowed there. A non-object is an error too.
Status known_keys_only(const nlohmann::json& object, std::span<const std::string_view> known,
                       std::string_view source, std::string_view path);
Status known_keys_only(const nlohmann::json& object, std::initializer_list<std::string_view> known,
                       std::string_view source, std::string_view path);

}  // namespace tlsd::catalog
