// The TLS client context of the server's outgoing connections (the mail's STARTTLS, a DHIS2
// push to https://): the system's CAs, the peer's certificate verified; a bad certificate is
// refused, never asked about on a console (POCO's default handler would prompt).
#pragma once
#include <Poco/Net/Context.h>

namespace longghep {

// One context for the process, made on first use (thread-safe).
Poco::Net::Context::Ptr tls_client_context();

}  // namespace longghep
