#include "wire/alert.h"

#include "wire/reader.h"

namespace tlsd::wire {

Result<Alert> parse_alert(ByteView fragment) {
  Reader r(fragment);
  Alert a;
  if (!r.u8(a.level) || !r.u8(a.description) || !r.empty())
    return Error::decode("alert record is not exactly two bytes");
  if (a.level != 1 && a.level != 2)
    return Error::decode("alert level " + std::to_string(a.level) + " is neither 1 nor 2");
  return a;
}

}  // namespace tlsd::wire
