// The data/ files compiled into the binary (see cmake/embed.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace tlsd::catalog {

struct EmbeddedFile {
  std::string_view path;  // relative to the repository root, e.g. "data/iana/groups.csv"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();
std::string_view embedded_file(std::string_view path);  // empty when absent

}  // namespace tlsd::catalog
