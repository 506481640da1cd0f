#include "cli/explain_command.h"

#include <unistd.h>

#include <iostream>
#include <iterator>

#include "cli/exit_codes.h"
#include "diagnose/explain.h"
#include "report/explain_report.h"
#include "report/printer.h"

namespace tlsd::cli {

void add_explain_command(CLI::App& app, ExplainArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Paste an error text from any TLS stack (Go, OpenSSL, Python, Node, curl, Java, GnuTLS, "
      "rustls, .NET, browsers): which stack said it, what it means, the likely causes, the next "
      "step. Works offline.");
  cmd->add_option("text", args.text, "the error text; '-' or nothing reads standard input");
  add_output_options(cmd, args.output, json_help(report::kExplainSchema, false));
  cmd->add_flag("--batch", args.batch,
                "read a JSON array of texts on stdin, print a JSON array of answers (for tools)");
  cmd->footer(
      "Examples:\n"
      "  tlsdoctor explain 'remote error: tls: handshake failure'\n"
      "  python3 app.py 2>&1 | tail -1 | tlsdoctor explain\n"
      "Exit status: 0 recognised, 1 not recognised, 2 usage error.");
}

int run_explain(const ExplainArgs& args) {
  const diagnose::KnowledgeBase& kb = diagnose::KnowledgeBase::get();
  if (args.batch) {
    nlohmann::json texts = nlohmann::json::parse(std::cin, nullptr, false);
    if (texts.is_discarded() || !texts.is_array()) {
      std::cerr << "tlsdoctor explain --batch: stdin is not a JSON array of strings\n";
      return kExitOperational;
    }
    std::vector<report::ExplainPrint> answers;
    for (const nlohmann::json& t : texts) {
      std::string text = t.is_string() ? t.get<std::string>() : "";
      answers.push_back({text, kb.explain(text)});
    }
    // The batch is for tools: always JSON.
    report::make_json_printer(std::cout)->explanations(answers);
    return kExitOk;
  }
  std::string text = args.text;
  if (text.empty() || text == "-") {
    if (isatty(STDIN_FILENO) && text.empty()) {
      std::cerr << "tlsdoctor explain: give the error text, or pipe it in\n";
      return kExitOperational;
    }
    // Read at most 1 MiB, and stop reading there: a log piped in may be endless.
    constexpr size_t kMaxInput = 1 << 20;
    char buf[64 * 1024];
    while (text.size() < kMaxInput && std::cin.read(buf, sizeof buf).gcount() > 0)
      text.append(buf, static_cast<size_t>(std::cin.gcount()));
    if (text.size() > kMaxInput) text.resize(kMaxInput);
  }
  report::ExplainPrint answer{text, kb.explain(text)};
  args.output.printer()->explanation(answer);
  return answer.explanation.pattern ? kExitOk : kExitFinding;
}

}  // namespace tlsd::cli
