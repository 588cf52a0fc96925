// metrics: counters, gauges and histograms, exposed in the
// Prometheus text format (version 0.0.4) at the server's /metrics.
//
//   Metrics m;                                   // one per process, injected
//   m.Define("storyline_http_requests_total", Metrics::kCounter,
//            "HTTP requests answered, by route and status.");
//   m.Add("storyline_http_requests_total", {{"route", "story"}, {"status",
//   "200"}}); m.Observe("storyline_compose_seconds", {}, 0.012); std::string
//   text = m.Text();
//
// A family is defined once (name, type, help, and for histograms the
// bucket bounds), by the component that counts it, when it is made;
// Add/Observe on an undefined name, or on a name of another type, is
// ignored (a programming error must not take a server down). Label
// values are escaped on output. A gauge is set with Set().
// Thread-safe: one mutex; an Add is a map lookup under it.
#ifndef STORYLINE_COMMON_METRICS_H_
#define STORYLINE_COMMON_METRICS_H_

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace storyline {

class Metrics {
 public:
  enum Type { kCounter, kGauge, kHistogram };
  using Labels = std::vector<std::pair<std::string, std::string>>;

  // Defines a family (again: no effect). `buckets`: histogram upper
  // bounds, ascending ("+Inf" is added).
  void Define(const std::string& name, Type type, const std::string& help,
              std::vector<double> buckets = {});
  // Counters and gauges.
  void Add(const std::string& name, const Labels& labels, double v = 1);
  void Set(const std::string& name, const Labels& labels, double v);
  void Observe(const std::string& name, const Labels& labels, double v);
  // The current value of a counter series (0 when absent), for tests and
  // log lines.
  double Value(const std::string& name, const Labels& labels) const;
  // Every family, sorted by name, series sorted by labels.
  std::string Text() const;

  // Bucket bounds for durations of a few ms to a few s.
  static std::vector<double> SecondsBuckets();

 private:
  struct Series {
    double value = 0;               // counters, gauges
    std::vector<uint64_t> buckets;  // histograms: per bound, then +Inf
    double sum = 0;
    uint64_t count = 0;
  };
  struct Family {
    Type type = kCounter;
    std::string help;
    std::vector<double> bounds;
    std::map<Labels, Series> series;
  };
  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

}  // namespace storyline

#endif  // STORYLINE_COMMON_METRICS_H_
