#pragma once
// xapian-tcpsrv (Debian xapian-tools) on a free loopback port, for tests of remote shards and replicas.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>

namespace marsad::testing_support {

/** A loopback port no one listens on now. */
inline int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

/** Whether something accepts connections on a loopback port. */
inline bool accepts_connections(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

/** xapian-tcpsrv serving one database on a loopback port (`port`, or a free one when 0), until destroyed. */
class TcpServer {
 public:
  explicit TcpServer(const std::string& database, int port = 0) {
    for (int attempt = 0; attempt < 5 && !ready(); ++attempt) {
      stop();
      port_ = port != 0 ? port : free_port();
      pid_ = fork();
      if (pid_ == 0) {
        setpgid(0, 0);  // a group of its own with the children it forks per connection, to stop them all
        freopen("/dev/null", "w", stderr);  // it reports every closed connection
        execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
               std::to_string(port_).c_str(), database.c_str(), static_cast<char*>(nullptr));
        _exit(127);
      }
      for (int wait = 0; wait < 50 && !ready(); ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  /** Kills the server and the connections it serves, as when its machine goes down. */
  void stop() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  int port() const { return port_; }
  /** Whether something accepts connections on the port. */
  bool ready() const { return port_ != 0 && accepts_connections(port_); }

 private:
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace marsad::testing_support
