#include "http/tls_client.hpp"

#include <Poco/Net/InvalidCertificateHandler.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/SharedPtr.h>

#include <mutex>

namespace longghep {

Poco::Net::Context::Ptr tls_client_context() {
  static std::once_flag once;
  static Poco::Net::Context::Ptr ctx;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    ctx = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
    Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> reject = new Poco::Net::RejectCertificateHandler(false);
    Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, ctx);
  });
  return ctx;
}

}  // namespace longghep
