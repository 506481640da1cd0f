// Runs coroutines side by side and resumes when all are done: how a check
// fans out independent probes while the engine keeps the connection limit.
#pragma once

#include <asio.hpp>
#include <functional>
#include <memory>
#include <vector>

namespace tlsd::checks {

using Task = std::function<asio::awaitable<void>()>;

inline asio::awaitable<void> run_all(std::vector<Task> tasks) {
  if (tasks.empty()) co_return;
  auto ex = co_await asio::this_coro::executor;
  struct State {
    explicit State(asio::any_io_executor e, size_t n)
        : left(n), done(e, asio::steady_timer::time_point::max()) {}
    size_t left;
    asio::steady_timer done;
    std::exception_ptr first_error;
  };
  auto state = std::make_shared<State>(ex, tasks.size());
  for (Task& task : tasks)
    asio::co_spawn(ex, std::move(task), [state](std::exception_ptr e) {
      if (e && !state->first_error) state->first_error = e;
      if (--state->left == 0) state->done.cancel();
    });
  if (state->left > 0) {
    std::error_code ec;
    co_await state->done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  if (state->first_error) std::rethrow_exception(state->first_error);
}

}  // namespace tlsd::checks
