#include "cli/output_args.h"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/progress_line.h"

namespace tlsd::cli {
namespace {

TEST(OutputArgs, FormatFromFlags) {
  OutputArgs text;
  EXPECT_TRUE(text.text());
  EXPECT_EQ(text.format(), report::OutputFormat::text);
  OutputArgs json;
  json.json = true;
  EXPECT_FALSE(json.text());
  EXPECT_EQ(json.format(), report::OutputFormat::json);
  OutputArgs jsonl;
  jsonl.jsonl = true;
  EXPECT_EQ(jsonl.format(), report::OutputFormat::jsonl);
}

TEST(OutputArgs, JsonHelpNamesTheSchema) {
  EXPECT_EQ(json_help("tlsdoctor.scan/1"),
            "print JSON (schema tlsdoctor.scan/1, see docs/json.md)");
  EXPECT_EQ(json_help("tlsdoctor.explain/1", false), "print JSON (schema tlsdoctor.explain/1)");
}

TEST(OutputArgs, JsonlOnlyWhereTheCommandStreams) {
  CLI::App app;
  OutputArgs streams, single;
  add_output_options(app.add_subcommand("scan"), streams, "j", "jl");
  add_output_options(app.add_subcommand("hello"), single, "j");
  app.parse(std::vector<std::string>{"--jsonl", "scan"});  // CLI11 parses a reversed vector
  EXPECT_TRUE(streams.jsonl);
  CLI::App other;
  OutputArgs args;
  add_output_options(other.add_subcommand("hello"), args, "j");
  EXPECT_THROW(other.parse(std::vector<std::string>{"--jsonl", "hello"}), CLI::ParseError);
}

TEST(ProgressLine, SilentWhenStderrIsNoTerminal) {
  std::ostringstream captured;
  std::streambuf* old = std::cerr.rdbuf(captured.rdbuf());
  {
    ProgressLine progress(true);  // ctest's stderr is a pipe or a file
    progress.show("scanning");
    progress.clear();
    EXPECT_FALSE(progress.enabled());
  }
  ProgressLine unwanted(false);
  EXPECT_FALSE(unwanted.enabled());
  std::cerr.rdbuf(old);
  EXPECT_EQ(captured.str(), "");
}

}  // namespace
}  // namespace tlsd::cli
