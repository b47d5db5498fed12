#include "http/server.hpp"

#include <unistd.h>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "domain/error.hpp"

namespace longghep {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

size_t body_limit(const App& app, const std::string& path) {
  // Official unit lists are a few MB; everything else is small JSON.
  if (path == "/api/org-units/import") return 64u << 20;
  if (path == "/api/activity-imports") return kMaxStreamedUploadBytes;
  if (path == "/api/boundaries") return kMaxBoundaryUploadBytes;
  // File uploads (a directive's attachments, a progress update's evidence): 10 MiB of file plus
  // room for the multipart envelope; the handler enforces the 10 MiB on the file itself.
  if ((path.rfind("/api/directives/", 0) == 0 && ends_with(path, "/attachments")) ||
      (path.rfind("/api/tasks/", 0) == 0 && ends_with(path, "/progress")))
    return (10u << 20) + (256u << 10);
  return app.config().max_body_bytes;
}

// Reads and drops what the client is still sending (up to a bound), so that it receives the 413
// instead of a connection reset; the connection is then closed (see handleRequest).
constexpr size_t kMaxDiscardBytes = 16u << 20;
Error too_large(std::istream& body) {
  char buf[16384];
  size_t dropped = 0;
  while (dropped < kMaxDiscardBytes && (body.read(buf, sizeof buf) || body.gcount() > 0))
    dropped += static_cast<size_t>(body.gcount());
  return Error(413, "payload_too_large", "Dữ liệu gửi lên quá lớn", "The request body is too large");
}

// Writes a request body to a new temporary file (mode 0600) and returns its path; 413 beyond limit.
std::string stream_to_temp_file(std::istream& body, size_t limit) {
  std::string path = (std::filesystem::temp_directory_path() / "longghep-upload-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw Error(500, "internal", "Không tạo được tệp tạm", "Could not create a temporary file");
  char buf[65536];
  size_t total = 0;
  while (body.read(buf, sizeof buf) || body.gcount() > 0) {
    const auto n = static_cast<size_t>(body.gcount());
    total += n;
    if (total > limit || ::write(fd, buf, n) != static_cast<ssize_t>(n)) {
      ::close(fd);
      std::remove(path.c_str());
      if (total > limit) throw too_large(body);
      throw Error(507, "insufficient_storage", "Không đủ chỗ lưu tệp tải lên", "Not enough space to store the upload");
    }
  }
  ::close(fd);
  return path;
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(App& app) : app_(app) {}

  void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
    const auto start = std::chrono::steady_clock::now();
    Request req;
    Response res;
    try {
      res = build(in, req);
    } catch (const Error& e) {
      res = error_response(e);
    } catch (const std::exception& e) {
      res = Response::json(error_json(Error(400, "bad_request", "Yêu cầu không hợp lệ", std::string("Bad request: ") + e.what())), 400);
    }
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(res.status));
    if (res.status == 413) out.setKeepAlive(false);  // the rest of an oversized body may be unread
    if (!res.content_type.empty()) out.setContentType(res.content_type);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("X-Frame-Options", "DENY");
    out.set("Referrer-Policy", "same-origin");
    out.set("Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'none'");
    if (req.path.rfind("/api/", 0) == 0) out.set("Cache-Control", "no-store");
    for (const auto& [k, v] : res.headers) {
      if (k == "Set-Cookie") out.add(k, v);
      else out.set(k, v);
    }
    if (!req.body_file.empty()) std::remove(req.body_file.c_str());  // not taken over by the handler
    if (res.stream && res.status == 200) {
      out.setChunkedTransferEncoding(true);
      auto& os = out.send();
      try {
        if (req.method != "HEAD") res.stream(os);
      } catch (const std::exception& e) {
        spdlog::error("streamed response on {} failed: {}", req.path, e.what());
      }
    } else {
      out.setContentLength(static_cast<std::streamsize>(res.body.size()));
      auto& os = out.send();
      if (req.method != "HEAD") os.write(res.body.data(), static_cast<std::streamsize>(res.body.size()));
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (res.status >= 500) spdlog::error("request method={} path={} status={} ms={:.2f}", req.method, req.path, res.status, ms);
    else spdlog::info("request method={} path={} status={} ms={:.2f}", req.method, req.path, res.status, ms);
  }

 private:
  Response build(Poco::Net::HTTPServerRequest& in, Request& req) {
    req.method = in.getMethod();
    Poco::URI uri(in.getURI());
    req.path = uri.getPath();
    for (const auto& [k, v] : uri.getQueryParameters()) req.query[k] = v;
    Poco::Net::NameValueCollection cookies;
    in.getCookies(cookies);
    for (const auto& [k, v] : cookies) req.cookies[k] = v;
    for (const auto& [k, v] : in) {
      std::string key = k;
      for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      req.headers[key] = v;
    }
    req.remote_ip = in.clientAddress().host().toString();
    const size_t limit = body_limit(app_, req.path);
    if (in.hasContentLength() && in.getContentLength64() > static_cast<Poco::Int64>(limit)) throw too_large(in.stream());
    // Without Content-Length or chunked encoding a request has no body (reading would wait for the
    // client to close the connection).
    const bool has_body = in.hasContentLength() || in.getChunkedTransferEncoding();
    if (is_streamed_upload(req.method, req.path)) {
      if (has_body) req.body_file = stream_to_temp_file(in.stream(), limit);
    } else if (has_body && (req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE")) {
      std::istream& body = in.stream();
      char buf[16384];
      while (body.read(buf, sizeof buf) || body.gcount() > 0) {
        req.body.append(buf, static_cast<size_t>(body.gcount()));
        if (req.body.size() > limit) throw too_large(body);
      }
    }
    return app_.handle(req);
  }

  App& app_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(App& app) : app_(app) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(app_);
  }

 private:
  App& app_;
};

}  // namespace

void run_server(App& app) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // every thread started below inherits the mask

  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(app.config().threads);
  params->setMaxQueued(256);
  params->setKeepAlive(true);
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(app.config().bind, static_cast<Poco::UInt16>(app.config().port)), 128);
  Poco::Net::HTTPServer server(new Factory(app), socket, params);
  server.start();
  spdlog::info("serving on http://{}:{} db={} web_root={}", app.config().bind, app.config().port,
               app.db().url_for_logs(), app.config().web_root);
  int sig = 0;
  sigwait(&set, &sig);
  spdlog::info("signal {} received: stopping, letting running requests finish", sig);
  server.stopAll(false);
  spdlog::info("stopped");
}

}  // namespace longghep
