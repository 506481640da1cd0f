#include "diagnose/explain.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "base/text_safety.h"
#include "catalog/embedded.h"

namespace tlsd::diagnose {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string required_literal(const std::string& re) {
  std::string best, run;
  auto flush = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
  };
  // A literal char followed by ?, * or {m,n} may be absent; followed by + it
  // appears at least once, but nothing after it is contiguous.
  auto optional_next = [&](size_t next) {
    return next < re.size() && (re[next] == '?' || re[next] == '*' || re[next] == '{');
  };
  auto repeated_next = [&](size_t next) { return next < re.size() && re[next] == '+'; };
  int depth = 0;
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\') {
      if (i + 1 >= re.size()) return "";
      char e = re[++i];
      bool literal = !std::isalnum(static_cast<unsigned char>(e));  // \d \w \s \b are classes
      if (depth == 0 && literal && !optional_next(i + 1)) {
        run.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(e))));
        if (repeated_next(i + 1)) flush();
      } else {
        flush();
      }
      continue;
    }
    switch (c) {
      case '[':
        flush();
        for (++i; i < re.size() && re[i] != ']'; ++i)
          if (re[i] == '\\') ++i;
        continue;
      case '{':
        flush();
        while (i < re.size() && re[i] != '}') ++i;
        continue;
      case '(':
        flush();
        ++depth;
        continue;
      case ')':
        flush();
        --depth;
        continue;
      case '|':
        if (depth == 0) return "";  // top-level alternatives: nothing is required
        flush();
        continue;
      case '.':
      case '^':
      case '$':
      case '?':
      case '*':
      case '+':
      case '}':
        flush();
        continue;
    }
    if (depth != 0 || optional_next(i + 1)) {
      flush();
      continue;
    }
    run.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (repeated_next(i + 1)) flush();
  }
  flush();
  return best;
}

namespace {

// The end of the group or character class that opens at re[open]: the index
// just past its closing bracket, or npos when it never closes.
size_t past_closing(std::string_view re, size_t open) {
  int depth = 0;
  bool in_class = false;
  for (size_t i = open; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      if (c == ']') {
        in_class = false;
        if (depth == 0) return i + 1;
      }
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The top-level alternatives of a regex: "a|b(c|d)" -> "a", "b(c|d)".
std::vector<std::string_view> alternatives(std::string_view re) {
  std::vector<std::string_view> out;
  size_t begin = 0;
  for (size_t i = 0; i < re.size(); ++i) {
    if (re[i] == '\\') {
      ++i;
    } else if (re[i] == '(' || re[i] == '[') {
      size_t end = past_closing(re, i);
      if (end == std::string_view::npos) return {re};
      i = end - 1;
    } else if (re[i] == '|') {
      out.push_back(re.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  out.push_back(re.substr(begin));
  return out;
}

size_t shortest(const std::vector<std::string>& literals) {
  size_t n = SIZE_MAX;
  for (const std::string& l : literals) n = std::min(n, l.size());
  return literals.empty() ? 0 : n;
}

// One alternative (no top-level '|'): its longest plain literal, or the
// literals a group it cannot skip requires, whichever filters best.
std::vector<std::string> sequence_literals(std::string_view seq) {
  std::vector<std::string> best;
  if (std::string run = required_literal(std::string(seq)); !run.empty()) best = {run};
  for (size_t i = 0; i < seq.size(); ++i) {
    if (seq[i] == '\\') {
      ++i;
      continue;
    }
    if (seq[i] != '(' && seq[i] != '[') continue;
    size_t end = past_closing(seq, i);
    if (end == std::string_view::npos) return best;
    bool group = seq[i] == '(';
    std::string_view inner = group ? seq.substr(i + 1, end - i - 2) : std::string_view();
    i = end - 1;
    bool skippable = end < seq.size() && (seq[end] == '?' || seq[end] == '*' || seq[end] == '{');
    // Lookarounds match no text of their own; other "(?" forms are not ECMAScript.
    if (!group || skippable || (inner.starts_with("?") && !inner.starts_with("?:"))) continue;
    if (inner.starts_with("?:")) inner.remove_prefix(2);
    std::vector<std::string> within = required_literals(std::string(inner));
    if (shortest(within) > shortest(best)) best = std::move(within);
  }
  return best;
}

}  // namespace

std::vector<std::string> required_literals(const std::string& re) {
  std::vector<std::string> out;
  for (std::string_view alt : alternatives(re)) {
    std::vector<std::string> literals = sequence_literals(alt);
    if (literals.empty()) return {};  // this alternative may match without any literal
    out.insert(out.end(), literals.begin(), literals.end());
  }
  return out;
}

Result<KnowledgeBase> KnowledgeBase::load(const std::string& json_text) {
  using nlohmann::json;
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.contains("patterns"))
    return Error::internal("data/errors/patterns.json: not a pattern list");
  KnowledgeBase kb;
  std::set<std::string> ids;
  try {
    for (const json& p : doc.at("patterns")) {
      Pattern pat;
      pat.id = p.at("id").get<std::string>();
      if (!ids.insert(pat.id).second) return Error::internal("duplicate pattern id " + pat.id);
      pat.stack = p.at("stack").get<std::string>();
      pat.match =
          lower(p.value("match", json()).is_string() ? p.at("match").get<std::string>() : "");
      pat.regex_text = p.value("regex", json()).is_string() ? p.at("regex").get<std::string>() : "";
      pat.message = p.value("message", "");
      pat.meaning = p.at("meaning").get<std::string>();
      pat.next = p.value("next", "");
      pat.source = p.at("source").get<std::string>();
      const json causes = p.value("causes", json::array());
      for (const json& c : causes) {
        std::string reason = c.at("reason").get<std::string>();
        std::optional<catalog::FailureReason> known = catalog::parse_failure_reason(reason);
        if (!known) return Error::internal(pat.id + ": unknown reason " + reason);
        pat.causes.push_back({*known, c.at("text").get<std::string>()});
      }
      if (pat.match.empty() == pat.regex_text.empty())
        return Error::internal(pat.id + ": needs exactly one of match and regex");
      if (!pat.regex_text.empty()) {
        try {
          pat.regex.emplace(pat.regex_text, std::regex::ECMAScript | std::regex::icase);
          pat.required = required_literals(pat.regex_text);
        } catch (const std::regex_error& e) {
          return Error::internal(pat.id + ": bad regex: " + e.what());
        }
      }
      kb.patterns_.push_back(std::move(pat));
    }
  } catch (const json::exception& e) {
    return Error::internal(std::string("data/errors/patterns.json: ") + e.what());
  }
  return kb;
}

const KnowledgeBase& KnowledgeBase::get() {
  static const KnowledgeBase kb = [] {
    std::string_view text = catalog::embedded_file("data/errors/patterns.json");
    return catalog::embedded_or_abort(load(std::string(text)), "error knowledge");
  }();
  return kb;
}

Explanation KnowledgeBase::best_match(const std::string& text, size_t& best_len) const {
  std::string haystack = lower(text);
  Explanation best;
  for (const Pattern& p : patterns_) {
    size_t len = 0;
    std::string matched;
    if (!p.match.empty()) {
      size_t at = haystack.find(p.match);
      if (at == std::string::npos) continue;
      len = p.match.size();
      matched = display_safe(std::string_view(text).substr(at, len));
    } else {
      if (!p.required.empty() &&
          std::none_of(p.required.begin(), p.required.end(),
                       [&](const std::string& l) { return haystack.find(l) != std::string::npos; }))
        continue;
      std::smatch m;
      if (!std::regex_search(haystack, m, *p.regex)) continue;
      len = static_cast<size_t>(m.length(0));
      matched =
          display_safe(std::string_view(text).substr(static_cast<size_t>(m.position(0)), len));
    }
    if (len > best_len) {
      best_len = len;
      best = {&p, matched};
    }
  }
  return best;
}

std::string host_in(std::string_view text) {
  // A literal search finds the spot; the regex only reads a short window
  // there, so a megabyte paste costs no more than a line.
  static const std::regex kUrl(
      R"(^https://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)(:[0-9]{1,5})?)");
  static const std::regex kDial(
      R"(^dial tcp (\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)(:[0-9]{1,5}))");
  for (auto [marker, re] : {std::pair{"https://", &kUrl}, std::pair{"dial tcp ", &kDial}}) {
    size_t at = text.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view window = text.substr(at, 300);
    std::match_results<std::string_view::const_iterator> m;
    if (std::regex_search(window.begin(), window.end(), m, *re)) return m[1].str() + m[2].str();
  }
  return "";
}

std::string Explanation::next_step() const {
  std::string out = pattern ? pattern->next : "";
  if (size_t at = out.find("HOST[:PORT]"); at != std::string::npos && !host.empty())
    out.replace(at, 11, host);
  return out;
}

Explanation KnowledgeBase::explain(const std::string& text) const {
  constexpr size_t kWhole = 8 * 1024;        // a pasted error, traceback included
  constexpr size_t kMaxPaste = 1024 * 1024;  // pasted text is untrusted: bound it
  size_t best_len = 0;
  if (text.size() <= kWhole) {
    Explanation e = best_match(text, best_len);
    e.host = host_in(text);
    return e;
  }
  // A log: each distinct line that mentions TLS-ish words, at most 4 KiB each.
  static const char* kWords[] = {"tls",      "ssl",    "x509",     "cert", "handshake",
                                 "alert",    "cipher", "err_",     "sec_", "pkix",
                                 "protocol", "verif",  "schannel", "eof"};
  std::set<std::string> seen;
  Explanation best;
  std::string_view rest(text.data(), std::min(text.size(), kMaxPaste));
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string line(rest.substr(0, std::min<size_t>(nl, 4096)));
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    std::string low = lower(line);
    bool relevant = std::any_of(std::begin(kWords), std::end(kWords),
                                [&](const char* w) { return low.find(w) != std::string::npos; });
    if (!relevant || !seen.insert(line).second) continue;
    Explanation e = best_match(line, best_len);
    if (!e.pattern) continue;
    best = e;
    best.host = host_in(line);  // the server the matching line names
  }
  return best;
}

}  // namespace tlsd::diagnose
