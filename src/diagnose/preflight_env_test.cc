#include "diagnose/preflight_env.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace tlsd::diagnose {
namespace {

namespace fs = std::filesystem;

struct Module {
  fs::path dir;
  explicit Module(const std::string& go_mod) {
    char name[] = "/tmp/tlsdoctor-preflight-env-XXXXXX";
    dir = mkdtemp(name);
    std::ofstream(dir / "go.mod") << go_mod;
  }
  ~Module() { fs::remove_all(dir); }
};

CommandRunner local_go(const std::string& version) {
  return [version](const std::string&) { return version + "\n"; };
}

TEST(UpgradeEnvironment, NewToolchainKeepsTheGoLinesDefaults) {
  // go 1.21 in go.mod: on Go 1.22 the module still runs with tlsrsakex=1.
  unsetenv("GODEBUG");
  Module m("module example.com/app\n\ngo 1.21\n");
  auto up = upgrade_environment(m.dir.string(), "go-1.22", local_go("go1.21.13"));
  ASSERT_TRUE(up.ok()) << up.error().message;
  EXPECT_EQ(up->from, "go-1.21");
  EXPECT_EQ(up->to, "go-1.22+GODEBUG=tlsrsakex=1");
  EXPECT_FALSE(up->notes.empty());
}

TEST(UpgradeEnvironment, AnOldGoLineKeepsEveryLaterDefaultOff) {
  // go 1.22 on the Go 1.27 toolchain: the changes of 1.23 to 1.27 stay off.
  unsetenv("GODEBUG");
  Module m("module example.com/app\n\ngo 1.22\n");
  auto up = upgrade_environment(m.dir.string(), "go-1.27", local_go("go1.22.5"));
  ASSERT_TRUE(up.ok()) << up.error().message;
  EXPECT_EQ(up->from, "go-1.22");
  EXPECT_EQ(up->to, "go-1.27+GODEBUG=rsa1024min=0+GODEBUG=tlsmlkem=0+GODEBUG=tlssha1=1");
  // With the go line raised too, the new toolchain's defaults.
  Module raised("module example.com/app\n\ngo 1.27\n");
  auto both = upgrade_environment(raised.dir.string(), "go-1.27", local_go("go1.22.5"));
  ASSERT_TRUE(both.ok()) << both.error().message;
  EXPECT_EQ(both->to, "go-1.27");
}

TEST(UpgradeEnvironment, NegativeCases) {
  unsetenv("GODEBUG");
  Module m("module example.com/app\n\ngo 1.21\n");
  // Knobs on --to: the module's own settings decide them.
  EXPECT_FALSE(
      upgrade_environment(m.dir.string(), "go-1.22+GODEBUG=tlsrsakex=1", local_go("go1.21.1"))
          .ok());
  EXPECT_FALSE(upgrade_environment(m.dir.string(), "go-0.1", local_go("go1.21.1")).ok());
  EXPECT_FALSE(upgrade_environment("/nonexistent/tlsdoctor", "go-1.22", local_go("go1.21.1")).ok());
}

TEST(UpgradeEnvironment, OtherStacksTakeToAsGiven) {
  char name[] = "/tmp/tlsdoctor-preflight-cnf-XXXXXX";
  fs::path dir = mkdtemp(name);
  std::ofstream(dir / "openssl.cnf") << "[system_default_sect]\nMinProtocol = TLSv1.2\n";
  auto up = upgrade_environment((dir / "openssl.cnf").string(), "openssl-3.5",
                                local_go("OpenSSL 3.0.19 27 Jan 2026 (Library: x)"));
  fs::remove_all(dir);
  ASSERT_TRUE(up.ok()) << up.error().message;
  EXPECT_EQ(up->from.substr(0, 11), "openssl-3.0");
  EXPECT_EQ(up->to, "openssl-3.5");
  EXPECT_NE(up->notes.back().find("as given"), std::string::npos);
}

}  // namespace
}  // namespace tlsd::diagnose
