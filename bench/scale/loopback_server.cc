#include "bench/scale/loopback_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "common/errors.h"

namespace marsad::bench {

namespace {

/** 127.0.0.1 at `port` (0: any port the kernel picks). */
sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<in_port_t>(port));
  return address;
}

/** A loopback port that nothing listens on at the moment: the kernel's pick for a socket bound to port 0. */
int unused_port() {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  const bool ok = socket_fd >= 0 && bind(socket_fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
                  getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  if (socket_fd >= 0) close(socket_fd);
  if (!ok) throw Error("cannot find a free loopback port for xapian-tcpsrv");
  return ntohs(address.sin_port);
}

/** Whether a connection to the loopback port succeeds. */
bool accepts_connections(int port) {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  if (socket_fd < 0) return false;
  const sockaddr_in address = loopback(port);
  const bool connected = connect(socket_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  close(socket_fd);
  return connected;
}

}  // namespace

LoopbackServer::LoopbackServer(const std::string& database) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    port_ = unused_port();
    spawn(database);
    if (wait_until_listening()) return;
    stop();
  }
  throw Error("xapian-tcpsrv did not start for " + database + " (is xapian-tools installed?)");
}

LoopbackServer::~LoopbackServer() { stop(); }

std::string LoopbackServer::stub_line() const { return "remote tcp 127.0.0.1 " + std::to_string(port_); }

void LoopbackServer::spawn(const std::string& database) {
  const std::string port = std::to_string(port_);
  pid_ = fork();
  if (pid_ < 0) throw Error("fork: cannot start xapian-tcpsrv");
  if (pid_ > 0) {
    setpgid(pid_, pid_);  // as the child does: whichever runs first
    return;
  }
  setpgid(0, 0);  // its connection processes join this group, and are stopped with it
  const int null_fd = open("/dev/null", O_WRONLY);
  dup2(null_fd, STDOUT_FILENO);
  dup2(null_fd, STDERR_FILENO);  // it reports every connection
  execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", port.c_str(),
         database.c_str(), static_cast<char*>(nullptr));
  _exit(127);
}

bool LoopbackServer::wait_until_listening() {
  for (int tries = 0; tries < 200; ++tries) {
    if (accepts_connections(port_)) return true;
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {  // it exited: the port was taken, or no program
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

void LoopbackServer::stop() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  kill(pid_, SIGTERM);  // in case it had not yet made its own group
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace marsad::bench
