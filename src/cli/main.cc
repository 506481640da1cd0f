// tlsdoctor: find out why a TLS handshake fails, and what fixes it.
#include <CLI/CLI.hpp>
#include <csignal>
#include <exception>
#include <iostream>

#include "base/text_safety.h"
#include "cli/demo_command.h"
#include "cli/diff_command.h"
#include "cli/doctor_command.h"
#include "cli/exit_codes.h"
#include "cli/explain_command.h"
#include "cli/get_command.h"
#include "cli/hello_command.h"
#include "cli/preflight_command.h"
#include "cli/scan_command.h"
#include "cli/simulate_command.h"

#ifndef TLSD_VERSION
#define TLSD_VERSION "dev"
#endif

namespace {

int run(int argc, char** argv) {
  using namespace tlsd::cli;
  CLI::App app{
      "tlsdoctor: why does this TLS handshake fail, and what is the smallest fix?\n"
      "It speaks raw ClientHellos to learn what a server really accepts."};
  app.set_version_flag("--version", TLSD_VERSION);
  app.require_subcommand(0, 1);
  app.footer(
      "Examples:\n"
      "  tlsdoctor api.example.com                  which current clients fail, why, and the "
      "fixes\n"
      "  tlsdoctor api.example.com --client go-1.22 one client's verdict, its fixes verified live\n"
      "  tlsdoctor api.example.com --client-from .  the client your Go module (go.mod, GODEBUG) "
      "builds\n"
      "  tlsdoctor explain 'remote error: tls: handshake failure'\n"
      "  tlsdoctor get https://api.example.com/ --tls-max 1.2 --ciphers AES128-SHA\n"
      "  tlsdoctor demo                             the story, on a built-in local server\n"
      "  tlsdoctor preflight --from go-1.21 --to go-1.22 --targets-file endpoints.txt\n"
      "  tlsdoctor smtp://mx.example.com            STARTTLS first (also imap://, pop3://, "
      "ftp://,\n"
      "                                             ldap://, xmpp://, postgres://, mysql://)\n"
      "  tlsdoctor scan api.example.com --proxy http://proxy.corp:3128   through a CONNECT proxy\n"
      "                                             (default: HTTPS_PROXY/ALL_PROXY, NO_PROXY)\n"
      "Run 'tlsdoctor COMMAND --help' for the options and examples of a command.\n"
      "Exit status: 0 ok, 1 a finding or failure, 2 usage or operational error.");

  // With no command, the doctor runs on HOST.
  DoctorArgs doctor;
  add_doctor_options(app, doctor);

  // Each command registers its flags; exactly one runs.
  HelloArgs hello;
  add_hello_command(app, hello);
  ScanArgs scan;
  add_scan_command(app, scan);
  SimulateArgs simulate;
  add_simulate_command(app, simulate);
  ProfilesArgs profiles;
  add_profiles_command(app, profiles);
  ExplainArgs explain;
  add_explain_command(app, explain);
  GetArgs get;
  add_get_command(app, get);
  DemoArgs demo;
  add_demo_command(app, demo);
  PreflightArgs preflight;
  add_preflight_command(app, preflight);
  DiffArgs diff;
  add_diff_command(app, diff);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitOperational;
  }
  if (app.got_subcommand("hello")) return run_hello(hello);
  if (app.got_subcommand("scan")) return run_scan(scan);
  if (app.got_subcommand("simulate")) return run_simulate(simulate);
  if (app.got_subcommand("profiles")) return run_profiles(profiles);
  if (app.got_subcommand("explain")) return run_explain(explain);
  if (app.got_subcommand("get")) return run_get(get);
  if (app.got_subcommand("demo")) return run_demo(demo);
  if (app.got_subcommand("preflight")) return run_preflight(preflight);
  if (app.got_subcommand("diff")) return run_diff(diff);
  if (!doctor.target.empty()) return run_doctor(doctor);
  std::cerr << app.help();
  return kExitOperational;
}

}  // namespace

int main(int argc, char** argv) {
  // A peer that closes first must not kill the process in the middle of a
  // write (OpenSSL sends its alerts on its own): EPIPE is an error like any other.
  std::signal(SIGPIPE, SIG_IGN);
  // Whatever escapes a command is reported, with the documented status, never an abort.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    return tlsd::cli::operational_error(
        "", tlsd::Error::internal("internal error: " + tlsd::display_safe(e.what())));
  } catch (...) {
    return tlsd::cli::operational_error("", tlsd::Error::internal("internal error"));
  }
}
