// A strict reader of the Prometheus text format (0.0.4), for tests: what
// /metrics serves must parse here, or the test names the line and why.
//
//   testing::PromText p = testing::ParsePrometheus(body);
//   ASSERT_TRUE(p.error.empty()) << p.error;
//   double n = p.Value("storyline_http_requests_total",
//                      "route=\"story\",status=\"200\"");
//
// Checked: every line is a "# HELP", a "# TYPE" or a sample; names and
// label names are valid; label values are quoted with only \\, \" and \n
// escapes; each family has one TYPE, given before its samples, and its
// samples are contiguous; sample values are numbers (or +Inf/-Inf/NaN);
// no series appears twice; counters are named *_total and never negative;
// a histogram's buckets have an "le" label, ascend, are cumulative, end
// with +Inf, and +Inf equals _count.
#ifndef STORYLINE_TESTING_PROMETHEUS_H_
#define STORYLINE_TESTING_PROMETHEUS_H_

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace storyline::testing {

struct PromText {
  std::string error;  // "" when valid
  // "name{labels}" (labels as written, without braces) -> value.
  std::map<std::string, double> samples;
  std::map<std::string, std::string> types;  // family -> type
  double Value(const std::string& name, const std::string& labels = "") const {
    auto it = samples.find(labels.empty() ? name : name + "{" + labels + "}");
    return it == samples.end() ? -1 : it->second;
  }
};

namespace prom_internal {

inline bool NameChar(char c, bool first) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == ':' || (!first && c >= '0' && c <= '9');
}

inline bool ValidName(const std::string& n) {
  if (n.empty()) return false;
  for (size_t i = 0; i < n.size(); ++i)
    if (!NameChar(n[i], i == 0)) return false;
  return true;
}

inline bool ParseValue(const std::string& s, double* v) {
  if (s == "+Inf") return *v = INFINITY, true;
  if (s == "-Inf") return *v = -INFINITY, true;
  if (s == "NaN") return *v = NAN, true;
  if (s.empty()) return false;
  char* end = nullptr;
  *v = std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}

// The family a sample name belongs to (histogram suffixes removed when
// that family is a histogram).
inline std::string FamilyOf(const std::string& name,
                            const std::map<std::string, std::string>& types) {
  for (const char* suf : {"_bucket", "_sum", "_count"}) {
    std::string s = suf;
    if (name.size() > s.size() &&
        name.compare(name.size() - s.size(), s.size(), s) == 0) {
      std::string base = name.substr(0, name.size() - s.size());
      auto it = types.find(base);
      if (it != types.end() && it->second == "histogram") return base;
    }
  }
  return name;
}

}  // namespace prom_internal

inline PromText ParsePrometheus(const std::string& body) {
  using namespace prom_internal;
  PromText out;
  std::istringstream in(body);
  std::string line;
  int n = 0;
  std::string current;  // family whose samples are being read
  std::set<std::string> finished;
  // Histogram state per (family, labels without le).
  struct Hist {
    double last_le = -INFINITY, last_count = 0;
    bool inf = false;
    double inf_count = 0;
  };
  std::map<std::string, Hist> hists;
  auto fail = [&](const std::string& why) {
    if (out.error.empty())
      out.error = "line " + std::to_string(n) + ": " + why + ": " + line;
  };
  if (!body.empty() && body.back() != '\n') {
    out.error = "the text does not end with a newline";
    return out;
  }
  while (std::getline(in, line) && out.error.empty()) {
    ++n;
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::istringstream ls(line);
      std::string hash, kind, name, rest;
      ls >> hash >> kind >> name;
      if (kind != "HELP" && kind != "TYPE") continue;  // a plain comment
      if (!ValidName(name)) fail("bad metric name in " + kind);
      if (kind == "TYPE") {
        std::getline(ls, rest);
        std::string t = rest.substr(rest.find_first_not_of(' '));
        if (t != "counter" && t != "gauge" && t != "histogram" &&
            t != "summary" && t != "untyped")
          fail("unknown type");
        if (out.types.count(name)) fail("second TYPE for one family");
        if (finished.count(name) || current == name)
          fail("TYPE after the family's samples");
        out.types[name] = t;
      }
      continue;
    }
    // A sample: name, optional {labels}, value, optional timestamp.
    size_t i = 0;
    while (i < line.size() && NameChar(line[i], i == 0)) ++i;
    std::string name = line.substr(0, i);
    if (!ValidName(name)) {
      fail("bad sample name");
      break;
    }
    std::string labels, le;
    std::string labels_without_le;
    if (i < line.size() && line[i] == '{') {
      ++i;
      bool first = true;
      while (i < line.size() && line[i] != '}') {
        if (!first) {
          if (line[i] != ',') {
            fail("labels not separated by ','");
            break;
          }
          ++i;
        }
        first = false;
        size_t k = i;
        while (i < line.size() && NameChar(line[i], i == k)) ++i;
        std::string lname = line.substr(k, i - k);
        if (!ValidName(lname)) fail("bad label name");
        if (i >= line.size() || line[i] != '=' || i + 1 >= line.size() ||
            line[i + 1] != '"') {
          fail("label value not quoted");
          break;
        }
        i += 2;
        std::string value;
        while (i < line.size() && line[i] != '"') {
          if (line[i] == '\\') {
            if (i + 1 >= line.size() ||
                (line[i + 1] != '\\' && line[i + 1] != '"' &&
                 line[i + 1] != 'n')) {
              fail("bad escape in a label value");
              break;
            }
            value.push_back(line[i + 1]);
            i += 2;
            continue;
          }
          value.push_back(line[i++]);
        }
        if (i >= line.size()) {
          fail("unterminated label value");
          break;
        }
        ++i;  // closing quote
        std::string pair = line.substr(k, i - k);
        if (lname == "le") {
          le = value;
        } else {
          labels_without_le += (labels_without_le.empty() ? "" : ",") + pair;
        }
        labels += (labels.empty() ? "" : ",") + pair;
      }
      if (i >= line.size() || line[i] != '}') {
        fail("labels not closed");
        break;
      }
      ++i;
    }
    if (i >= line.size() || line[i] != ' ') {
      fail("no space before the value");
      break;
    }
    std::string rest = line.substr(i + 1);
    std::string value_text = rest.substr(0, rest.find(' '));
    double v = 0;
    if (!ParseValue(value_text, &v)) fail("value is not a number");
    std::string family = FamilyOf(name, out.types);
    if (!out.types.count(family)) fail("sample before its family's TYPE");
    if (family != current) {
      if (finished.count(family)) fail("family's samples not contiguous");
      if (!current.empty()) finished.insert(current);
      current = family;
    }
    std::string key = labels.empty() ? name : name + "{" + labels + "}";
    if (out.samples.count(key)) fail("series given twice");
    out.samples[key] = v;
    const std::string& type = out.types[family];
    if (type == "counter") {
      if (name.size() < 6 || name.compare(name.size() - 6, 6, "_total") != 0)
        fail("counter not named *_total");
      if (v < 0) fail("negative counter");
    }
    if (type == "histogram") {
      std::string hk = family + "{" + labels_without_le + "}";
      Hist& h = hists[hk];
      if (name == family + "_bucket") {
        double bound = 0;
        if (le.empty() || !ParseValue(le, &bound)) fail("bucket without le");
        if (bound <= h.last_le) fail("buckets not ascending");
        if (v < h.last_count) fail("buckets not cumulative");
        h.last_le = bound;
        h.last_count = v;
        if (std::isinf(bound)) {
          h.inf = true;
          h.inf_count = v;
        }
      } else if (name == family + "_count") {
        if (!h.inf) fail("histogram without a +Inf bucket");
        if (h.inf_count != v) fail("+Inf bucket differs from _count");
      } else if (name != family + "_sum") {
        fail("unexpected sample in a histogram");
      }
    }
  }
  return out;
}

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_PROMETHEUS_H_
