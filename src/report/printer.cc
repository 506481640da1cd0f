#include "report/printer.h"

namespace tlsd::report {

std::unique_ptr<Printer> make_printer(OutputFormat format, std::ostream& out, const Style& style) {
  switch (format) {
    case OutputFormat::text:
      return make_text_printer(out, style);
    case OutputFormat::json:
      return make_json_printer(out);
    case OutputFormat::jsonl:
      return make_jsonl_printer(out);
  }
  return make_text_printer(out, style);
}

}  // namespace tlsd::report
