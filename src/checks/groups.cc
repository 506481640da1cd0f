// Key-exchange groups the server accepts, with its preference.
//
// TLS 1.3: hellos with an empty key_share list, so the server must name its
// choice in a HelloRetryRequest without us guessing a share; each named group
// is removed and the rest offered again until refused. TLS 1.2: only ECDHE
// suites are offered, and the ServerKeyExchange names the curve. Either way
// the groups come out in the order the server chose them; one more hello with
// the found groups reversed tells whether that order is the server's.
#include "catalog/catalog.h"
#include "checks/checks.h"
#include "checks/parallel.h"
#include "wire/constants.h"
#include "wire/key_share.h"

namespace tlsd::checks {
namespace {

using catalog::Catalog;

std::vector<uint16_t> candidate_groups(uint16_t version) {
  std::vector<uint16_t> out;
  for (const catalog::Group& g : Catalog::get().groups()) {
    if (g.kind == "explicit") continue;
    if (version == wire::kTls13 ? g.key_share_bytes == 0 : g.kind != "ec") continue;
    if (version < wire::kTls13 && g.min_version > version) continue;
    out.push_back(g.code);
  }
  return out;
}

// Every catalogued ECDHE suite: the server takes one it has, so this check
// need not wait for the suite enumeration.
std::vector<uint16_t> ecdhe_suites() {
  std::vector<uint16_t> out;
  for (const catalog::CipherSuite& s : Catalog::get().suites())
    if (s.kx == catalog::KxKind::ecdhe && s.valid_for(wire::kTls12)) out.push_back(s.code);
  return out;
}

// The group the server chose for this hello, if it accepted.
std::optional<uint16_t> chosen_group(const probe::Observation& o, uint16_t version) {
  if (!accepted(o) || o.version != version) return std::nullopt;
  if (o.hrr_group) return o.hrr_group;
  if (o.key_exchange && o.key_exchange->group) return o.key_exchange->group;
  return std::nullopt;
}

asio::awaitable<void> enumerate(ScanContext& ctx, uint16_t version, std::vector<uint16_t> suites,
                                GroupList& out) {
  auto hello = [&](std::vector<uint16_t> groups) -> asio::awaitable<std::optional<uint16_t>> {
    probe::CraftOptions opts;
    opts.version = version;
    opts.groups = std::move(groups);
    if (version == wire::kTls13) opts.key_shares = std::vector<uint16_t>{};
    if (!suites.empty()) opts.suites = suites;
    co_return chosen_group(co_await ctx.hello(opts, /*on_chain=*/true), version);
  };
  std::vector<uint16_t> offered = candidate_groups(version);
  while (!offered.empty()) {
    std::optional<uint16_t> g = co_await hello(offered);
    if (!g || std::find(offered.begin(), offered.end(), *g) == offered.end()) break;
    out.groups.push_back(*g);
    std::erase(offered, *g);
  }
  if (out.groups.size() >= 2) {
    std::vector<uint16_t> reversed(out.groups.rbegin(), out.groups.rend());
    std::optional<uint16_t> g = co_await hello(reversed);
    if (g) out.server_order = *g == out.groups.front();
  }
}

}  // namespace

asio::awaitable<void> check_groups(ScanContext& ctx, ServerModel& model) {
  std::vector<Task> tasks;
  if (model.supports(wire::kTls13)) {
    model.groups[wire::kTls13];
    tasks.push_back([&]() -> asio::awaitable<void> {
      co_await enumerate(ctx, wire::kTls13, {}, model.groups[wire::kTls13]);
    });
  }
  GroupList tls12;
  if (model.supports(wire::kTls12))
    tasks.push_back([&]() -> asio::awaitable<void> {
      co_await enumerate(ctx, wire::kTls12, ecdhe_suites(), tls12);
    });
  co_await run_all(std::move(tasks));
  if (!tls12.groups.empty()) model.groups[wire::kTls12] = std::move(tls12);
}

}  // namespace tlsd::checks
