#include "cli/demo_command.h"

#include <csignal>
#include <iostream>

#include "cli/demo_server.h"
#include "cli/exit_codes.h"
#include "cli/hello_command.h"
#include "cli/simulate_command.h"

namespace tlsd::cli {

void add_demo_command(CLI::App& app, DemoArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "Start a built-in local server shaped like the story's partner API (TLS 1.2, RSA key "
      "exchange only: TLS_RSA_WITH_AES_256_CBC_SHA256) and examine it. Needs no network.");
  cmd->add_flag("--serve", args.serve,
                "only run the server and print its address, until interrupted");
  cmd->add_flag("--json", args.json, "print JSON");
}

int run_demo(const DemoArgs& args) {
  auto server = DemoServer::start({});
  if (!server) {
    std::cerr << "tlsdoctor demo: " << server.error().message << "\n";
    return kExitOperational;
  }
  std::string address = "127.0.0.1:" + std::to_string((*server)->port());
  if (args.serve) {
    std::cout << address << std::endl;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    int sig;
    sigwait(&set, &sig);
    return kExitOk;
  }
  if (!args.json)
    std::cout << "The story: a partner API at " << (*server)->host_name()
              << " only speaks TLS 1.2 with RSA key exchange (TLS_RSA_WITH_AES_256_CBC_SHA256).\n"
              << "Go 1.22 stopped offering RSA key exchange, so Go clients now fail with\n"
              << "'remote error: tls: handshake failure'. Here is what the server really "
                 "chooses, from a hello offering every suite tlsdoctor knows:\n\n";
  HelloArgs hello;
  hello.target = address;
  hello.connection.sni = (*server)->host_name();
  hello.json = args.json;
  int status = run_hello(hello);
  if (args.json || status == kExitOperational) return status;

  std::cout << "\nAnd the Go clients of the story, replayed with their exact ClientHellos "
               "(one of them with the GODEBUG the Go 1.22 release notes suggest):\n\n";
  SimulateArgs simulate;
  simulate.target = address;
  simulate.connection.sni = (*server)->host_name();
  simulate.clients = "go-1.21,go-1.22,go-1.22+GODEBUG=tlsrsakex=1,go-1.26";
  // The demo succeeded when it showed the failures: those are its point.
  return run_simulate(simulate) == kExitOperational ? kExitOperational : kExitOk;
}

}  // namespace tlsd::cli
