#include "catalog/csv.h"

#include <algorithm>

namespace tlsd::catalog {
namespace {

std::vector<std::string> split(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t comma = line.find(',', start);
    out.emplace_back(line.substr(start, comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

const std::string& CsvRow::operator[](std::string_view column) const {
  static const std::string empty;
  auto it = fields.find(column);
  return it == fields.end() ? empty : it->second;
}

Result<std::vector<CsvRow>> parse_csv(std::string_view file_name, std::string_view text,
                                      const std::vector<std::string>& required_columns) {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  int line_no = 0;
  auto fail = [&](const std::string& why) {
    return Error::internal(std::string(file_name) + ":" + std::to_string(line_no) + ": " + why);
  };
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> cells = split(line);
    if (header.empty()) {
      header = std::move(cells);
      for (const std::string& col : required_columns)
        if (std::find(header.begin(), header.end(), col) == header.end())
          return fail("missing column '" + col + "'");
      continue;
    }
    if (cells.size() != header.size())
      return fail("expected " + std::to_string(header.size()) + " fields, found " +
                  std::to_string(cells.size()));
    CsvRow row;
    row.line = line_no;
    for (size_t i = 0; i < cells.size(); ++i) row.fields[header[i]] = std::move(cells[i]);
    rows.push_back(std::move(row));
  }
  if (header.empty()) return fail("no header line");
  return rows;
}

}  // namespace tlsd::catalog
