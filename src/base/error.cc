#include "base/error.h"

namespace tlsd {

std::string_view to_string(ErrorLayer layer) {
  switch (layer) {
    case ErrorLayer::transport: return "transport";
    case ErrorLayer::alert: return "alert";
    case ErrorLayer::decode: return "decode";
    case ErrorLayer::protocol: return "protocol";
    case ErrorLayer::usage: return "usage";
    case ErrorLayer::internal: return "internal";
  }
  return "internal";
}

}  // namespace tlsd
