#include "simulate/client_presentation.h"

#include <gtest/gtest.h>

namespace tlsd::simulate {
namespace {

checks::CertFit fit(bool matches, bool key_ok = true) {
  checks::CertFit f;
  f.subject = "CN=client";
  f.matches_ca_names = matches;
  if (!key_ok) f.findings.push_back({checks::CertFitProblem::key_not_allowed, "RSA key"});
  return f;
}

TEST(ClientPresentation, StacksThatSelectByCaNamesSendNoneOnAMismatch) {
  for (const char* id : {"java-17", "go-1.26", "go-1.22+GODEBUG=tlsrsakex=1", "dotnet-8-linux"})
    EXPECT_FALSE(presentation_for(id, fit(false)).sends) << id;
  for (const char* id : {"curl-7.88", "openssl-3.0-debian", "python-3.11", "node-20"})
    EXPECT_TRUE(presentation_for(id, fit(false)).sends) << id;
  EXPECT_TRUE(presentation_for("java-17", fit(true)).sends);
}

TEST(ClientPresentation, AKeyNoAlgorithmFitsIsNeverSent) {
  EXPECT_FALSE(presentation_for("curl-8", fit(true, false)).sends);
}

TEST(ClientPresentation, UnknownStacksSendWhatIsConfigured) {
  EXPECT_FALSE(selects_by_ca_names("lynx-2"));
  EXPECT_TRUE(selects_by_ca_names("java-25"));
}

}  // namespace
}  // namespace tlsd::simulate
