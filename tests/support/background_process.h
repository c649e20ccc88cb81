#pragma once
// A program run in the background by an end-to-end test (an indexer that commits while readers
// search, a server, a replication master), with its stdout and stderr in a file the test can read.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace marsad::testing_support {

/** How a background program ended. */
struct Ending {
  bool exited = false;  // by exit(): exit_code is meaningful
  int exit_code = -1;
  int signal = 0;       // the signal that ended it
  bool timed_out = false;
};

/**
 * Starts `argv` (argv[0] a path or a name looked up in PATH) with the test's environment plus `env`
 * (NAME=VALUE each), stdin from /dev/null and stdout and stderr appended to `log`. Killed (SIGKILL)
 * and reaped when destroyed, unless it ended before.
 */
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, std::filesystem::path log, const std::vector<std::string>& env = {})
      : log_(std::move(log)) {
    // Everything exec needs is made before fork: the test may run other threads.
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    auto name_of = [](std::string_view entry) { return entry.substr(0, entry.find('=')); };
    std::vector<std::string> environment(env);
    for (char** e = environ; *e; ++e) {
      bool overridden = false;
      for (const std::string& mine : env) overridden = overridden || name_of(mine) == name_of(*e);
      if (!overridden) environment.emplace_back(*e);
    }
    std::vector<char*> envp;
    for (const std::string& e : environment) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    const int out = open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || in < 0) throw std::runtime_error("cannot open " + log_.string() + " or /dev/null");
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);  // a test that crashes leaves no server behind
      dup2(in, STDIN_FILENO);
      dup2(out, STDOUT_FILENO);
      dup2(out, STDERR_FILENO);
      execvpe(args[0], args.data(), envp.data());
      _exit(127);
    }
    close(out);
    close(in);
    if (pid_ < 0) throw std::runtime_error("fork failed for " + argv.front());
  }
  ~BackgroundProcess() {
    if (ended_) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  /** Sends `signal` unless it has ended. */
  void send(int signal) const {
    if (!ended_) kill(pid_, signal);
  }
  /** Whether it has ended (reaping it if so). */
  bool ended() {
    int status = 0;
    if (!ended_ && waitpid(pid_, &status, WNOHANG) == pid_) record(status);
    return ended_;
  }
  /** Waits for it to end; after `timeout` it is killed and the ending says timed_out. */
  Ending wait(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!ended() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!ended_) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
      record(status);
      ending_.timed_out = true;
    }
    return ending_;
  }
  /** What it has written so far. */
  std::string log() const {
    std::ifstream in(log_, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  /** The first line of its output that starts with `prefix`, waiting for it at most `timeout`;
   *  nothing when it did not come or the program ended first. */
  std::optional<std::string> wait_for_line(std::string_view prefix, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const std::string text = log();
      for (std::size_t begin = 0, end; begin < text.size(); begin = end + 1) {
        end = text.find('\n', begin);
        if (end == std::string::npos) break;  // a line not yet whole
        if (std::string_view(text).substr(begin, end - begin).starts_with(prefix)) return text.substr(begin, end - begin);
      }
      if (ended() || std::chrono::steady_clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

 private:
  void record(int status) {
    ended_ = true;
    ending_.exited = WIFEXITED(status);
    ending_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    ending_.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  std::filesystem::path log_;
  pid_t pid_ = -1;
  bool ended_ = false;
  Ending ending_;
};

}  // namespace marsad::testing_support
