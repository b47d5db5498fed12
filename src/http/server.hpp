// Poco HTTP server glue: turns Poco requests into Request, calls App::handle, writes Response,
// adds security headers and logs one structured line per request.
#pragma once
#include <memory>

#include "http/app.hpp"

namespace longghep {

// Serves until SIGTERM/SIGINT, then stops accepting and lets running requests finish.
void run_server(App& app);

}  // namespace longghep
