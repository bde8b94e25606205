// Order statistics for the benchmarks' samples, and the one way they print a time.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace rds::bench {

// The sorted samples and their nearest-rank percentiles (p in 0..100).
class Samples {
 public:
  explicit Samples(std::vector<double> values) : values_(std::move(values)) {
    std::sort(values_.begin(), values_.end());
  }
  double percentile(double p) const {
    if (values_.empty()) return 0;
    const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values_.size() - 1) + 0.5);
    return values_[std::min(rank, values_.size() - 1)];
  }
  double median() const { return percentile(50); }
  double min() const { return values_.empty() ? 0 : values_.front(); }
  double max() const { return values_.empty() ? 0 : values_.back(); }
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<double> values_;
};

inline double millis(std::chrono::microseconds duration) {
  return static_cast<double>(duration.count()) / 1000.0;
}

}  // namespace rds::bench
