// The data files' dialect: a header line, comma-separated fields, never
// quoted; '#' lines are comments. Strict: a row with the wrong field count is
// an error naming file and line, so a bad edit fails the build's tests.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace tlsd::catalog {

struct CsvRow {
  int line = 0;
  std::map<std::string, std::string, std::less<>> fields;
  const std::string& operator[](std::string_view column) const;
};

Result<std::vector<CsvRow>> parse_csv(std::string_view file_name, std::string_view text,
                                      const std::vector<std::string>& required_columns);

}  // namespace tlsd::catalog
