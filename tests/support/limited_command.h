#pragma once
// Runs an executable for end-to-end tests under limits (time, address space, optionally as the
// unprivileged user nobody), with stdout and stderr captured apart and a death by signal told apart
// from an exit. Unlike run_command, nothing goes through a shell.
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace marsad::testing_support {

/** Sanitized builds run several times slower: time limits stretch by this factor there. */
#ifdef MARSAD_SANITIZE
inline constexpr int kSanitizerSlowdown = 5;
#else
inline constexpr int kSanitizerSlowdown = 1;
#endif

/** How a command is run: the limits it gets and what it reads. */
struct CommandLimits {
  std::chrono::milliseconds timeout{60'000};         // then SIGKILL, and the result says timed_out
  std::uint64_t address_space_bytes = 4ull << 30;     // RLIMIT_AS of the child
  std::optional<std::chrono::milliseconds> terminate_after;  // send SIGTERM once this long has passed
  bool as_nobody = false;                             // drop to uid/gid 65534 before exec (needs root)
  std::string stdin_path;                             // piped to the child's stdin; empty: /dev/null
  std::size_t keep_stdout_bytes = 64u << 20;          // stdout beyond this is counted, not kept
  std::size_t keep_stderr_bytes = 16u << 20;          // likewise for stderr
};

/** How a command ended and what it printed. */
struct LimitedResult {
  std::string launch_error;  // set when the command never ran (fork, pipes, privileges, exec)
  bool exited = false;       // ended by exit(); exit_code is then meaningful
  int exit_code = -1;
  int signal = 0;            // the signal that ended it (0 when it exited)
  bool timed_out = false;    // killed by us after limits.timeout
  std::string out, err;
  std::uint64_t out_bytes = 0, err_bytes = 0;  // everything printed, including what was not kept
  double seconds = 0;

  /** "exit 1", "killed by SIGSEGV", "timed out after 60 s", "could not start: …" */
  std::string describe() const;
};

/** The usual name of a signal ("SIGSEGV"), or "signal N". */
inline std::string signal_name(int signal) {
  switch (signal) {
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGHUP: return "SIGHUP";
    case SIGILL: return "SIGILL";
    case SIGINT: return "SIGINT";
    case SIGKILL: return "SIGKILL";
    case SIGPIPE: return "SIGPIPE";
    case SIGQUIT: return "SIGQUIT";
    case SIGSEGV: return "SIGSEGV";
    case SIGSYS: return "SIGSYS";
    case SIGTERM: return "SIGTERM";
    case SIGTRAP: return "SIGTRAP";
    case SIGXCPU: return "SIGXCPU";
    case SIGXFSZ: return "SIGXFSZ";
    default: return "signal " + std::to_string(signal);
  }
}

inline std::string LimitedResult::describe() const {
  if (!launch_error.empty()) return "could not start: " + launch_error;
  if (timed_out) return "timed out after " + std::to_string(static_cast<int>(seconds)) + " s (killed)";
  if (!exited) return "killed by " + signal_name(signal);
  return "exit " + std::to_string(exit_code);
}

namespace detail {

/** Reports a failure before exec to the parent through `fd` and ends the child; async-signal-safe. */
[[noreturn]] inline void child_fail(int fd, const char* stage) {
  int error = errno;
  char message[96];
  std::size_t n = 0;
  for (const char* p = stage; *p && n < sizeof message - 16; ++p) message[n++] = *p;
  message[n++] = ':';
  message[n++] = ' ';
  message[n++] = 'e';
  message[n++] = 'r';
  message[n++] = 'r';
  message[n++] = 'n';
  message[n++] = 'o';
  message[n++] = ' ';
  char digits[8];
  int d = 0;
  do {
    digits[d++] = static_cast<char>('0' + error % 10);
    error /= 10;
  } while (error > 0 && d < 8);
  while (d > 0) message[n++] = digits[--d];
  ssize_t ignored = write(fd, message, n);
  (void)ignored;
  _exit(127);
}

inline void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

/** Appends what `fd` has to `kept` (up to `limit`), counting all of it; false once it is at its end. */
inline bool drain(int fd, std::string& kept, std::uint64_t& total, std::size_t limit) {
  char buffer[65536];
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
      total += static_cast<std::uint64_t>(n);
      if (kept.size() < limit) kept.append(buffer, std::min<std::size_t>(static_cast<std::size_t>(n), limit - kept.size()));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    return false;  // end of file or an error: nothing more will come
  }
}

}  // namespace detail

/**
 * Runs `argv` (argv[0] is the executable's path) under `limits` and waits for it, whatever it does:
 * a command that outlives the timeout is killed with SIGKILL. The child gets no core dump, default
 * signal dispositions and an empty signal mask.
 */
inline LimitedResult run_limited(const std::vector<std::string>& argv, const CommandLimits& limits = {}) {
  using Clock = std::chrono::steady_clock;
  // Feeding stdin to a child that has stopped reading must be an error to handle, not our death.
  ::signal(SIGPIPE, SIG_IGN);
  LimitedResult result;
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  int stdin_file = -1;
  if (!limits.stdin_path.empty()) {
    stdin_file = open(limits.stdin_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (stdin_file < 0) {
      result.launch_error = "cannot open " + limits.stdin_path + ": " + std::strerror(errno);
      return result;
    }
  }
  int out_pipe[2], err_pipe[2], in_pipe[2] = {-1, -1}, status_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 || pipe2(status_pipe, O_CLOEXEC) != 0 ||
      (stdin_file >= 0 && pipe2(in_pipe, O_CLOEXEC) != 0)) {
    result.launch_error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  const rlim_t address_space = static_cast<rlim_t>(limits.address_space_bytes);
  auto start = Clock::now();
  pid_t pid = fork();
  if (pid < 0) {
    result.launch_error = std::string("fork: ") + std::strerror(errno);
    return result;
  }
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec: the test process may have other threads.
    int fd = status_pipe[1];
    int in = in_pipe[0] >= 0 ? in_pipe[0] : open("/dev/null", O_RDONLY);
    if (in < 0 || dup2(in, STDIN_FILENO) < 0) detail::child_fail(fd, "stdin");
    if (dup2(out_pipe[1], STDOUT_FILENO) < 0 || dup2(err_pipe[1], STDERR_FILENO) < 0) detail::child_fail(fd, "dup2");
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int s = 1; s < NSIG; ++s) sigaction(s, &default_action, nullptr);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    struct rlimit no_core {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
#ifndef MARSAD_SANITIZE  // AddressSanitizer reserves terabytes of address space for its shadow
    struct rlimit as_limit {address_space, address_space};
    if (setrlimit(RLIMIT_AS, &as_limit) != 0) detail::child_fail(fd, "setrlimit(RLIMIT_AS)");
#else
    (void)address_space;
#endif
    if (limits.as_nobody) {
      const gid_t nobody_group = 65534;
      const uid_t nobody = 65534;
      if (setgroups(0, nullptr) != 0) detail::child_fail(fd, "setgroups");
      if (setresgid(nobody_group, nobody_group, nobody_group) != 0) detail::child_fail(fd, "setresgid(65534)");
      if (setresuid(nobody, nobody, nobody) != 0) detail::child_fail(fd, "setresuid(65534)");
    }
    execv(args[0], args.data());
    detail::child_fail(fd, "exec");
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(status_pipe[1]);
  if (in_pipe[0] >= 0) close(in_pipe[0]);

  // Exec closes the status pipe; anything on it is the child's reason for not getting there.
  std::string launch;
  std::uint64_t launch_bytes = 0;
  while (detail::drain(status_pipe[0], launch, launch_bytes, 256)) {
  }
  close(status_pipe[0]);
  if (!launch.empty()) {
    waitpid(pid, nullptr, 0);
    close(out_pipe[0]);
    close(err_pipe[0]);
    if (in_pipe[1] >= 0) close(in_pipe[1]);
    if (stdin_file >= 0) close(stdin_file);
    result.launch_error = launch;
    return result;
  }

  int out_fd = out_pipe[0], err_fd = err_pipe[0], in_fd = in_pipe[1];
  detail::set_nonblocking(out_fd);
  detail::set_nonblocking(err_fd);
  if (in_fd >= 0) detail::set_nonblocking(in_fd);
  std::string pending;  // read from the stdin file, not yet written to the child
  std::size_t pending_pos = 0;
  bool terminated = false, reaped = false;
  int status = 0;
  auto close_stdin = [&] {
    if (in_fd >= 0) close(in_fd);
    in_fd = -1;
  };
  while (!reaped || out_fd >= 0 || err_fd >= 0) {
    auto elapsed = Clock::now() - start;
    if (!reaped && elapsed >= limits.timeout * kSanitizerSlowdown) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      reaped = true;
      result.timed_out = true;
    }
    if (!reaped && !terminated && limits.terminate_after && elapsed >= *limits.terminate_after) {
      kill(pid, SIGTERM);
      terminated = true;
    }
    if (!reaped && waitpid(pid, &status, WNOHANG) == pid) reaped = true;
    if (reaped) {
      // Whatever is left in the pipes is all there is (unless something the child started holds them).
      close_stdin();
      if (out_fd >= 0) detail::drain(out_fd, result.out, result.out_bytes, limits.keep_stdout_bytes);
      if (err_fd >= 0) detail::drain(err_fd, result.err, result.err_bytes, limits.keep_stderr_bytes);
      if (out_fd >= 0) close(out_fd);
      if (err_fd >= 0) close(err_fd);
      out_fd = err_fd = -1;
      break;
    }
    if (in_fd >= 0 && pending_pos == pending.size()) {
      char buffer[65536];
      ssize_t n = read(stdin_file, buffer, sizeof buffer);
      if (n > 0) {
        pending.assign(buffer, static_cast<std::size_t>(n));
        pending_pos = 0;
      } else {
        close_stdin();
      }
    }
    std::vector<pollfd> fds;
    if (out_fd >= 0) fds.push_back({out_fd, POLLIN, 0});
    if (err_fd >= 0) fds.push_back({err_fd, POLLIN, 0});
    if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
    if (fds.empty()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    poll(fds.data(), fds.size(), 20);
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == out_fd && !detail::drain(out_fd, result.out, result.out_bytes, limits.keep_stdout_bytes)) {
        close(out_fd);
        out_fd = -1;
      } else if (p.fd == err_fd && !detail::drain(err_fd, result.err, result.err_bytes, limits.keep_stderr_bytes)) {
        close(err_fd);
        err_fd = -1;
      } else if (p.fd == in_fd) {
        ssize_t n = write(in_fd, pending.data() + pending_pos, pending.size() - pending_pos);
        if (n > 0) {
          pending_pos += static_cast<std::size_t>(n);
        } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
          close_stdin();  // the child closed its stdin (EPIPE): it reads no more
        }
      }
    }
  }
  if (!reaped) waitpid(pid, &status, 0);
  if (stdin_file >= 0) close(stdin_file);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (WIFEXITED(status)) {
    result.exited = true;
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

}  // namespace marsad::testing_support
