#include "cli/demo_command.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "catalog/profiles.h"
#include "cli/connection_args.h"
#include "cli/demo_server.h"
#include "cli/exit_codes.h"
#include "diagnose/doctor.h"
#include "report/doctor_report.h"

namespace tlsd::cli {
namespace {

// The demo's certificates are self-signed: the doctor is told to trust them,
// as a client would be given the partner's CA.
class TrustFile {
 public:
  explicit TrustFile(const std::string& pem) {
    char name[] = "/tmp/tlsdoctor-demo-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) return;
    close(fd);
    std::ofstream(name) << pem;
    path_ = name;
  }
  ~TrustFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// One act of the story: a server shaped by `config`, and the doctor on it
// for the story's client.
Result<diagnose::DoctorReport> act(const DemoServerConfig& config) {
  auto server = DemoServer::start(config);
  if (!server) return server.error();
  TrustFile trust((*server)->certificate_pem());
  ConnectionArgs connection;
  connection.sni = (*server)->host_name();
  connection.ca_file = trust.path();
  auto options = make_scan_options("127.0.0.1:" + std::to_string((*server)->port()), connection);
  auto client = catalog::ProfileSet::get().resolve("go-1.22");
  if (!options) return options.error();
  if (!client) return client.error();
  diagnose::DoctorReport report = diagnose::run_doctor(*options, {*client});
  if (report.error) return *report.error;
  return report;
}

}  // namespace

void add_demo_command(CLI::App& app, DemoArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "The story on built-in local servers, no network needed: a partner API that only speaks "
      "TLS 1.2 with TLS_RSA_WITH_AES_256_CBC_SHA256, and the doctor on it for a Go 1.22 client; "
      "then the same API with a second suite Go does implement.");
  cmd->add_flag("--serve", args.serve,
                "only run the story's server and print its address, until interrupted");
  add_output_options(
      cmd, args.output,
      "print JSON: {\"schema\": \"tlsdoctor.demo/1\", \"acts\": [the doctor's document per act]}");
}

int run_demo(const DemoArgs& args) {
  if (args.serve) {
    auto server = DemoServer::start({});
    if (!server) {
      return operational_error("demo", server.error());
    }
    std::cout << "127.0.0.1:" << (*server)->port() << std::endl;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    int sig;
    sigwait(&set, &sig);
    return kExitOk;
  }
  const char* acts[][2] = {
      {"AES256-SHA256",
       "The story: a team upgrades to Go 1.22 and its calls to a partner API start failing with\n"
       "'remote error: tls: handshake failure'. The partner's server (here, on loopback) only\n"
       "speaks TLS 1.2 with TLS_RSA_WITH_AES_256_CBC_SHA256. The doctor, for go-1.22:\n\n"},
      {"AES256-SHA256:AES128-SHA",
       "\nNow the partner also accepts TLS_RSA_WITH_AES_128_CBC_SHA, a suite Go implements. "
       "The doctor again:\n\n"}};
  auto printer = args.output.printer();
  for (const auto& [ciphers, story] : acts) {
    auto report = act({ciphers, "api.partner.example"});
    if (!report) {
      return operational_error("demo", report.error());
    }
    printer->demo_act(story, {*report, std::nullopt, "nginx"});
  }
  printer->demo_end();
  // The demo succeeded when it showed the failures: they are its point.
  return kExitOk;
}

}  // namespace tlsd::cli
