#include "simulate/simulate.h"

#include <fmt/format.h>

#include <ctime>
#include <future>
#include <map>
#include <utility>

#include "base/time_format.h"
#include "catalog/catalog.h"
#include "checks/checks.h"
#include "checks/parallel.h"
#include "probe/client_auth_probe.h"
#include "probe/full_handshake.h"
#include "simulate/client_auth_facts.h"
#include "simulate/confirm.h"
#include "simulate/flight_checks.h"
#include "simulate/policy.h"
#include "simulate/profile_hello.h"
#include "wire/constants.h"

namespace tlsd::simulate {
namespace {

using catalog::Catalog;
using catalog::FailureReason;
using catalog::Profile;
using catalog::ReasonKind;

constexpr uint8_t kHandshakeFailure = 40, kProtocolVersion = 70, kInsufficientSecurity = 71,
                  kUnrecognizedName = 112, kCertificateRequired = 116;

struct Attempt {
  probe::Observation observation;
  bool followed_hello_retry = false;
  bool certificate_requested = false;
};

asio::awaitable<Attempt> replay(checks::ScanContext& ctx, const Profile& profile) {
  HelloRandomness randomness = HelloRandomness::fresh();
  Attempt out;
  auto hello = build_profile_hello(profile, ctx.options().target.sni, randomness);
  if (!hello) {
    out.observation.error = hello.error();
    co_return out;
  }
  probe::ProbeRequest req{ctx.options().target, hello->bytes, ctx.options().timeout};
  req.retry_hello = [&](const wire::ServerHello& hrr) {
    return build_retry_hello(*hello, hrr, randomness);
  };
  probe::ProbeResult result = co_await ctx.engine().probe(req);
  out.followed_hello_retry = result.hello_retry.has_value();
  out.certificate_requested = result.flight.certificate_request.has_value();
  out.observation = probe::observe(result, hello->offer);
  co_return out;
}

// Why a handshake_failure? Ask again with every suite (then with every group):
// if the server accepts then, the profile's list was the problem.
asio::awaitable<std::optional<ReasonKind>> diagnose_refusal(checks::ScanContext& ctx,
                                                            const Profile& profile) {
  const Catalog& cat = Catalog::get();
  Profile wider = profile;
  wider.hello.cipher_suites.clear();
  for (const catalog::CipherSuite& s : cat.suites())
    if (!s.scsv && s.max_version >= wider.hello.min_version() &&
        s.min_version <= wider.hello.max_version())
      wider.hello.cipher_suites.push_back(s.code);
  if (checks::accepted((co_await replay(ctx, wider)).observation))
    co_return ReasonKind::no_common_suite;
  Profile more_groups = profile;
  for (const catalog::Group& g : cat.groups())
    if (g.iana_registered && g.kind != "explicit" &&
        std::find(more_groups.hello.groups.begin(), more_groups.hello.groups.end(), g.code) ==
            more_groups.hello.groups.end())
      more_groups.hello.groups.push_back(g.code);
  if (checks::accepted((co_await replay(ctx, more_groups)).observation))
    co_return ReasonKind::no_common_group;
  co_return std::nullopt;
}

FailureReason reason_for_alert(uint8_t alert) {
  switch (alert) {
    case kProtocolVersion:
      return ReasonKind::no_common_version;
    case kUnrecognizedName:
      return ReasonKind::sni_required;
    case kCertificateRequired:
      return ReasonKind::client_cert_required;
  }
  return FailureReason::alert(alert);
}

// One complete handshake at the best version, answering a CertificateRequest
// with an empty Certificate and sending one request: the TLS 1.3 chain, and
// whether a client without a certificate gets an answer (TLS 1.3 servers
// refuse only after the handshake).
struct FullHandshakeFacts {
  probe::ClientAuthProbeResult result;
  std::vector<wire::CertificateSummary> chain;
  checks::TrustVerdict verdict;
  checks::ClientAuth auth;
};

FullHandshakeFacts tls13_facts(const checks::ScanOptions& options) {
  FullHandshakeFacts f;
  probe::ClientAuthProbeOptions o;
  o.timeout = options.timeout;
  o.read_timeout = std::chrono::milliseconds(1000);
  f.result = probe::probe_client_auth(options.target, o);
  f.auth = checks::decide_client_auth(f.result.version, f.result);
  if (f.result.chain.empty()) return f;
  for (const Bytes& der : f.result.chain)
    if (auto s = wire::summarize_certificate(der)) f.chain.push_back(std::move(*s));
  f.verdict = checks::verify_chain(
      f.result.chain, options.target.sni.empty() ? options.target.host : options.target.sni,
      options.ca_file);
  return f;
}

// Profiles write the variable parts of a client's message in angle brackets
// (<host>, <names>, ...): fill in what this handshake knows.
std::string fill(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [key, value] : vars)
    for (size_t at; (at = text.find(key)) != std::string::npos;)
      text.replace(at, key.size(), value);
  return text;
}

std::map<std::string, std::string> message_vars(const probe::Observation& o,
                                                const std::vector<wire::CertificateSummary>& chain,
                                                const checks::ScanOptions& options) {
  std::map<std::string, std::string> vars;
  vars["<host>"] = options.target.sni.empty() ? options.target.host : options.target.sni;
  vars["<now>"] = utc_rfc3339(static_cast<int64_t>(std::time(nullptr)));
  if (o.version) vars["<server version in hex, e.g. 301>"] = fmt::format("{:x}", o.version);
  if (!chain.empty()) {
    const wire::CertificateSummary& leaf = chain.front();
    std::string names;
    for (const std::string& san : leaf.subject_alt_names)
      if (san.starts_with("DNS:")) names += (names.empty() ? "" : ", ") + san.substr(4);
    vars["<names>"] = names;
    vars["<notAfter>"] = utc_rfc3339(leaf.not_after);
    vars["<N>"] = std::to_string(leaf.key_bits);
    size_t cn = leaf.issuer.find("CN=");
    vars["<issuer CN>"] = cn == std::string::npos
                              ? leaf.issuer
                              : leaf.issuer.substr(cn + 3, leaf.issuer.find(',', cn) - cn - 3);
  }
  return vars;
}

ClientResult judge(const Profile& profile, const Attempt& attempt,
                   std::optional<ReasonKind> diagnosis, const FullHandshakeFacts& full,
                   const std::optional<ClientAuthRefusal>& cert_refused,
                   const checks::ScanOptions& options) {
  ClientResult r;
  r.client = profile.spec();
  r.display = profile.display;
  r.followed_hello_retry = attempt.followed_hello_retry;
  const probe::Observation& o = attempt.observation;
  bool tls13 = o.version >= wire::kTls13;
  std::vector<wire::CertificateSummary> chain = tls13 ? full.chain : o.certificates;
  auto fail = [&](FailureReason reason, std::string detail) {
    r.ok = false;
    // A client prints the alert it received when there was one.
    std::string words;
    if (o.outcome == probe::Outcome::alert && o.alert)
      words = profile.error_text(FailureReason::alert(*o.alert));
    if (words.empty() || words == profile.error_text("alert")) {
      std::string specific = profile.error_text(reason);
      if (!specific.empty()) words = specific;
    }
    r.error = fill(words, message_vars(o, chain, options));
    r.reason = reason;
    r.detail = std::move(detail);
    return r;
  };
  if (o.outcome == probe::Outcome::alert && o.alert) {
    std::string alert = "the server answered with alert " + Catalog::get().alert_name(*o.alert);
    if (diagnosis == ReasonKind::no_common_suite)
      return fail(*diagnosis, alert + ": it accepts none of the client's " +
                                  std::to_string(profile.hello.cipher_suites.size()) +
                                  " cipher suites (it does accept others)");
    if (diagnosis == ReasonKind::no_common_group)
      return fail(*diagnosis,
                  alert + ": it accepts none of the client's groups (it does accept others)");
    return fail(reason_for_alert(*o.alert), alert);
  }
  if (o.outcome == probe::Outcome::hello_retry_request)
    return fail(ReasonKind::protocol_error, "a second HelloRetryRequest");
  if (o.error && o.error->code == ProtocolCode::unoffered_version)
    return fail(ReasonKind::no_common_version, o.error->message);  // a legacy server answered lower
  if (!checks::accepted(o)) {
    bool transport = o.error && o.error->layer == ErrorLayer::transport;
    return fail(transport ? ReasonKind::transport : ReasonKind::protocol_error,
                o.error ? o.error->message : "no ServerHello");
  }
  r.version = o.version;
  r.cipher_suite = o.cipher_suite;
  if (o.key_exchange) {
    r.group = o.key_exchange->group;
    r.dh_bits = o.key_exchange->dh_bits;
  }
  checks::TrustVerdict verdict =
      tls13 ? full.verdict
            : checks::verify_chain(
                  o.raw_certificates,
                  options.target.sni.empty() ? options.target.host : options.target.sni,
                  options.ca_file);
  if (!chain.empty()) {
    r.key_type = chain.front().key_type;
    r.key_bits = chain.front().key_bits;
  }
  if (auto broken = flight_violation(profile, o, attempt.followed_hello_retry))
    return fail(broken->reason, broken->detail);
  if (auto failure = apply_policy(profile.policy, profile.hello, o, chain, verdict,
                                  cert_refused.has_value())) {
    if (failure->reason == ReasonKind::client_cert_required && cert_refused)
      return fail(cert_refused->reason, cert_refused->detail);
    return fail(failure->reason, failure->detail);
  }
  if (o.error)
    return fail(ReasonKind::protocol_error, o.error->message);  // broke off after its hello
  r.ok = true;
  return r;
}

}  // namespace

std::string negotiated(const ClientResult& r) {
  const Catalog& cat = Catalog::get();
  std::string out =
      fmt::format("{} {}", cat.version_name(r.version), cat.suite_name(r.cipher_suite));
  if (r.group) out += fmt::format(" {}", cat.group_name(*r.group));
  return out;
}

SimulationReport simulate(const checks::ScanOptions& options,
                          const std::vector<Profile>& profiles) {
  return Simulator(options).run(profiles);
}

struct Simulator::Shared {
  std::shared_future<FullHandshakeFacts> facts;
  ClientAuthFacts client_auth;
  size_t client_auth_counted = 0;
  std::map<uint16_t, probe::FullHandshakeResult> confirmed;  // version -> its real handshake
  bool facts_counted = false;  // its connections go into the first report only
};

Simulator::Simulator(const checks::ScanOptions& options)
    : options_(options), shared_(std::make_unique<Shared>()) {}

Simulator::~Simulator() = default;

SimulationReport Simulator::run(const std::vector<Profile>& profiles) {
  const checks::ScanOptions& options = options_;
  SimulationReport report;
  report.target = options.target.display();
  report.sni = options.target.sni;
  report.route = options.target.route;
  auto start = std::chrono::steady_clock::now();
  // TLS 1.3 certificates are encrypted: one real handshake shows the chain,
  // started beside the first batch's hellos.
  if (!shared_->facts.valid())
    shared_->facts = std::async(std::launch::async, tls13_facts, std::cref(options)).share();
  asio::io_context io;
  probe::Engine engine(io, options.engine);
  checks::ScanContext ctx(engine, options);
  std::vector<Attempt> attempts(profiles.size());
  std::vector<std::optional<ReasonKind>> diagnoses(profiles.size());
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        std::vector<checks::Task> tasks;
        for (size_t i = 0; i < profiles.size(); ++i)
          tasks.push_back([&, i]() -> asio::awaitable<void> {
            attempts[i] = co_await replay(ctx, profiles[i]);
            const probe::Observation& o = attempts[i].observation;
            if (o.outcome == probe::Outcome::alert && o.alert &&
                (*o.alert == kHandshakeFailure || *o.alert == kInsufficientSecurity))
              diagnoses[i] = co_await diagnose_refusal(ctx, profiles[i]);
          });
        co_await checks::run_all(std::move(tasks));
      },
      asio::detached);
  io.run();
  const FullHandshakeFacts& facts = shared_->facts.get();
  if (facts.result.version) shared_->client_auth.add(facts.auth);

  bool any_answer = false;
  for (size_t i = 0; i < profiles.size(); ++i) {
    const probe::Observation& seen = attempts[i].observation;
    bool requested = seen.version >= wire::kTls13 || attempts[i].certificate_requested;
    // The server's own answer to an empty Certificate at this version, when it asked.
    std::optional<ClientAuthRefusal> cert_required;
    if (checks::accepted(seen) && requested && seen.version)
      cert_required = shared_->client_auth.refusal(options, profiles[i].spec(), seen.version,
                                                   attempts[i].certificate_requested);
    report.results.push_back(
        judge(profiles[i], attempts[i], diagnoses[i], facts, cert_required, options));
    const probe::Observation& o = attempts[i].observation;
    any_answer = any_answer || o.outcome != probe::Outcome::failed ||
                 !(o.error && (o.error->layer == ErrorLayer::transport ||
                               o.error->code == ProtocolCode::not_tls));
  }
  if (!any_answer && !attempts.empty()) report.error = attempts.front().observation.error;
  report.connections = engine.connections();
  // One real handshake per version some client is predicted to reach (the
  // TLS 1.3 one is usually the facts' handshake already).
  std::vector<std::pair<uint16_t, std::future<probe::FullHandshakeResult>>> pending;
  for (uint16_t version : versions_to_confirm(report.results)) {
    if (shared_->confirmed.count(version)) continue;
    if (!facts.result.error && facts.result.version == version) {
      probe::FullHandshakeResult done;  // the facts' handshake completed at this version
      done.version = version;
      shared_->confirmed[version] = std::move(done);
      continue;
    }
    pending.emplace_back(version, std::async(std::launch::async, confirming_handshake,
                                             std::cref(options.target), options.timeout, version));
  }
  for (auto& [version, result] : pending) {
    probe::FullHandshakeResult real = result.get();
    report.connections += real.connections;
    shared_->confirmed[version] = std::move(real);
  }
  apply_confirmations(report.results, profiles, shared_->confirmed);
  if (!std::exchange(shared_->facts_counted, true)) report.connections += facts.result.connections;
  report.connections +=
      shared_->client_auth.connections() -
      std::exchange(shared_->client_auth_counted, shared_->client_auth.connections());
  report.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace tlsd::simulate
