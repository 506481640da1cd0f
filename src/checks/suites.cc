// Every accepted cipher suite per version, and the server's order.
//
// The candidates are the whole catalog for the version, not what a local
// library knows. One hello with the catalog reversed tells the server's order
// from the client's: a server that picks the same first suite as it did for
// the catalog in order (versions.cc) follows its own order.
//  - Server order: one chain offers everything left, takes the pick, repeats
//    until refused. The picks come out in the server's order, so the full
//    order costs no extra handshake: accepted + 1 connections in total
//    (nmap's merge sort needs about N log N more).
//  - Client order: the order is ours, so only the set matters; the catalog is
//    dealt into k chains that run in parallel: accepted + k connections in
//    about accepted/k round trips.
// A chain whose big hello gets no answer at all (servers that choke on long
// hellos) is split in two and retried.
#include <algorithm>

#include "catalog/catalog.h"
#include "checks/checks.h"
#include "checks/dh_groups.h"
#include "checks/parallel.h"
#include "checks/suite_weakness.h"
#include "wire/constants.h"

namespace tlsd::checks {
namespace {

using catalog::Catalog;
using catalog::CipherSuite;

// What servers usually prefer, as a number: deals likely suites evenly over
// chains, and sorts a client-order list for reading.
int preference_score(uint16_t code) {
  const CipherSuite* s = Catalog::get().suite(code);
  if (!s) return 0;
  int score = 0;
  if (s->tls13) score += 1000;
  if (s->aead) score += 400;
  if (s->kx == catalog::KxKind::ecdhe)
    score += 200;
  else if (s->kx == catalog::KxKind::dhe)
    score += 100;
  if (s->auth == "ECDSA") score += 20;
  score += std::min(s->enc_bits, 256) / 16;
  if (s->mac == "SHA384")
    score += 6;
  else if (s->mac == "SHA256")
    score += 4;
  if (is_broken(*s)) score -= 600;
  if (s->enc.find("CHACHA") != std::string::npos) score -= 5;  // usually after AES-GCM
  return score;
}

bool is_chacha(uint16_t code) {
  const CipherSuite* s = Catalog::get().suite(code);
  return s && s->enc.find("CHACHA20") != std::string::npos;
}

AcceptedSuite accepted_from(const probe::Observation& o) {
  AcceptedSuite a;
  a.code = o.cipher_suite;
  const CipherSuite* suite = Catalog::get().suite(a.code);
  a.weak = suite && is_weak(*suite);
  if (o.key_exchange) {
    a.kx_group = o.key_exchange->group;
    a.dh_bits = o.key_exchange->dh_bits;
    a.dh_group = o.key_exchange->dh_prime.empty() ? "" : dh_group_name(o.key_exchange->dh_prime);
  }
  if (o.hrr_group) a.kx_group = o.hrr_group;
  return a;
}

// Chain candidates so that the likely-accepted spread evenly over the chains.
std::vector<std::vector<uint16_t>> deal(std::vector<uint16_t> candidates, size_t k) {
  const Catalog& c = Catalog::get();
  std::stable_sort(candidates.begin(), candidates.end(), [&](uint16_t a, uint16_t b) {
    bool ka = !c.suite(a)->openssl_name.empty(), kb = !c.suite(b)->openssl_name.empty();
    if (ka != kb) return ka;
    return preference_score(a) > preference_score(b);
  });
  std::vector<std::vector<uint16_t>> chains(k);
  for (size_t i = 0; i < candidates.size(); ++i) chains[i % k].push_back(candidates[i]);
  return chains;
}

// Outside any coroutine on purpose: GCC 12 miscompiles initializer lists
// inside coroutine bodies ("array used as initializer").
std::vector<uint16_t> pair_of(uint16_t first, uint16_t second) { return {first, second}; }

bool no_answer(const probe::Observation& o) {
  return o.outcome == probe::Outcome::failed && o.error &&
         (o.error->code == TransportCode::timeout || o.error->code == TransportCode::closed ||
          o.error->code == TransportCode::reset);
}

// One chain: offer what is left, take the pick, repeat until refused.
// Returns whether the chain had to split, which breaks the order of its picks.
asio::awaitable<bool> run_chain(ScanContext& ctx, uint16_t version, std::vector<uint16_t> chain,
                                std::vector<AcceptedSuite>& found) {
  bool split = false;
  std::vector<std::vector<uint16_t>> work;
  work.push_back(std::move(chain));
  while (!work.empty()) {
    std::vector<uint16_t> offered = std::move(work.back());
    work.pop_back();
    while (!offered.empty()) {
      probe::CraftOptions opts;
      opts.version = version;
      opts.suites = offered;
      probe::Observation o = co_await ctx.hello(opts, /*on_chain=*/true);
      if (accepted(o) && o.version == version) {
        found.push_back(accepted_from(o));
        std::erase(offered, o.cipher_suite);
        continue;
      }
      if (no_answer(o) && offered.size() >= 16) {  // perhaps intolerant of long hellos
        std::vector<uint16_t> second(offered.begin() + static_cast<long>(offered.size() / 2),
                                     offered.end());
        offered.resize(offered.size() / 2);
        work.push_back(std::move(second));
        split = true;
        continue;
      }
      break;
    }
  }
  co_return split;
}

asio::awaitable<std::optional<uint16_t>> pick_from(ScanContext& ctx, uint16_t version,
                                                   std::vector<uint16_t> offer) {
  probe::CraftOptions opts;
  opts.version = version;
  opts.suites = std::move(offer);
  probe::Observation o = co_await ctx.hello(opts);
  if (accepted(o) && o.version == version) co_return o.cipher_suite;
  co_return std::nullopt;
}

asio::awaitable<void> enumerate_version(ScanContext& ctx, uint16_t version,
                                        const probe::Observation& first, SuiteList& out) {
  AcceptedSuite top = accepted_from(first);
  std::vector<uint16_t> candidates = catalog_suites_for(version);
  // The catalog reversed, ChaCha20 kept last so that a server that favours
  // ChaCha20 for clients who list it first does not look like client order.
  std::vector<uint16_t> reversed(candidates.rbegin(), candidates.rend());
  std::stable_partition(reversed.begin(), reversed.end(),
                        [](uint16_t code) { return !is_chacha(code); });
  std::optional<uint16_t> pick = co_await pick_from(ctx, version, std::move(reversed));
  bool server_order = pick && *pick == top.code;

  std::erase(candidates, top.code);
  // Enough chains to keep the connection limit busy, none of them tiny.
  size_t max_chains =
      std::max<size_t>(2, static_cast<size_t>(ctx.options().engine.max_connections) / 2);
  size_t k = server_order || version == wire::kTls13
                 ? 1
                 : std::clamp<size_t>(candidates.size() / 40, 1, max_chains);
  std::vector<std::vector<uint16_t>> chains = deal(std::move(candidates), k);
  std::vector<std::vector<AcceptedSuite>> found(k);
  bool split = false;
  std::vector<Task> tasks;
  for (size_t i = 0; i < k; ++i)
    tasks.push_back([&, i]() -> asio::awaitable<void> {
      if (co_await run_chain(ctx, version, chains[i], found[i])) split = true;
    });
  co_await run_all(std::move(tasks));

  out.suites.push_back(top);
  for (const auto& chain : found) out.suites.insert(out.suites.end(), chain.begin(), chain.end());
  if (out.suites.size() < 2 || !pick) {
    out.order_complete = out.suites.size() < 2;
    co_return;  // one suite has no order; no answer to the reversed offer, no verdict
  }
  out.server_order = server_order;
  if (!server_order) {
    // The order is the client's: list strongest first, as a reader expects.
    std::stable_sort(out.suites.begin(), out.suites.end(),
                     [](const AcceptedSuite& x, const AcceptedSuite& y) {
                       return preference_score(x.code) > preference_score(y.code);
                     });
    co_return;
  }
  // A single chain peeled the server's order exactly, unless it had to split.
  out.order_complete = !split;

  // ChaCha20 prioritisation: a server that honours a client's preference for
  // ChaCha20 (mobile clients without AES hardware) picks it when it comes first.
  auto chacha = std::find_if(out.suites.begin(), out.suites.end(),
                             [](const AcceptedSuite& a) { return is_chacha(a.code); });
  if (chacha != out.suites.end() && chacha != out.suites.begin()) {
    std::optional<uint16_t> p =
        co_await pick_from(ctx, version, pair_of(chacha->code, out.suites.front().code));
    if (p) out.chacha20_priority = *p == chacha->code;
  }
}

}  // namespace

asio::awaitable<void> check_suites(ScanContext& ctx, ServerModel& model,
                                   const FirstAnswers& first) {
  std::vector<Task> tasks;
  for (const VersionSupport& v : model.versions) {
    if (!v.supported || v.version == wire::kSsl2) continue;
    uint16_t version = v.version;
    model.suites[version];  // create before the tasks run: map nodes stay put
    tasks.push_back([&ctx, &model, &first, version]() -> asio::awaitable<void> {
      co_await enumerate_version(ctx, version, first.at(version), model.suites[version]);
    });
  }
  co_await run_all(std::move(tasks));
}

}  // namespace tlsd::checks
