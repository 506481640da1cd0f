#include "report/explain_report.h"

#include <fmt/format.h>

namespace tlsd::report {
namespace {

// When nothing matched, the honest answer and the generic next step.
constexpr const char* kNotRecognised =
    "tlsdoctor does not recognise this text. If it came from a TLS connection, let the server "
    "answer instead:";
constexpr const char* kGenericNext = "tlsdoctor HOST[:PORT]   (or: tlsdoctor scan HOST[:PORT])";

}  // namespace

std::string render_explanation_text(const diagnose::Explanation& e, const Style& st) {
  if (!e.pattern)
    return fmt::format("{}\n  {}\n  {}\n", st.warn("not recognised"), kNotRecognised, kGenericNext);
  const diagnose::Pattern& p = *e.pattern;
  std::string out = fmt::format("{} {}\n", st.bold(p.stack + ":"), e.matched);
  if (!p.message.empty()) out += st.dim(fmt::format("  also known as {}", p.message)) + "\n";
  out += fmt::format("\n{}\n  {}\n", st.bold("What it means"), p.meaning);
  if (!p.causes.empty()) {
    out += fmt::format("\n{}\n", st.bold("Likely causes, most likely first"));
    for (size_t i = 0; i < p.causes.size(); ++i)
      out += fmt::format("  {}. {} {}\n", i + 1, p.causes[i].text,
                         st.dim("[" + p.causes[i].reason.name() + "]"));
  }
  if (!p.next.empty()) out += fmt::format("\n{}\n  {}\n", st.bold("Next step"), e.next_step());
  out += st.dim(fmt::format("\nsource: {}", p.source)) + "\n";
  return out;
}

nlohmann::json explanation_json(const std::string& input, const diagnose::Explanation& e) {
  using nlohmann::json;
  json j = {{"schema", kExplainSchema}, {"input", input}, {"recognised", e.pattern != nullptr}};
  if (!e.pattern) {
    j["next"] = kGenericNext;
    return j;
  }
  const diagnose::Pattern& p = *e.pattern;
  json causes = json::array();
  for (const auto& c : p.causes) causes.push_back({{"reason", c.reason.name()}, {"text", c.text}});
  j["pattern"] = p.id;
  j["stack"] = p.stack;
  j["matched"] = e.matched;
  j["message"] = p.message.empty() ? json(nullptr) : json(p.message);
  j["meaning"] = p.meaning;
  j["causes"] = causes;
  j["next"] = p.next.empty() ? json(nullptr) : json(e.next_step());
  j["source"] = p.source;
  return j;
}

}  // namespace tlsd::report
