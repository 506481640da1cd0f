#include "dialog_fuzz_util.h"
#include "probe/dialog_chain.h"
#include "probe/xmpp_starttls_dialog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tlsd::probe::XmppStarttlsDialog;
  std::vector<std::unique_ptr<tlsd::probe::Dialog>> one;
  one.push_back(
      std::make_unique<XmppStarttlsDialog>(XmppStarttlsDialog::Kind::client, "example.com"));
  tlsd::probe::DialogChain chain(std::move(one));
  fuzz_dialog(chain, data, size);
  return 0;
}
