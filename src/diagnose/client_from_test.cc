#include "diagnose/client_from.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace tlsd::diagnose {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/tlsdoctor-client-from-XXXXXX";
    path_ = mkdtemp(name);
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel) << text;
    return path_ / rel;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

CommandRunner answers(const std::string& text) {
  return [text](const std::string&) { return text; };
}

TEST(ClientFrom, GoLineBeforeTheChangeRestoresTheOldDefault) {
  EXPECT_EQ(effective_godebug("1.26", "1.21", {}),
            (std::vector<std::string>{"tlsrsakex=1", "tls3des=1", "rsa1024min=0", "tlsmlkem=0",
                                      "tlssha1=1", "tlssecpmlkem=0"}));
  EXPECT_TRUE(effective_godebug("1.26", "1.26", {}).empty());
  // A toolchain older than the setting has the old behaviour natively: no knob.
  EXPECT_TRUE(effective_godebug("1.21", "1.18", {}).empty());
}

TEST(ClientFrom, LaterOverridesWin) {
  EXPECT_EQ(effective_godebug("1.22", "1.21", {"tlsrsakex=0"}), std::vector<std::string>{});
  EXPECT_EQ(effective_godebug("1.22", "1.22", {"tlsrsakex=1", "x509sha1=1"}),
            (std::vector<std::string>{"tlsrsakex=1", "x509sha1=1"}));
  EXPECT_EQ(effective_godebug("1.22", "1.22", {"default=go1.21"}),
            std::vector<std::string>{"tlsrsakex=1"});
  EXPECT_TRUE(effective_godebug("1.22", "1.22", {"garbage"}).empty());
}

TEST(ClientFrom, GoModuleDirectory) {
  unsetenv("GODEBUG");
  TempDir dir;
  dir.write("go.mod", "module example.com/app\n\ngo 1.21 // pinned\n");
  dir.write("main.go", "//go:debug x509sha1=1\npackage main\n");
  auto local = profile_from_environment(dir.path().string(), answers("go1.22.5\n"));
  ASSERT_TRUE(local.ok()) << local.error().message;
  EXPECT_EQ(local->spec, "go-1.22+GODEBUG=tlsrsakex=1+GODEBUG=x509sha1=1");
  EXPECT_NE(local->notes[0].find("toolchain go1.22.5"), std::string::npos);
}

TEST(ClientFrom, CombinedKnobIsPreferredOverOneByOne) {
  unsetenv("GODEBUG");
  TempDir dir;
  dir.write("go.mod", "module m\ngo 1.21\ntoolchain go1.23.4\n");
  auto local = profile_from_environment((dir.path() / "go.mod").string(), answers("go1.22.0"));
  ASSERT_TRUE(local.ok()) << local.error().message;
  // go.mod's toolchain line is newer than the local go: Go switches to it.
  EXPECT_EQ(local->spec.rfind("go-1.23+GODEBUG=tlsrsakex=1,tls3des=1", 0), 0u) << local->spec;
}

TEST(ClientFrom, GodebugBlockAndEnvironment) {
  TempDir dir;
  dir.write("go.mod", "module m\ngo 1.26\ngodebug (\n\ttlsrsakex=1\n)\n");
  setenv("GODEBUG", "tlsrsakex=0", 1);
  auto local = profile_from_environment(dir.path().string(), answers("go1.26.8"));
  unsetenv("GODEBUG");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->spec, "go-1.26");  // the environment has the last word
}

TEST(ClientFrom, ManyUnknownSettingsAreNotedNotSearched) {
  TempDir dir;
  dir.write("go.mod", "module m\ngo 1.26\n");
  std::string env = "tlsrsakex=1";
  for (int i = 0; i < 64; ++i) env += ",setting" + std::to_string(i) + "=1";
  setenv("GODEBUG", env.c_str(), 1);
  auto local = profile_from_environment(dir.path().string(), answers("go1.26.8"));
  unsetenv("GODEBUG");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->spec, "go-1.26+GODEBUG=tlsrsakex=1");
  EXPECT_EQ(local->notes.back(),
            "GODEBUG=setting63=1 is set, but go-1.26 has no such knob: not modelled");
}

TEST(ClientFrom, KnobsThatWouldOverwriteEachOtherAreNotStacked) {
  unsetenv("GODEBUG");
  TempDir dir;
  dir.write("go.mod", "module m\ngo 1.21\n");
  auto local = profile_from_environment(dir.path().string(), answers("go1.26.8"));
  ASSERT_TRUE(local.ok());
  // tlsmlkem=0 and tlssecpmlkem=0 both replace the groups: only the first is applied.
  EXPECT_EQ(local->spec,
            "go-1.26+GODEBUG=tlsrsakex=1,tls3des=1+GODEBUG=rsa1024min=0+GODEBUG=tlsmlkem=0+GODEBUG="
            "tlssha1=1");
  EXPECT_NE(std::find(local->notes.begin(), local->notes.end(),
                      "GODEBUG=tlssecpmlkem=0 also sets hello.groups, as an applied knob does: not "
                      "modelled together"),
            local->notes.end());
}

TEST(ClientFrom, OpensslCnf) {
  TempDir dir;
  auto cnf =
      dir.write("openssl.cnf",
                "[system_default_sect]\nMinProtocol = TLSv1.2\nCipherString = DEFAULT:@SECLEVEL=1\n"
                "Options = UnsafeLegacyServerConnect # for the old partner\n");
  auto local =
      profile_from_environment(cnf.string(), answers("OpenSSL 3.0.19 27 Jan 2026 (Library: x)\n"));
  ASSERT_TRUE(local.ok()) << local.error().message;
  EXPECT_EQ(local->spec, "openssl-3.0+Options = UnsafeLegacyServerConnect");
  EXPECT_EQ(
      local->notes.back(),
      "CipherString = DEFAULT@SECLEVEL=1 is set, but openssl-3.0 has no such knob: not modelled");
  EXPECT_FALSE(profile_from_environment(cnf.string(), answers("")).ok());  // no openssl
}

TEST(ClientFrom, JdkHome) {
  TempDir dir;
  dir.write("release", "JAVA_VERSION=\"17.0.15\"\n");
  dir.write("conf/security/java.security",
            "jdk.tls.disabledAlgorithms=SSLv3, DTLSv1.0, RC4, DES, \\\n    MD5withRSA, DH keySize "
            "< 1024, EC keySize < 224, anon, NULL, ECDH\n");
  auto local = profile_from_environment(dir.path().string());
  ASSERT_TRUE(local.ok()) << local.error().message;
  EXPECT_EQ(local->spec,
            "java-17+jdk.tls.disabledAlgorithms=SSLv3, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize "
            "< 1024, EC keySize < 224, anon, NULL, ECDH");
}

TEST(ClientFrom, AnythingElseIsAUsageError) {
  TempDir dir;
  EXPECT_FALSE(profile_from_environment(dir.path().string()).ok());
  EXPECT_FALSE(profile_from_environment("/nonexistent/tlsdoctor").ok());
  auto big = dir.write("go.mod", std::string(2 << 20, 'x'));
  EXPECT_FALSE(profile_from_environment(big.string(), answers("go1.26.0")).ok());
}

}  // namespace
}  // namespace tlsd::diagnose
