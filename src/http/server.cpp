#include "http/server.hpp"

#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <optional>
#include <ostream>
#include <streambuf>
#include <thread>
#include <unordered_map>

#include "domain/error.hpp"
#include "http/admission.hpp"

namespace longghep {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

size_t body_limit(const App& app, const std::string& path) {
  // Official unit lists are a few MB; everything else is small JSON.
  if (path == "/api/org-units/import") return 64u << 20;
  if (path == "/api/activity-imports") return kMaxStreamedUploadBytes;
  if (path == "/api/boundaries") return kMaxBoundaryUploadBytes;
  if (path == "/api/report-imports") return kMaxReportImportBytes;
  // File uploads (a directive's attachments, a progress update's or an activity's evidence): 10 MiB of file plus
  // room for the multipart envelope; the handler enforces the 10 MiB on the file itself.
  if ((path.rfind("/api/directives/", 0) == 0 && ends_with(path, "/attachments")) ||
      (path.rfind("/api/activities/", 0) == 0 && ends_with(path, "/attachments")) ||
      (path.rfind("/api/tasks/", 0) == 0 && ends_with(path, "/progress")))
    return (10u << 20) + (256u << 10);
  return app.options().max_body_bytes;
}

// Of a refused body (too large, rate-limited, busy) at most this much is read and dropped, so that
// the client receives the answer instead of a connection reset; beyond it the connection is closed.
constexpr size_t kMaxDiscardBytes = 16u << 20;
constexpr size_t kPiece = 64u << 10;  // one read of a body, one write of a streamed answer
constexpr uint32_t kHeaderLimit = 64u << 10;
constexpr size_t kTrimAfterBytes = 1u << 20;  // inputs from this size on are followed by malloc_trim

Error too_large() {
  return Error(413, "payload_too_large", "Dữ liệu gửi lên quá lớn", "The request body is too large");
}
Error bad_request(const std::string& what) {
  return Error(400, "bad_request", "Yêu cầu không hợp lệ", "Bad request: " + what);
}
Error internal_error() {
  return Error(500, "internal", "Lỗi hệ thống, vui lòng thử lại sau", "Internal error, please try again later");
}

// A new temporary file (mode 0600): its descriptor and path.
std::pair<int, std::string> temp_file(const char* prefix) {
  std::string path = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  int fd = mkstemp(path.data());
  if (fd < 0) throw Error(500, "internal", "Không tạo được tệp tạm", "Could not create a temporary file");
  return {fd, path};
}

// An ostream buffer writing to a file descriptor (the spool of a streamed answer).
class FdWriteBuf : public std::streambuf {
 public:
  explicit FdWriteBuf(int fd) : fd_(fd) { setp(buf_.data(), buf_.data() + buf_.size()); }
  ~FdWriteBuf() override { sync(); }

 protected:
  int_type overflow(int_type ch) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override {
    const char* p = pbase();
    while (p < pptr()) {
      ssize_t n = ::write(fd_, p, static_cast<size_t>(pptr() - p));
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        return -1;
      }
      p += n;
    }
    setp(buf_.data(), buf_.data() + buf_.size());
    return 0;
  }

 private:
  int fd_;
  std::array<char, kPiece> buf_;
};

// An IMF-fixdate for the Date header.
std::string http_date() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
}

bool quiet_error(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == http::error::end_of_stream || ec == net::error::eof ||
         ec == net::error::operation_aborted || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe || ec == http::error::partial_message || ec == net::error::bad_descriptor;
}

class Connection;

// What every connection shares: the app, limits, workers, the registry of open connections.
struct Server {
  Server(App& a)
      : app(a),
        cfg(a.options()),
        limiter(cfg.max_connections, cfg.max_connections_per_ip, cfg.rate_per_ip, cfg.rate_burst_per_ip),
        ioc(cfg.io_threads),
        acceptor(net::make_strand(ioc)),
        sweep_timer(acceptor.get_executor()) {}

  App& app;
  const HttpOptions& cfg;
  AddressLimiter limiter;  // before ioc: connections destroyed with ioc's handlers still count down here
  std::mutex conns_mu;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> conns;
  std::atomic<bool> stopping{false};
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer sweep_timer;
  std::unique_ptr<WorkerPool> workers;

  void listen();
  void accept();
  void sweep();
  size_t open_connections() {
    std::lock_guard lock(conns_mu);
    return conns.size();
  }
  std::vector<std::shared_ptr<Connection>> all_connections() {
    std::vector<std::shared_ptr<Connection>> out;
    std::lock_guard lock(conns_mu);
    for (auto& [_, w] : conns)
      if (auto c = w.lock()) out.push_back(std::move(c));
    return out;
  }
};

// One client connection. Every step runs on the connection's strand; the handler runs on a
// worker, which hands the Response back to the strand. States: Idle (waiting for the first byte of
// a request; costs a pending read and a timer), Reading (headers, then body), Working (queued or on
// a worker), Writing, Closed.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Server& srv, tcp::socket socket, std::string ip) : srv_(srv), stream_(std::move(socket)), ip_(std::move(ip)) {}

  ~Connection() {
    discard_upload();
    if (spool_fd_ >= 0) ::close(spool_fd_);
    srv_.limiter.close(ip_);
    std::lock_guard lock(srv_.conns_mu);
    srv_.conns.erase(this);
  }

  void start() {
    {
      std::lock_guard lock(srv_.conns_mu);
      srv_.conns.emplace(this, weak_from_this());
    }
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_request(); });
  }

  // Shutdown: an idle connection closes now, a busy one after its answer.
  void stop() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (self->state_ == State::Idle) self->close();
    });
  }
  // End of the grace period: close whatever the state.
  void force_close() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      self->close();
    });
  }

 private:
  enum class State { Idle, Reading, Working, Writing, Closed };
  enum class Sink { Discard, Memory, File };

  // --- reading -------------------------------------------------------------------------------

  void wait_request() {
    if (stopping_ || srv_.stopping) return close();
    state_ = State::Idle;
    if (buf_.size() > 0) return begin_request();  // pipelined: the next request is already here
    stream_.expires_after(std::chrono::milliseconds(srv_.cfg.idle_timeout_ms));
    stream_.async_read_some(buf_.prepare(4096), [self = shared_from_this()](beast::error_code ec, size_t n) {
      if (ec) return self->close();
      self->buf_.commit(n);
      self->begin_request();
    });
  }

  void begin_request() {
    state_ = State::Reading;
    start_ = Clock::now();
    req_ = Request{};
    reject_.reset();
    keep_alive_ = true;
    version_ = 11;
    received_ = dropped_ = 0;
    sink_ = Sink::Discard;
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // Limits are ours (body_limit), counted while reading. Not boost::none: Beast 1.74 compares a
    // Content-Length with the optional limit so that "no limit" refuses every body.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(std::chrono::milliseconds(srv_.cfg.header_timeout_ms));
    http::async_read_header(stream_, buf_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->on_header(ec);
    });
  }

  void on_header(beast::error_code ec) {
    if (ec) {
      if (quiet_error(ec)) return close();
      // A malformed request: answer 400 and close (the stream can no longer be trusted).
      keep_alive_ = false;
      req_.method = "-";
      req_.path = "-";
      return respond(error_response(bad_request(ec.message())));
    }
    auto& msg = parser_->get();
    version_ = msg.version() == 10 ? 10 : 11;
    keep_alive_ = parser_->keep_alive();
    req_.method = std::string(msg.method_string());
    req_.remote_ip = ip_;
    try {
      Poco::URI uri(std::string(msg.target()));
      req_.path = uri.getPath();
      for (const auto& [k, v] : uri.getQueryParameters()) req_.query[k] = v;
      Poco::Net::HTTPRequest cookie_holder;
      for (const auto& f : msg) {
        std::string key(f.name_string());
        for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (key == "cookie") cookie_holder.add("Cookie", std::string(f.value()));
        req_.headers[key] = std::string(f.value());
      }
      Poco::Net::NameValueCollection cookies;
      cookie_holder.getCookies(cookies);
      for (const auto& [k, v] : cookies) req_.cookies[k] = v;
    } catch (const Error& e) {
      reject_ = e;
    } catch (const std::exception& e) {
      reject_ = bad_request(e.what());
    }
    if (req_.path.empty()) req_.path = std::string(msg.target());

    if (!reject_) {
      if (int wait = srv_.limiter.request(ip_, now_ms()); wait > 0)
        reject_ = Error::TooMany("từ địa chỉ này", "requests from this address", wait);
    }
    limit_ = body_limit(srv_.app, req_.path);
    if (!reject_ && parser_->content_length() && *parser_->content_length() > limit_) reject_ = too_large();
    // Without Content-Length or chunked encoding a request has no body; an upload with
    // Content-Length: 0 is an empty file.
    const bool has_body = parser_->content_length() || parser_->chunked();
    if (!reject_ && has_body && is_streamed_upload(req_.method, req_.path)) {
      try {
        std::tie(upload_fd_, upload_path_) = temp_file("longghep-upload-");
        sink_ = Sink::File;
      } catch (const Error& e) {
        reject_ = e;
      }
    }
    if (parser_->is_done()) return dispatch();

    if (!reject_ && sink_ == Sink::Discard) {
      if (req_.method == "POST" || req_.method == "PUT" || req_.method == "PATCH" || req_.method == "DELETE") {
        sink_ = Sink::Memory;
      }
    }
    auto expect = msg[http::field::expect];
    if (beast::iequals(expect, "100-continue")) {
      if (reject_) {  // the point of Expect: answer without reading the body
        keep_alive_ = false;
        return respond(error_response(*reject_));
      }
      static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
      stream_.expires_after(std::chrono::milliseconds(srv_.cfg.write_timeout_ms));
      return net::async_write(stream_, net::buffer(kContinue, sizeof kContinue - 1),
                              [self = shared_from_this()](beast::error_code ec, size_t) {
                                if (ec) return self->close();
                                self->read_body();
                              });
    }
    read_body();
  }

  void read_body() {
    if (!piece_) piece_ = std::make_unique<char[]>(kPiece);
    parser_->get().body().data = piece_.get();
    parser_->get().body().size = kPiece;
    parser_->get().body().more = true;
    stream_.expires_after(std::chrono::milliseconds(srv_.cfg.body_timeout_ms));
    http::async_read_some(stream_, buf_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      self->on_body(ec);
    });
  }

  void on_body(beast::error_code ec) {
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {  // timed out, closed, or a malformed body: nobody to answer reliably
      if (!quiet_error(ec)) spdlog::info("request body of {} {} from {} failed: {}", req_.method, req_.path, ip_, ec.message());
      return close();
    }
    const size_t n = kPiece - parser_->get().body().size;
    received_ += n;
    if (!reject_ && received_ > limit_) {
      reject_ = too_large();
      discard_upload();
      req_.body.clear();
      sink_ = Sink::Discard;
    }
    switch (sink_) {
      case Sink::Memory: req_.body.append(piece_.get(), n); break;
      case Sink::File: {
        const char* p = piece_.get();
        size_t left = n;
        while (left > 0) {
          ssize_t w = ::write(upload_fd_, p, left);
          if (w < 0 && errno == EINTR) continue;
          if (w <= 0) {
            discard_upload();
            sink_ = Sink::Discard;
            reject_ = Error(507, "insufficient_storage", "Không đủ chỗ lưu tệp tải lên", "Not enough space to store the upload");
            break;
          }
          p += w;
          left -= static_cast<size_t>(w);
        }
        break;
      }
      case Sink::Discard:
        if (reject_) dropped_ += n;
        break;
    }
    if (parser_->is_done()) return dispatch();
    if (reject_ && dropped_ > kMaxDiscardBytes) {  // answer now, then close
      keep_alive_ = false;
      return respond(error_response(*reject_));
    }
    read_body();
  }

  void discard_upload() {
    if (upload_fd_ >= 0) {
      ::close(upload_fd_);
      upload_fd_ = -1;
    }
    if (!upload_path_.empty()) {
      std::remove(upload_path_.c_str());
      upload_path_.clear();
    }
  }

  // --- handling ------------------------------------------------------------------------------

  void dispatch() {
    if (upload_fd_ >= 0) {
      ::close(upload_fd_);
      upload_fd_ = -1;
      req_.body_file = upload_path_;
    }
    if (reject_) {
      discard_upload();
      if (reject_->status() == 413) keep_alive_ = false;  // the rest of an oversized body may be unread
      return respond(error_response(*reject_));
    }
    // Liveness answers on the I/O thread: it says the process and its sockets are alive, and
    // must not wait behind a queue of busy workers (readiness, /readyz, does go to a worker).
    if (req_.path == "/healthz" && (req_.method == "GET" || req_.method == "HEAD")) return respond(srv_.app.handle(req_));
    state_ = State::Working;
    stream_.expires_never();
    if (!srv_.workers->try_submit([self = shared_from_this()] { self->work(); })) {
      discard_upload();
      req_.body_file.clear();
      respond(error_response(Error::Busy()));
    }
  }

  // On a worker: the handler, then a streamed answer spooled to an unlinked temporary file so that
  // a slow reader never holds a worker.
  void work() {
    Response res;
    try {
      res = srv_.app.handle(req_);
    } catch (const std::exception& e) {  // App::handle does not throw; be sure anyway
      spdlog::error("unhandled error on {} {}: {}", req_.method, req_.path, e.what());
      res = error_response(internal_error());
    }
    // A large input (a unit list, a GeoJSON upload, a refused hostile document) leaves the heap
    // grown by its parse: hand the freed pages back to the OS (docs/BENCHMARKS.md, "RSS after
    // large inputs"). Only after big requests: malloc_trim walks the heap.
    size_t input_bytes = req_.body.size();
    if (!req_.body_file.empty()) {
      std::error_code ec;
      const auto n = std::filesystem::file_size(req_.body_file, ec);
      if (!ec) input_bytes = std::max<size_t>(input_bytes, static_cast<size_t>(n));
      std::remove(req_.body_file.c_str());  // not taken over by the handler
    }
    upload_path_.clear();
    std::string().swap(req_.body);
    if (input_bytes >= kTrimAfterBytes) ::malloc_trim(0);
    int spool = -1;
    if (res.stream && res.status == 200 && req_.method != "HEAD") {
      try {
        auto [fd, path] = temp_file("longghep-spool-");
        ::unlink(path.c_str());
        spool = fd;
        {
          FdWriteBuf sb(fd);
          std::ostream os(&sb);
          os.exceptions(std::ios::badbit);
          res.stream(os);
          os.flush();
          if (sb.pubsync() != 0) throw std::runtime_error("could not write the spool file");
        }
      } catch (const std::exception& e) {
        spdlog::error("streamed response on {} failed: {}", req_.path, e.what());
        if (spool >= 0) ::close(spool);
        spool = -1;
        res = error_response(internal_error());  // nothing was sent yet: a proper 500
      }
    }
    net::post(stream_.get_executor(), [self = shared_from_this(), res = std::move(res), spool]() mutable {
      self->respond(std::move(res), spool);
    });
  }

  // --- writing -------------------------------------------------------------------------------

  template <class Message>
  void set_headers(Message& out, const Response& res) {
    out.set(http::field::date, http_date());
    if (!res.content_type.empty()) out.set(http::field::content_type, res.content_type);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("X-Frame-Options", "DENY");
    out.set("Referrer-Policy", "same-origin");
    out.set("Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'none'");
    if (req_.path.rfind("/api/", 0) == 0) out.set(http::field::cache_control, "no-store");
    for (const auto& [k, v] : res.headers) {
      if (beast::iequals(k, "Set-Cookie")) out.insert(k, v);
      else out.set(k, v);
    }
  }

  void respond(Response res, int spool = -1) {
    if (state_ == State::Closed) {
      if (spool >= 0) ::close(spool);
      return;
    }
    state_ = State::Writing;
    if (stopping_ || srv_.stopping) keep_alive_ = false;
    status_ = res.status;
    const bool head = req_.method == "HEAD";
    const bool streamed = res.stream && res.status == 200;
    if (!streamed) {
      auto out = std::make_unique<http::response<http::string_body>>(static_cast<http::status>(res.status), version_);
      set_headers(*out, res);
      out->keep_alive(keep_alive_);
      out->content_length(res.body.size());
      if (!head) out->body() = std::move(res.body);
      string_out_ = std::move(out);
      string_sr_.emplace(*string_out_);
      return write_string();
    }
    // Streamed: the header, then the spool in pieces (chunked on HTTP/1.1).
    spool_fd_ = spool;
    spool_off_ = 0;
    chunked_ = version_ == 11;
    auto out = std::make_unique<http::response<http::empty_body>>(http::status::ok, version_);
    set_headers(*out, res);
    if (chunked_) out->chunked(true);
    else if (spool_fd_ >= 0) out->content_length(static_cast<uint64_t>(::lseek(spool_fd_, 0, SEEK_END)));
    else keep_alive_ = false;
    out->keep_alive(keep_alive_);
    head_out_ = std::move(out);
    head_sr_.emplace(*head_out_);
    stream_.expires_after(std::chrono::milliseconds(srv_.cfg.write_timeout_ms));
    http::async_write_header(stream_, *head_sr_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->close();
      self->write_spool();
    });
  }

  void write_string() {
    stream_.expires_after(std::chrono::milliseconds(srv_.cfg.write_timeout_ms));
    http::async_write_some(stream_, *string_sr_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->close();
      if (!self->string_sr_->is_done()) return self->write_string();
      self->done();
    });
  }

  void write_spool() {
    if (spool_fd_ < 0) {  // HEAD: no body
      if (chunked_ && req_.method != "HEAD") return write_raw(net::buffer("0\r\n\r\n", 5), true);
      return done();
    }
    if (!piece_) piece_ = std::make_unique<char[]>(kPiece);
    ssize_t n;
    do n = ::pread(spool_fd_, piece_.get(), kPiece, spool_off_);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
      spdlog::error("reading the spool of {} failed: {}", req_.path, std::strerror(errno));
      return close();
    }
    if (n == 0) {
      ::close(spool_fd_);
      spool_fd_ = -1;
      if (chunked_) return write_raw(net::buffer("0\r\n\r\n", 5), true);
      return done();
    }
    spool_off_ += n;
    if (!chunked_) return write_raw(net::buffer(piece_.get(), static_cast<size_t>(n)), false);
    int len = std::snprintf(chunk_head_, sizeof chunk_head_, "%zx\r\n", static_cast<size_t>(n));
    std::array<net::const_buffer, 3> bufs{net::buffer(chunk_head_, static_cast<size_t>(len)),
                                          net::buffer(piece_.get(), static_cast<size_t>(n)), net::buffer("\r\n", 2)};
    stream_.expires_after(std::chrono::milliseconds(srv_.cfg.write_timeout_ms));
    net::async_write(stream_, bufs, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->close();
      self->write_spool();
    });
  }

  void write_raw(net::const_buffer b, bool last) {
    stream_.expires_after(std::chrono::milliseconds(srv_.cfg.write_timeout_ms));
    net::async_write(stream_, b, [self = shared_from_this(), last](beast::error_code ec, size_t) {
      if (ec) return self->close();
      if (last) return self->done();
      self->write_spool();
    });
  }

  // The answer is written: log it, then read the next request or close.
  void done() {
    log_request();
    string_sr_.reset();
    string_out_.reset();
    head_sr_.reset();
    head_out_.reset();
    parser_.reset();
    req_ = Request{};
    if (buf_.size() == 0) buf_.shrink_to_fit();
    piece_.reset();
    if (!keep_alive_) return close();
    wait_request();
  }

  void log_request() {
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start_).count();
    if (status_ >= 500) spdlog::error("request method={} path={} status={} ms={:.2f}", req_.method, req_.path, status_, ms);
    else spdlog::info("request method={} path={} status={} ms={:.2f}", req_.method, req_.path, status_, ms);
  }

  void close() {
    if (state_ == State::Closed) return;
    if (state_ == State::Working) {  // a worker still uses req_: it posts respond(), which sees Closed
      state_ = State::Closed;
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      stream_.close();
      return;
    }
    state_ = State::Closed;
    discard_upload();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  Server& srv_;
  beast::tcp_stream stream_;
  const std::string ip_;
  beast::flat_buffer buf_;
  State state_ = State::Idle;
  bool stopping_ = false;

  // the request under way
  std::optional<http::request_parser<http::buffer_body>> parser_;
  Request req_;
  std::optional<Error> reject_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
  size_t limit_ = 0, received_ = 0, dropped_ = 0;
  Sink sink_ = Sink::Discard;
  int upload_fd_ = -1;
  std::string upload_path_;
  std::unique_ptr<char[]> piece_;
  Clock::time_point start_;

  // the answer under way
  int status_ = 0;
  std::unique_ptr<http::response<http::string_body>> string_out_;
  std::optional<http::response_serializer<http::string_body>> string_sr_;
  std::unique_ptr<http::response<http::empty_body>> head_out_;
  std::optional<http::response_serializer<http::empty_body>> head_sr_;
  int spool_fd_ = -1;
  off_t spool_off_ = 0;
  bool chunked_ = false;
  char chunk_head_[24];
};

void Server::listen() {
  beast::error_code ec;
  tcp::endpoint ep(net::ip::make_address(cfg.bind, ec), static_cast<unsigned short>(cfg.port));
  if (ec) throw std::runtime_error("invalid bind address " + cfg.bind + ": " + ec.message());
  const std::string where = cfg.bind + ":" + std::to_string(cfg.port);
  acceptor.open(ep.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec && cfg.reuse_port) {
    int one = 1;
    if (::setsockopt(acceptor.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0)
      ec = beast::error_code(errno, beast::system_category());
  }
  if (!ec) acceptor.bind(ep, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error("cannot listen on " + where + ": " + ec.message() +
                             (ec == net::error::address_in_use ? " (another server already uses this port)" : ""));
}

void Server::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || stopping || !acceptor.is_open()) return;
    if (ec) {  // e.g. out of file descriptors: wait a little instead of spinning
      spdlog::warn("accept failed: {}", ec.message());
      auto t = std::make_shared<net::steady_timer>(acceptor.get_executor(), std::chrono::milliseconds(100));
      t->async_wait([this, t](beast::error_code) { if (!stopping) accept(); });
      return;
    }
    auto remote = socket.remote_endpoint(ec);
    if (!ec) {
      auto addr = remote.address();
      if (addr.is_v6() && addr.to_v6().is_v4_mapped()) addr = net::ip::make_address_v4(net::ip::v4_mapped, addr.to_v6());
      std::string ip = addr.to_string();
      switch (limiter.open(ip, now_ms())) {
        case AddressLimiter::Admit::Ok:
          socket.set_option(tcp::no_delay(true), ec);
          std::make_shared<Connection>(*this, std::move(socket), std::move(ip))->start();
          break;
        case AddressLimiter::Admit::TooManyTotal:
          spdlog::debug("connection from {} refused: {} connections open", ip, cfg.max_connections);
          socket.close(ec);
          break;
        case AddressLimiter::Admit::TooManyFromAddress:
          spdlog::debug("connection from {} refused: {} connections open from it", ip, cfg.max_connections_per_ip);
          socket.close(ec);
          break;
      }
    }
    accept();
  });
}

void Server::sweep() {
  sweep_timer.expires_after(std::chrono::seconds(10));
  sweep_timer.async_wait([this](beast::error_code ec) {
    if (ec || stopping) return;
    limiter.sweep(now_ms());
    sweep();
  });
}

// Idle keep-alive connections each hold a descriptor: allow as many as configured.
void raise_fd_limit(int max_connections) {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
  const rlim_t want = static_cast<rlim_t>(max_connections) + 256;
  if (rl.rlim_cur >= want) return;
  rl.rlim_cur = rl.rlim_max == RLIM_INFINITY ? want : std::min(want, rl.rlim_max);
  setrlimit(RLIMIT_NOFILE, &rl);
  if (rl.rlim_cur < want)
    spdlog::warn("open file limit {} is below max_connections {}: connections beyond it are refused", rl.rlim_cur, max_connections);
}

}  // namespace

void run_server(App& app) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // every thread started below inherits the mask

  const HttpOptions& cfg = app.options();
  raise_fd_limit(cfg.max_connections);
  Server srv(app);
  srv.listen();
  srv.workers = std::make_unique<WorkerPool>(cfg.threads, static_cast<size_t>(cfg.queue_limit));
  srv.accept();
  srv.sweep();
  // Keeps the I/O threads running while no operation is pending (after the acceptor closed, a
  // request on a worker has none until the worker posts its answer).
  auto work_guard = net::make_work_guard(srv.ioc);
  std::vector<std::thread> io;
  for (int i = 0; i < cfg.io_threads; ++i) io.emplace_back([&srv] { srv.ioc.run(); });
  spdlog::info("serving on http://{}:{} db={} web_root={} workers={} io_threads={}", cfg.bind, cfg.port,
               app.db().url_for_logs(), cfg.web_root, cfg.threads, cfg.io_threads);
  int sig = 0;
  sigwait(&set, &sig);
  const auto signalled = Clock::now();
  spdlog::info("signal {} received: stopping, letting running requests finish", sig);

  srv.stopping = true;
  net::post(srv.acceptor.get_executor(), [&srv] {
    beast::error_code ec;
    srv.acceptor.close(ec);
    srv.sweep_timer.cancel();
  });
  for (auto& c : srv.all_connections()) c->stop();
  const auto grace = signalled + std::chrono::milliseconds(kShutdownGraceMs);
  while (Clock::now() < grace && (srv.open_connections() > 0 || srv.workers->pending() > 0))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (const size_t left = srv.open_connections(); left > 0) {
    spdlog::warn("{} connection(s) still open after {} ms: closing them", left, kShutdownGraceMs);
    for (auto& c : srv.all_connections()) c->force_close();
  }
  if (!srv.workers->wait_idle(signalled + std::chrono::milliseconds(kShutdownGraceMs + 1000))) {
    spdlog::error("a handler is still running {} ms after the signal: exiting without waiting for it",
                  kShutdownGraceMs + 1000);
    spdlog::shutdown();
    std::_Exit(1);
  }
  srv.workers->stop();
  work_guard.reset();
  srv.ioc.stop();
  for (auto& t : io) t.join();
  spdlog::info("stopped");
}

}  // namespace longghep
