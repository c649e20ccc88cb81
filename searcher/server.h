#pragma once
// marsad-search serve: the JSON API and the page over HTTP, each worker thread with a Searcher of
// its own that moves to the index's newest revision before each request.
#include <chrono>
#include <memory>
#include <string>

#include "common/text/analyzer.h"
#include "common/text/stopwords.h"
#include "searcher/api.h"

namespace marsad::searcher {

struct ServerOptions {
  std::string bind = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port (bind() says which)
  /** Requests answered at once. A worker serves one connection at a time, so more workers than
   *  expected connections (a browser opens up to six) keep a page from waiting on another. */
  unsigned threads = 8;
  /** When set, every /api/ request must carry "Authorization: Bearer TOKEN" (401 otherwise). */
  std::string token;
  /** When set, the page's three files are read from this folder at each request instead of the
   *  copies built into the program (for working on the page); no other file is served either way. */
  std::string assets_dir;
  ApiLimits limits;
  /** Answer from the shards that answer when others cannot be reached, marking the answer partial. */
  bool allow_partial = false;
  std::size_t max_request_bytes = 64 * 1024;  // a longer body is refused (413); a URL over 8 KB too (414)
  std::chrono::seconds timeout{10};           // to read a request and to write an answer
};

/**
 * Serves GET /api/search, /api/claims, /api/entities, /api/stats (the JSON of marsad-search --json,
 * from the same parameters), /healthz, and the page (/, /assets/app.css, /assets/app.js). Errors are
 * JSON {"error": {"status", "message"}}: 400 for a bad query or parameter, 401 without the token,
 * 404, 413, 414, 503 while the index cannot be opened. The index may be missing at start: requests
 * are answered 503 until it can be opened.
 */
class Server {
 public:
  Server(std::string index_path, text::AnalyzerSettings settings, text::StopWordList stopwords, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /** Binds the address and port; returns the port. ConfigError when it cannot. */
  int bind();
  /** Answers requests until stop() (from another thread or a signal handler's thread). */
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace marsad::searcher
