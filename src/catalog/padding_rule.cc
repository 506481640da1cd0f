#include "catalog/padding_rule.h"

#include <array>
#include <utility>

namespace tlsd::catalog {
namespace {

constexpr std::array<std::pair<PaddingRule, std::string_view>, 3> kRules = {{
    {PaddingRule::none, "none"},
    {PaddingRule::boringssl, "boringssl"},
    {PaddingRule::fixed, "fixed"},
}};

}  // namespace

std::string_view name(PaddingRule rule) {
  for (const auto& [r, n] : kRules)
    if (r == rule) return n;
  return "none";
}

std::optional<PaddingRule> parse_padding_rule(std::string_view text) {
  if (text == name(PaddingRule::fixed)) return std::nullopt;  // a fixed rule is its byte count
  for (const auto& [r, n] : kRules)
    if (n == text) return r;
  return std::nullopt;
}

}  // namespace tlsd::catalog
