// `tlsdoctor explain`: which stack printed an error text, what it literally
// means, the likely causes in order, and the next command to run. The
// knowledge is data (data/errors/patterns.json); this is only the matcher.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "catalog/failure_reason.h"

namespace tlsd::diagnose {

struct Cause {
  catalog::FailureReason reason;  // the failure taxonomy of docs/profiles.md
  std::string text;
};

struct Pattern {
  std::string id, stack, match, regex_text, message, meaning, next, source;
  std::vector<Cause> causes;
  std::optional<std::regex> regex;
  // Literals of which every match of the regex contains at least one (empty:
  // none known), so most regexes are skipped with a substring search.
  std::vector<std::string> required;
};

// The longest literal that every match of an ECMAScript regex must contain,
// lower-cased; "" when none can be proven. Lets the matcher skip most regexes
// with one substring search, which keeps a long paste fast.
std::string required_literal(const std::string& regex);

// For a regex of top-level alternatives "a|b|c": the required literal of each
// alternative; empty when some alternative has none (then anything may match).
std::vector<std::string> required_literals(const std::string& regex);

struct Explanation {
  const Pattern* pattern = nullptr;  // nullptr: not recognised
  std::string matched;               // the part of the text that matched
  std::string host;                  // "api.example.com:443" when the text names one, else ""
  // The pattern's next command, with the text's host in place of HOST[:PORT].
  std::string next_step() const;
};

// The server a pasted error names ("https://api.example.com:8443/x",
// "dial tcp 10.0.0.7:443"), as HOST[:PORT] made only of host-name
// characters; "" when it names none.
std::string host_in(std::string_view text);

class KnowledgeBase {
 public:
  static const KnowledgeBase& get();  // the embedded data/errors/patterns.json
  static Result<KnowledgeBase> load(const std::string& json_text);

  // The most specific pattern found in `text` (the longest match wins). A
  // long paste (a whole log) is read line by line, once per distinct line,
  // and only lines that talk about TLS at all.
  Explanation explain(const std::string& text) const;
  size_t size() const { return patterns_.size(); }

 private:
  Explanation best_match(const std::string& text, size_t& best_len) const;
  std::vector<Pattern> patterns_;
};

}  // namespace tlsd::diagnose
