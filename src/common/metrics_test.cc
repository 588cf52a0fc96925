#include "common/metrics.h"

#include <gtest/gtest.h>

#include <thread>

#include "testing/prometheus.h"

namespace storyline {
namespace {

TEST(MetricsTest, TextIsStrictPrometheusAndCountsMove) {
  Metrics m;
  m.Define("x_requests_total", Metrics::kCounter, "Requests.\nBy route.");
  m.Define("x_seconds", Metrics::kHistogram, "Durations.",
           Metrics::SecondsBuckets());
  m.Define("x_queue", Metrics::kGauge, "Queued items.");
  m.Set("x_queue", {{"state", "queued"}}, 5);
  m.Set("x_queue", {{"state", "queued"}}, 3);
  m.Set("x_queue", {{"state", "odd \"value\"\\\n"}}, 1);
  m.Add("x_requests_total", {{"route", "story"}, {"status", "200"}});
  m.Add("x_requests_total", {{"route", "story"}, {"status", "200"}});
  m.Add("x_requests_total", {{"route", "search"}, {"status", "404"}});
  m.Observe("x_seconds", {{"route", "story"}}, 0.003);
  m.Observe("x_seconds", {{"route", "story"}}, 0.2);
  m.Observe("x_seconds", {{"route", "story"}}, 99);  // only +Inf
  m.Add("undefined_total", {});                      // ignored
  m.Observe("x_requests_total", {}, 1);              // wrong type: ignored
  testing::PromText p = testing::ParsePrometheus(m.Text());
  ASSERT_TRUE(p.error.empty()) << p.error << "\n" << m.Text();
  EXPECT_EQ(p.Value("x_requests_total", "route=\"story\",status=\"200\""), 2);
  EXPECT_EQ(p.Value("x_seconds_bucket", "route=\"story\",le=\"0.005\""), 1);
  EXPECT_EQ(p.Value("x_seconds_bucket", "route=\"story\",le=\"10\""), 2);
  EXPECT_EQ(p.Value("x_seconds_bucket", "route=\"story\",le=\"+Inf\""), 3);
  EXPECT_EQ(p.Value("x_seconds_count", "route=\"story\""), 3);
  EXPECT_EQ(p.Value("x_queue", "state=\"queued\""), 3);
  EXPECT_EQ(p.types.count("undefined_total"), 0u);
  EXPECT_EQ(
      m.Value("x_requests_total", {{"route", "search"}, {"status", "404"}}), 1);
}

TEST(MetricsTest, ConcurrentAddsAreAllCounted) {
  Metrics m;
  m.Define("c_total", Metrics::kCounter, "c");
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) m.Add("c_total", {{"k", "v"}});
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(m.Value("c_total", {{"k", "v"}}), 40000);
}

// The checker itself must fail on what Prometheus would refuse.
TEST(MetricsTest, TheFormatCheckerRefusesBadText) {
  const char* const bad[] = {
      "x_total 1\n",                                     // no TYPE
      "# TYPE x_total counter\nx_total one\n",           // not a number
      "# TYPE x counter\nx 1\n",                         // counter name
      "# TYPE x_total counter\nx_total{a=b} 1\n",        // unquoted
      "# TYPE x_total counter\nx_total{a=\"\\t\"} 1\n",  // bad escape
      "# TYPE x_total counter\nx_total 1\nx_total 2\n",  // twice
      "# TYPE x_total counter\nx_total -1\n",            // negative
      "# TYPE a gauge\n# TYPE b gauge\na 1\nb 1\na{k=\"v\"} 1\n",  // split
      ("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"2\"} 1\n"
       "h_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 2\n"),  // not cumulative
      "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_sum 1\nh_count 2\n",
      "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n",
      "# TYPE x_total counter\nx_total 1",  // no final newline
      "# TYPE x_total counter\n# TYPE x_total counter\nx_total 1\n",
  };
  for (const char* text : bad)
    EXPECT_FALSE(testing::ParsePrometheus(text).error.empty()) << text;
  EXPECT_TRUE(testing::ParsePrometheus("# TYPE x_total counter\nx_total 1\n")
                  .error.empty());
}

}  // namespace
}  // namespace storyline
