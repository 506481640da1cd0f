// The demo's embedded server: a loopback TLS server shaped like the partner
// API of the story (DESIGN.md §1): TLS 1.2 only, RSA key exchange only,
// TLS_RSA_WITH_AES_256_CBC_SHA256. Real OpenSSL, a fresh self-signed key.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/result.h"

namespace tlsd::cli {

struct DemoServerConfig {
  std::string cipher_list = "AES256-SHA256";  // OpenSSL syntax
  std::string host_name = "api.partner.example";
};

class DemoServer {
 public:
  static Result<std::unique_ptr<DemoServer>> start(const DemoServerConfig& config);
  ~DemoServer();
  uint16_t port() const { return port_; }
  const std::string& host_name() const { return config_.host_name; }
  const std::string& certificate_pem() const { return certificate_pem_; }  // self-signed: trust it

 private:
  DemoServer() = default;
  void serve();
  void handle(int fd);

  DemoServerConfig config_;
  std::string certificate_pem_;
  void* ctx_ = nullptr;  // SSL_CTX*, kept out of this header
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace tlsd::cli
