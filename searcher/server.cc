#include "searcher/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "common/embedded.h"
#include "common/errors.h"

MARSAD_DECLARE_EMBEDDED(web_index_html)
MARSAD_DECLARE_EMBEDDED(web_app_css)
MARSAD_DECLARE_EMBEDDED(web_app_js)

namespace marsad::searcher {
namespace {

// The page loads its own script and style only: report text that slipped into the page as markup
// could run nothing.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
// JSON is UTF-8 by definition; httplib compresses "application/json" exactly, not with a charset.
constexpr const char* kJson = "application/json";

/** The index cannot be opened (missing, locked, another schema): 503, whatever the request. */
class Unavailable : public Error {
 public:
  using Error::Error;
};

void send_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(nlohmann::json{{"error", {{"status", status}, {"message", message}}}}.dump(), kJson);
}

/** Tokens compared in time that does not depend on where they differ. */
bool same_token(std::string_view given, std::string_view expected) {
  unsigned char differ = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i) differ |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
  return differ == 0;
}

struct Asset {
  const char* file;  // in ServerOptions::assets_dir
  std::string_view (*embedded)();
  const char* type;
};
const Asset kIndexHtml{"index.html", &embedded::web_index_html, "text/html; charset=utf-8"};
const Asset kAppCss{"app.css", &embedded::web_app_css, "text/css; charset=utf-8"};
const Asset kAppJs{"app.js", &embedded::web_app_js, "text/javascript; charset=utf-8"};

/** When the worker thread began the request it is answering, for the log line. */
thread_local std::chrono::steady_clock::time_point request_start;

/** Searchers lent to one request at a time; a new one is opened when none is free, so each worker
 *  thread ends up with its own and no lock is held while searching. */
class SearcherPool {
 public:
  SearcherPool(std::string index_path, text::AnalyzerSettings settings, text::StopWordList stopwords, ShardPolicy policy)
      : index_path_(std::move(index_path)), settings_(settings), stopwords_(std::move(stopwords)), policy_(policy) {}

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher) : pool_(pool), searcher_(std::move(searcher)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (!searcher_) return;
      std::lock_guard lock(pool_.mutex_);
      pool_.free_.push_back(std::move(searcher_));
    }
    Searcher& operator*() { return *searcher_; }

   private:
    SearcherPool& pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  /** A searcher at the index's newest revision; Unavailable when the index cannot be opened. */
  Lease acquire() {
    std::unique_ptr<Searcher> searcher;
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        searcher = std::move(free_.back());
        free_.pop_back();
      }
    }
    try {
      if (searcher) searcher->refresh();
      else searcher = std::make_unique<Searcher>(index_path_, settings_, stopwords_, policy_);
    } catch (const Error& e) {
      throw Unavailable(e.what());
    } catch (const Xapian::Error& e) {
      throw Unavailable(index_path_ + ": " + e.get_description());
    }
    return Lease(*this, std::move(searcher));
  }

 private:
  std::string index_path_;
  text::AnalyzerSettings settings_;
  text::StopWordList stopwords_;
  ShardPolicy policy_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> free_;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  SearcherPool pool;
  httplib::Server http;

  Impl(std::string index_path, text::AnalyzerSettings settings, text::StopWordList stopwords, ServerOptions o)
      : options(std::move(o)),
        pool(std::move(index_path), settings, std::move(stopwords),
             options.allow_partial ? ShardPolicy::AnswerFromTheRest : ShardPolicy::EveryShard) {}

  bool authorized(const httplib::Request& req) const {
    if (options.token.empty()) return true;
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    return header.starts_with(kBearer) && same_token(std::string_view(header).substr(kBearer.size()), options.token);
  }

  /** Sets `res` to the JSON `answer()` gives, or to the error it throws. */
  template <class Answer>
  void respond(httplib::Response& res, Answer answer) {
    res.set_header("Cache-Control", "no-store");
    try {
      res.set_content(answer().dump(), kJson);
    } catch (const Unavailable& e) {
      send_error(res, 503, e.what());
    } catch (const QueryError& e) {
      send_error(res, 400, e.what());
    } catch (const ConfigError& e) {
      send_error(res, 400, e.what());
    } catch (const InputError& e) {
      send_error(res, 503, e.what());
    } catch (const Xapian::Error& e) {
      send_error(res, 503, "the index could not be read: " + e.get_description());
    } catch (const std::exception& e) {
      spdlog::error("internal error: {}", e.what());
      send_error(res, 500, "internal error");
    }
  }

  void serve_asset(httplib::Response& res, const Asset& asset) const {
    std::string body;
    if (options.assets_dir.empty()) {
      body = asset.embedded();
    } else {
      std::ifstream in(options.assets_dir + "/" + asset.file, std::ios::binary);
      if (!in) return send_error(res, 404, std::string(asset.file) + " is not in " + options.assets_dir);
      body.assign(std::istreambuf_iterator<char>(in), {});
    }
    res.set_content(std::move(body), asset.type);
  }

  void routes() {
    http.Get("/", [this](const httplib::Request&, httplib::Response& res) { serve_asset(res, kIndexHtml); });
    http.Get("/assets/app.css", [this](const httplib::Request&, httplib::Response& res) { serve_asset(res, kAppCss); });
    http.Get("/assets/app.js", [this](const httplib::Request&, httplib::Response& res) { serve_asset(res, kAppJs); });
    http.Get("/healthz", [this](const httplib::Request&, httplib::Response& res) {
      respond(res, [&] {
        auto lease = pool.acquire();
        return nlohmann::json{{"status", "ok"}, {"documents", (*lease).documents()}};
      });
    });
    http.Get(R"(/api/(search|claims|entities|stats))", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorized(req)) {
        res.set_header("WWW-Authenticate", "Bearer");
        return send_error(res, 401, "this server asks for a token: send the header Authorization: Bearer TOKEN");
      }
      const std::string what = req.matches[1];
      respond(res, [&] {
        auto lease = pool.acquire();
        Searcher& searcher = *lease;
        if (what == "search") return search_answer(searcher, req.params, options.limits);
        if (what == "claims") return claims_answer(searcher, req.params, options.limits);
        if (what == "entities") return entities_answer(searcher, req.params);
        return stats_answer(searcher, req.params, options.limits);
      });
    });
    // Whatever httplib refuses itself (an unknown path, a URL or body too long) is answered in JSON too.
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      const char* message = res.status == 404   ? "no such page"
                            : res.status == 413 ? "the request is too large"
                            : res.status == 414 ? "the URL is too long"
                                                : "the request could not be read: malformed, or not whole within the time limit";
      send_error(res, res.status, message);
    });
    http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
      request_start = std::chrono::steady_clock::now();
      return httplib::Server::HandlerResponse::Unhandled;
    });
    // The path and the outcome, not the query: what an analyst looks for stays off the log.
    // A request refused before routing (unreadable, too long) has no start time.
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      if (request_start == std::chrono::steady_clock::time_point{}) {
        spdlog::info("{} {} {}", req.method.empty() ? "-" : req.method, req.path.empty() ? "-" : req.path, res.status);
        return;
      }
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_start).count();
      request_start = {};
      spdlog::info("{} {} {} {:.1f} ms", req.method, req.path, res.status, ms);
    });
  }
};

Server::Server(std::string index_path, text::AnalyzerSettings settings, text::StopWordList stopwords, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(index_path), settings, std::move(stopwords), std::move(options))) {
  const ServerOptions& o = impl_->options;
  httplib::Server& http = impl_->http;
  const unsigned threads = std::max(1u, o.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(o.max_request_bytes);
  // An answer is written as its headers, then its body: without TCP_NODELAY the body waits for the
  // client's delayed acknowledgement of the headers, some 40 ms.
  http.set_tcp_nodelay(true);
  // A worker thread serves one connection at a time: a keep-alive connection yields it after this many requests.
  http.set_keep_alive_max_count(100);
  http.set_read_timeout(o.timeout.count());
  http.set_write_timeout(o.timeout.count());
  http.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                            {"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"}});
  impl_->routes();
}

Server::~Server() = default;

int Server::bind() {
  const ServerOptions& o = impl_->options;
  const int port = o.port == 0 ? impl_->http.bind_to_any_port(o.bind) : (impl_->http.bind_to_port(o.bind, o.port) ? o.port : -1);
  if (port < 0) throw ConfigError("cannot listen on " + o.bind + ":" + std::to_string(o.port));
  return port;
}

void Server::run() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace marsad::searcher
