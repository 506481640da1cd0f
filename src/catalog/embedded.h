// The data/ files compiled into the binary (see cmake/embed.cmake).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace tlsd::catalog {

struct EmbeddedFile {
  std::string_view path;  // relative to the repository root, e.g. "data/iana/groups.csv"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();
std::string_view embedded_file(std::string_view path);  // empty when absent

// What was loaded from the embedded data. Invalid embedded data is a build
// defect (the unit tests load it): say which `what` and abort, loudly.
template <class T>
T embedded_or_abort(Result<T> loaded, const char* what) {
  if (!loaded) {
    std::fprintf(stderr, "tlsdoctor: embedded %s is invalid: %s\n", what,
                 loaded.error().message.c_str());
    std::abort();
  }
  return std::move(loaded).value();
}

}  // namespace tlsd::catalog
