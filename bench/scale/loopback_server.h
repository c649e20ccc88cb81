#pragma once
// A database served by xapian-tcpsrv (Debian xapian-tools) on the loopback interface, as a machine
// of a cluster serves its partition, for as long as the object lives.
#include <sys/types.h>

#include <string>

namespace marsad::bench {

class LoopbackServer {
 public:
  /** Starts xapian-tcpsrv on a free loopback port for `database` (a glass folder or a stub folder)
   *  and waits until it accepts connections; marsad::Error when it does not start. */
  explicit LoopbackServer(const std::string& database);
  /** Stops the server and the processes it forked for its connections. */
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  /** The line of a stub file that names this server's database. */
  std::string stub_line() const;

 private:
  /** Forks xapian-tcpsrv on port_ in a process group of its own. */
  void spawn(const std::string& database);
  /** Waits until the port accepts connections or the server exits; whether it accepts them. */
  bool wait_until_listening();
  /** Ends the server's process group and reaps the server. */
  void stop();

  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace marsad::bench
