#include "dialog_fuzz_util.h"
#include "probe/dialog_chain.h"
#include "probe/http_connect_dialog.h"
#include "probe/smtp_starttls_dialog.h"

// A proxy's answer, then (through the tunnel) an SMTP server's: the chain
// hands what follows the proxy's head on to the next dialog.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::unique_ptr<tlsd::probe::Dialog>> dialogs;
  dialogs.push_back(std::make_unique<tlsd::probe::HttpConnectDialog>("example.com:25", "u:p"));
  dialogs.push_back(std::make_unique<tlsd::probe::SmtpStarttlsDialog>());
  tlsd::probe::DialogChain chain(std::move(dialogs));
  fuzz_dialog(chain, data, size);
  return 0;
}
