// Copy-pasteable snippets: a value from outside (a host name, a cipher list)
// becomes a literal of the snippet's language, so a hostile name cannot
// break out of the string it lands in.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace tlsd::diagnose {

// `value` as a string literal of `language`: go, c, csharp, js, python, java
// (double- or single-quoted with escapes), shell (single-quoted). "text"
// returns the value with control characters replaced by '?'.
std::string quote(std::string_view value, std::string_view language);

// The value made safe inside a comment of any language: printable ASCII
// only, and no comment terminators.
std::string comment_safe(std::string_view value);

// Replaces each {name} of `text` with vars[name] in one pass: inserted
// values are never scanned again. Unknown {names} stay as they are.
std::string fill_template(std::string_view text, const std::map<std::string, std::string>& vars);

}  // namespace tlsd::diagnose
