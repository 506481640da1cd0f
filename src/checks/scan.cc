// The scan: the checks of the registry (registry.h), in two stages. The
// versions run first; the checks that need them then run side by side, all
// through one engine that holds the per-host connection limit.
#include "checks/scan.h"

#include <fmt/format.h>

#include <future>

#include "checks/checks.h"
#include "checks/parallel.h"
#include "checks/registry.h"
#include "probe/dialog_error.h"
#include "probe/full_handshake.h"
#include "wire/constants.h"

namespace tlsd::checks {
namespace {

struct FullHandshakes {
  probe::FullHandshakeResult best;        // for the TLS 1.3 certificate and tickets
  probe::FullHandshakeResult session_id;  // TLS <= 1.2, tickets off: session-id resumption
};

// OpenSSL's blocking handshakes run on threads of their own beside the engine,
// the two of them side by side.
FullHandshakes run_full_handshakes(const ScanOptions& options) {
  probe::FullHandshakeOptions ids{options.timeout, wire::kTls12, false, true};
  auto session_id =
      std::async(std::launch::async, [&] { return probe::full_handshake(options.target, ids); });
  FullHandshakes out;
  out.best = probe::full_handshake(options.target, {options.timeout, 0, true, false});
  out.session_id = session_id.get();
  return out;
}

void fold_full_handshakes(const FullHandshakes& fh, const ScanOptions& options,
                          ServerModel& model) {
  if (!fh.best.error) {
    add_chain(model, options,
              fh.best.version == wire::kTls13 ? "TLS 1.3 handshake" : "full handshake",
              fh.best.chain);
    model.extensions.ticket_lifetime_hint = fh.best.ticket_lifetime_hint;
    if (fh.best.ticket_lifetime_hint) model.extensions.session_ticket = true;
  } else {
    model.notes.push_back("full handshake through OpenSSL failed: " + fh.best.error->message);
  }
  if (!fh.session_id.error) model.extensions.session_id_resumption = fh.session_id.resumed;
}

// The checks that need the versions, as the user's --only selects them.
std::vector<Task> stage_two(ScanContext& ctx, ServerModel& model, FirstAnswers& first) {
  std::vector<Task> tasks;
  for (const CheckRow& row : check_registry())
    if (row.needs == Needs::versions && ctx.options().wants(row.id))
      tasks.push_back([&ctx, &model, &first, run = row.run]() { return run(ctx, model, first); });
  return tasks;
}

}  // namespace

ServerModel scan(const ScanOptions& options, const Progress& progress) {
  ServerModel model;
  model.target = options.target.display();
  model.sni = options.target.sni;
  model.route = options.target.route;
  auto start = std::chrono::steady_clock::now();
  auto say = [&](std::string_view step) {
    if (progress) progress(step);
  };

  // The certificates check has a blocking half: OpenSSL's full handshakes
  // (the TLS 1.3 chain, tickets, resumption) on threads beside the engine.
  std::future<FullHandshakes> full;
  if (options.certificates && options.wants(CheckId::certificates))
    full = std::async(std::launch::async, run_full_handshakes, std::cref(options));

  asio::io_context io;
  probe::Engine engine(io, options.engine);
  ScanContext ctx(engine, options);
  FirstAnswers first;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        // 1. Which versions answer: every later step builds on this.
        say("protocol versions");
        for (const CheckRow& row : check_registry())
          if (row.needs == Needs::nothing) co_await row.run(ctx, model, first);
        if (!model.max_version()) co_return;  // nothing to enumerate
        // 2. Everything else only needs the versions: suites, groups, signature
        //    schemes, extensions and certificate chains run side by side, all
        //    through the one engine and its connection limit.
        say("cipher suites, groups, signatures, extensions, certificates");
        co_await run_all(stage_two(ctx, model, first));
      },
      [&](std::exception_ptr e) {
        if (e) model.error = Error::internal("scan aborted");
      });
  io.run();

  if (const probe::RateLimitSigns& limit = engine.rate_limit(); limit.suspected)
    model.notes.push_back(fmt::format(
        "the server began dropping connections after answering {} (a connection-rate limit?): "
        "{} probes were retried after a back-off, {} still dropped: results may be incomplete",
        limit.answered_before, limit.retried, limit.lost));
  size_t full_connections = 0;
  if (full.valid()) {
    FullHandshakes fh = full.get();
    full_connections = fh.best.connections + fh.session_id.connections;
    fold_full_handshakes(fh, options, model);
  }
  if (!model.max_version() && !model.error) {
    // Nothing answered as TLS: say why, from the most telling version probe.
    const probe::Observation& o =
        first.count(wire::kTls12) ? first[wire::kTls12] : first[wire::kTls13];
    if (o.error && (o.error->layer == ErrorLayer::transport ||
                    o.error->code == ProtocolCode::not_tls || probe::is_dialog_error(*o.error)))
      model.error = o.error;
  }
  derive_findings(model);
  model.connections = engine.connections() + full_connections;
  for (const ClientAuth& ca : model.client_auth) model.connections += ca.connections;
  model.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return model;
}

}  // namespace tlsd::checks
