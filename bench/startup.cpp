#include "bench/startup.h"

#include <cstdio>
#include <stdexcept>
#include <vector>

#include "bench/provider_launch.h"
#include "bench/stats.h"

namespace rds::bench {
namespace {

struct StartupFigures {
  std::string binary;
  std::vector<double> handshake_ms{}, rss_mib{}, cpu_ms{};
};

void measure_once(StartupFigures& figures, const std::filesystem::path& scratch, const std::string& cert) {
  auto launched = launch_provider(figures.binary, scratch, cert);
  figures.handshake_ms.push_back(millis(launched.time_to_handshake));
  figures.rss_mib.push_back(static_cast<double>(launched.rss_kib) / 1024.0);
  figures.cpu_ms.push_back(millis(launched.cpu_time));
  // ~ChildProcess kills it (SIGKILL) and reaps it, as Terraform kills a plugin that outlives Shutdown.
}

void print(const StartupFigures& figures) {
  const Samples time(figures.handshake_ms), rss(figures.rss_mib), cpu(figures.cpu_ms);
  std::printf("  %s\n", figures.binary.c_str());
  std::printf(
      "    to handshake: median %7.1f ms   p10 %7.1f   p90 %7.1f   min %7.1f   max %7.1f   (%zu runs)\n",
      time.median(), time.percentile(10), time.percentile(90), time.min(), time.max(), time.size());
  std::printf(
      "    at handshake: RSS %6.1f MiB (median; min %.1f, max %.1f)   CPU %6.1f ms (all threads, median)\n",
      rss.median(), rss.min(), rss.max(), cpu.median());
}

}  // namespace

void bench_startup(const std::string& provider, const std::string& vs, const std::filesystem::path& scratch,
                   int runs) {
  const std::string cert = make_client_certificate(scratch);
  if (cert.empty()) throw std::runtime_error("start-up needs the openssl CLI to make a client certificate");
  std::vector<StartupFigures> binaries{{.binary = provider}};
  if (!vs.empty()) binaries.push_back({.binary = vs});
  for (auto& figures : binaries) {
    StartupFigures warm_up{.binary = figures.binary};
    measure_once(warm_up, scratch, cert);  // page cache, first-exec costs: not what Terraform sees twice
  }
  for (int i = 0; i < runs; ++i) {
    for (auto& figures : binaries) measure_once(figures, scratch, cert);
  }
  std::printf("start-up to the handshake line, AutoMTLS, started as Terraform starts a provider:\n");
  for (const auto& figures : binaries) print(figures);
  if (binaries.size() == 2) {
    const double ours = Samples(binaries[0].handshake_ms).median();
    const double theirs = Samples(binaries[1].handshake_ms).median();
    std::printf("    ratio: --vs takes %.1fx as long as --provider to its handshake (medians)\n",
                theirs / ours);
  }
}

}  // namespace rds::bench
