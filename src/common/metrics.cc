#include "common/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace storyline {
namespace {

std::string Number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f", v);
    return b;
  }
  char b[32];
  std::snprintf(b, sizeof b, "%.9g", v);
  return b;
}

// Label values: backslash, double quote and newline escaped.
std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Help text: backslash and newline escaped.
std::string EscapeHelp(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out.push_back(c);
  }
  return out;
}

std::string LabelText(const Metrics::Labels& labels,
                      const std::string& extra_name = "",
                      const std::string& extra_value = "") {
  if (labels.empty() && extra_name.empty()) return "";
  std::string s = "{";
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) s += ",";
    first = false;
    s += k + "=\"" + Escape(v) + "\"";
  }
  if (!extra_name.empty()) {
    if (!first) s += ",";
    s += extra_name + "=\"" + extra_value + "\"";
  }
  return s + "}";
}

const char* TypeName(Metrics::Type t) {
  switch (t) {
    case Metrics::kCounter:
      return "counter";
    case Metrics::kGauge:
      return "gauge";
    case Metrics::kHistogram:
      return "histogram";
  }
  return "untyped";
}

}  // namespace

std::vector<double> Metrics::SecondsBuckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
          0.25,  0.5,    1,     2.5,  5,     10};
}

void Metrics::Define(const std::string& name, Type type,
                     const std::string& help, std::vector<double> buckets) {
  std::lock_guard<std::mutex> l(mu_);
  if (families_.count(name)) return;
  Family& f = families_[name];
  f.type = type;
  f.help = help;
  std::sort(buckets.begin(), buckets.end());
  f.bounds = std::move(buckets);
}

void Metrics::Add(const std::string& name, const Labels& labels, double v) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = families_.find(name);
  if (it == families_.end() || it->second.type == kHistogram) return;
  it->second.series[labels].value += v;
}

void Metrics::Set(const std::string& name, const Labels& labels, double v) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = families_.find(name);
  if (it == families_.end() || it->second.type != kGauge) return;
  it->second.series[labels].value = v;
}

void Metrics::Observe(const std::string& name, const Labels& labels, double v) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = families_.find(name);
  if (it == families_.end() || it->second.type != kHistogram) return;
  Family& f = it->second;
  Series& s = f.series[labels];
  if (s.buckets.empty()) s.buckets.assign(f.bounds.size() + 1, 0);
  size_t b = static_cast<size_t>(
      std::lower_bound(f.bounds.begin(), f.bounds.end(), v) - f.bounds.begin());
  ++s.buckets[b];  // b == bounds.size(): only +Inf
  s.sum += v;
  ++s.count;
}

double Metrics::Value(const std::string& name, const Labels& labels) const {
  std::lock_guard<std::mutex> l(mu_);
  auto it = families_.find(name);
  if (it == families_.end()) return 0;
  auto s = it->second.series.find(labels);
  return s == it->second.series.end() ? 0 : s->second.value;
}

std::string Metrics::Text() const {
  std::string out;
  std::lock_guard<std::mutex> l(mu_);
  for (const auto& [name, f] : families_) {
    out += "# HELP " + name + " " + EscapeHelp(f.help) + "\n";
    out += "# TYPE " + name + " " + TypeName(f.type) + "\n";
    for (const auto& [labels, s] : f.series) {
      if (f.type != kHistogram) {
        out += name + LabelText(labels) + " " + Number(s.value) + "\n";
        continue;
      }
      uint64_t cumulative = 0;
      for (size_t i = 0; i <= f.bounds.size(); ++i) {
        cumulative += s.buckets[i];
        std::string le = i < f.bounds.size() ? Number(f.bounds[i]) : "+Inf";
        out += name + "_bucket" + LabelText(labels, "le", le) + " " +
               Number(static_cast<double>(cumulative)) + "\n";
      }
      out += name + "_sum" + LabelText(labels) + " " + Number(s.sum) + "\n";
      out += name + "_count" + LabelText(labels) + " " +
             Number(static_cast<double>(s.count)) + "\n";
    }
  }
  return out;
}

}  // namespace storyline
