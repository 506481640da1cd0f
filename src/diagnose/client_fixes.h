// Client-side fixes for one failure, as candidates: each carries the profile
// as the fix would make it, so the doctor can re-simulate it live before it
// shows it. The smallest fix comes first: one suite (or group) for one host,
// then the profile's own knobs from the most to the least scoped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/profiles.h"
#include "checks/server_model.h"
#include "probe/target.h"

namespace tlsd::diagnose {

struct Snippet {
  std::string label;     // "at run time", "in go.mod (Go 1.23+)", or ""
  std::string language;  // go, python, js, shell, c, csharp, text
  std::string code;
};

// What a client fix changes: one pinned suite, one pinned group, one of the
// profile's knobs, or a first fix plus a knob (`--json` prints the name).
enum class FixKind : uint8_t { pin_suite, pin_group, knob, combined };
std::string_view name(FixKind kind);
std::optional<FixKind> parse_fix_kind(std::string_view name);

struct FixCandidate {
  FixKind kind = FixKind::knob;
  std::string title;  // "pin TLS_RSA_WITH_AES_128_CBC_SHA (0x002f) for this host"
  std::string scope;  // "one tls.Config, used only for this host"
  int rank = 0;       // smaller = more scoped
  std::string cost;   // the one-line security cost
  std::string removed_in, source;
  std::vector<Snippet> snippets;
  catalog::Profile profile;          // the client with the fix applied
  std::vector<std::string> changes;  // the profile paths it changed: "hello.cipher_suites"
  // A combination: the specs of the candidates it was built from, so that a
  // step that helps as part of it is known by this link.
  std::vector<std::string> built_from;
};

std::vector<FixCandidate> client_fix_candidates(const catalog::Profile& profile,
                                                const catalog::FailureReason& reason,
                                                const checks::ServerModel& server,
                                                const probe::Target& target);

// A fix that needs a second step: `first` got further but failed again for a
// reason `knob` relaxes (Go's MinVersion gets a TLS 1.0 server's hello, whose
// SHA-1 signature then needs tlssha1=1). nullopt when the knob does not apply
// or would overwrite what `first` changed.
std::optional<FixCandidate> combine(const FixCandidate& first, const catalog::Knob& knob,
                                    const probe::Target& target);

// When nothing on the client can help: the stack has never implemented any
// suite (or group) the server accepts. Says which, plainly; nullopt otherwise
// or when the stack's implementation is not known.
std::optional<std::string> implementation_trap(const catalog::Profile& profile,
                                               const catalog::FailureReason& reason,
                                               const checks::ServerModel& server);

}  // namespace tlsd::diagnose
