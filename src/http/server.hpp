// The HTTP layer: an asynchronous acceptor and connections on Boost.Asio + Boost.Beast (a few I/O
// threads, an idle keep-alive connection costs no thread), handlers run on a bounded pool of
// workers (http/admission.hpp). Turns HTTP requests into Request, calls App::handle, writes the
// Response, adds security headers and logs one structured line per request. Limits and timeouts
// come from HttpOptions (http/app.hpp); the choice of library is measured in docs/HTTP-SERVER.md.
#pragma once
#include <memory>

#include "http/app.hpp"

namespace longghep {

// Binds (SO_REUSEADDR; SO_REUSEPORT only with HttpOptions::reuse_port; throws if the port is taken),
// then serves until SIGTERM/SIGINT: stops accepting, closes idle connections, lets requests under
// way finish for up to kShutdownGraceMs, then returns (or exits the process if a handler is still
// running a second later), always within 10 s of the signal.
void run_server(App& app);

inline constexpr long long kShutdownGraceMs = 8000;

}  // namespace longghep
