// rds-sim: see sim/README.md.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <future>
#include <iostream>
#include <thread>

#include "sim/cli.h"
#include "sim/server.h"

int main(int argc, char** argv) {
  rds::sim::SimOptions options;
  try {
    options = rds::sim::parse_cli(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const rds::sim::CliError& e) {
    std::cerr << "rds-sim: " << e.what() << "\n" << rds::sim::usage();
    return 2;
  }
  if (options.help) {
    std::cout << rds::sim::usage();
    return 0;
  }

  // A client that hangs up mid-answer (or a dropped-connection fault) must not kill the sim: httplib
  // writes with plain send(), which raises SIGPIPE on a closed socket.
  signal(SIGPIPE, SIG_IGN);
  // SIGTERM/SIGINT are taken synchronously by the main thread; block them before any thread starts so
  // that no worker thread receives them. An ignored disposition is inherited across exec (a shell
  // ignores SIGINT for background jobs) and would make sigwait() miss the signal, so reset it first.
  signal(SIGTERM, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    rds::sim::SimServer server(options);
    server.bind();
    std::cout << server.base_url() << "\n";
    if (options.tls) std::cout << server.ca_file() << "\n";
    std::cout.flush();
    if (!options.quiet) {
      std::cerr << "rds-sim: serving " << server.base_url() << " for project "
                << options.credentials.project_id << (options.tls ? " (CA " + server.ca_file() + ")" : "")
                << ", fault seed " << server.fault_seed() << std::endl;
    }

    auto serving = std::async(std::launch::async, [&server] { server.listen(); });
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    if (!options.quiet) std::cerr << "rds-sim: signal " << signal_number << ", stopping" << std::endl;
    // stop() is a no-op until listen() is running, so a signal that arrives right after start-up is
    // repeated until it takes. httplib then finishes idle keep-alive connections before listen()
    // returns, which can take up to the keep-alive timeout: after a moment, leave without them.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    do {
      server.stop();
    } while (serving.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready &&
             std::chrono::steady_clock::now() < give_up);
    if (serving.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      // The destructor (and the future's) would wait for the workers, so clean up by hand and leave.
      server.remove_temp_files();
      if (!options.quiet) {
        std::cerr << "rds-sim: stopped (idle keep-alive connections abandoned)" << std::endl;
      }
      std::_Exit(0);
    }
  } catch (const std::exception& e) {
    std::cerr << "rds-sim: " << e.what() << std::endl;
    return 1;
  }
  if (!options.quiet) std::cerr << "rds-sim: stopped" << std::endl;
  return 0;
}
