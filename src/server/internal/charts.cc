// Inline SVG charts: a sparkline of articles per day for the front page
// and coverage per day by outlet for a story page. Drawn with presentation
// attributes only (no style attributes), so a strict CSP allows them.
#include <algorithm>
#include <sstream>

#include "common/strings.h"
#include "common/time.h"
#include "server/internal/views.h"

namespace storyline::server::internal {
namespace {

// Colour-blind-safe palette (Okabe–Ito order), then grey for "others".
const char* const kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                "#56B4E9", "#D55E00", "#999999"};

std::string Day(int64_t day) { return FormatDay(CivilFromDays(day)); }

}  // namespace

std::string Sparkline(const StoryCard& card, int64_t last_day, int days) {
  const int w = 120, h = 24;
  std::vector<int> v(static_cast<size_t>(days), 0);
  int peak = 1, total = 0;
  for (int i = 0; i < days; ++i) {
    auto it = card.per_day.find(last_day - (days - 1) + i);
    if (it != card.per_day.end()) v[static_cast<size_t>(i)] = it->second;
    peak = std::max(peak, v[static_cast<size_t>(i)]);
    total += v[static_cast<size_t>(i)];
  }
  std::ostringstream pts;
  for (int i = 0; i < days; ++i) {
    double x = days == 1 ? 0 : i * (w - 2.0) / (days - 1) + 1;
    double y = h - 2 - v[static_cast<size_t>(i)] * (h - 4.0) / peak;
    pts << (i ? " " : "") << static_cast<int>(x) << "," << static_cast<int>(y);
  }
  std::string label = std::to_string(total) + " articles in the " +
                      std::to_string(days) + " days to " + Day(last_day) +
                      ", at most " + std::to_string(peak) + " a day";
  return "<svg class=\"spark\" width=\"" + std::to_string(w) + "\" height=\"" +
         std::to_string(h) + "\" viewBox=\"0 0 " + std::to_string(w) + " " +
         std::to_string(h) + "\" role=\"img\" aria-label=\"" + label +
         "\"><title>" + label +
         "</title><polyline fill=\"none\" stroke=\"currentColor\" "
         "stroke-width=\"1.5\" points=\"" +
         pts.str() + "\"/></svg>";
}

std::string CoverageChart(
    const std::map<std::pair<int64_t, std::string>, int>& coverage) {
  if (coverage.empty()) return "";
  std::map<std::string, int> by_outlet;
  int64_t first = coverage.begin()->first.first, last = first;
  for (const auto& [k, n] : coverage) {
    by_outlet[k.second] += n;
    first = std::min(first, k.first);
    last = std::max(last, k.first);
  }
  // At most 60 days (the newest), 6 named outlets, the rest as "others".
  first = std::max(first, last - 59);
  std::vector<std::pair<int, std::string>> order;
  for (const auto& [o, n] : by_outlet) order.push_back({-n, o});
  std::sort(order.begin(), order.end());
  std::map<std::string, size_t> colour;
  for (size_t i = 0; i < order.size(); ++i)
    colour[order[i].second] = std::min<size_t>(i, 6);
  const size_t ndays = static_cast<size_t>(last - first + 1);
  std::vector<std::vector<int>> stack(ndays, std::vector<int>(7, 0));
  int peak = 1;
  for (const auto& [k, n] : coverage) {
    if (k.first < first) continue;
    stack[static_cast<size_t>(k.first - first)][colour[k.second]] += n;
  }
  for (const auto& day : stack) {
    int t = 0;
    for (int n : day) t += n;
    peak = std::max(peak, t);
  }
  const int w = 640, h = 160, pad = 20;
  double bw = (w - 2.0 * pad) / static_cast<double>(ndays);
  std::ostringstream o;
  o << "<figure><svg class=\"chart\" width=\"" << w << "\" height=\"" << h
    << "\" viewBox=\"0 0 " << w << " " << h
    << "\" role=\"img\" aria-labelledby=\"cov-title\"><title "
       "id=\"cov-title\">Articles per day by outlet, "
    << Day(first) << " to " << Day(last) << "</title>";
  for (size_t d = 0; d < ndays; ++d) {
    double y = h - pad;
    int total = 0;
    for (size_t c = 0; c < 7; ++c) {
      int n = stack[d][c];
      if (!n) continue;
      total += n;
      double bh = n * (h - 2.0 * pad) / peak;
      y -= bh;
      o << "<rect x=\"" << static_cast<int>(pad + d * bw) << "\" y=\""
        << static_cast<int>(y) << "\" width=\""
        << std::max(1, static_cast<int>(bw) - 1) << "\" height=\""
        << std::max(1, static_cast<int>(bh)) << "\" fill=\"" << kPalette[c]
        << "\"/>";
    }
    if (total)
      o << "<text x=\"" << static_cast<int>(pad + d * bw + bw / 2) << "\" y=\""
        << static_cast<int>(y) - 3
        << "\" font-size=\"10\" text-anchor=\"middle\" "
           "fill=\"currentColor\">"
        << total << "</text>";
  }
  o << "<text x=\"" << pad << "\" y=\"" << h - 4
    << "\" font-size=\"11\" fill=\"currentColor\">" << Day(first)
    << "</text><text x=\"" << w - pad << "\" y=\"" << h - 4
    << "\" font-size=\"11\" text-anchor=\"end\" fill=\"currentColor\">"
    << Day(last) << "</text></svg><figcaption><ul class=\"legend\">";
  for (size_t i = 0; i < order.size() && i < 7; ++i) {
    std::string name = i < 6 ? order[i].second : "other outlets";
    int n = -order[i].first;
    if (i == 6) {
      n = 0;
      for (size_t k = 6; k < order.size(); ++k) n -= order[k].first;
    }
    o << "<li><svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect "
         "width=\"10\" height=\"10\" fill=\""
      << kPalette[i] << "\"/></svg> " << HtmlEscape(name) << " (" << n
      << ")</li>";
  }
  o << "</ul></figcaption></figure>\n";
  return o.str();
}

}  // namespace storyline::server::internal
