#include "ingest/robots.h"

#include <algorithm>

#include "common/strings.h"

namespace storyline::ingest {
namespace {

// Matches `path` against a robots pattern with '*' wildcards and an
// optional '$' end anchor (iterative, no backtracking blow-up).
bool Match(std::string_view pat, std::string_view path) {
  bool anchored = !pat.empty() && pat.back() == '$';
  if (anchored) pat.remove_suffix(1);
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = s;
    } else if (p < pat.size() && pat[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pat.size() && !anchored) {
      return true;  // prefix match
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

}  // namespace

bool Robots::Allowed(std::string_view path) const {
  if (path.empty()) path = "/";
  size_t best = 0;
  bool allowed = true, found = false;
  for (const auto& [allow, pat] : rules) {
    if (pat.empty() || !Match(pat, path)) continue;
    if (!found || pat.size() > best || (pat.size() == best && allow)) {
      best = pat.size();
      allowed = allow;
      found = true;
    }
  }
  return allowed;
}

Robots ParseRobots(std::string_view body, std::string_view agent) {
  body = body.substr(0, 500 * 1024);
  std::string me = AsciiLower(agent);
  Robots mine, star;
  bool have_mine = false, have_star = false;
  // Current group: which agents it names; rules follow the agent lines.
  bool in_agents = false, for_me = false, for_star = false;
  for (std::string line : Split(std::string(body), '\n')) {
    line = line.substr(0, line.find('#'));
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = AsciiLower(std::string(Trim(line.substr(0, colon))));
    std::string value(Trim(line.substr(colon + 1)));
    if (key == "user-agent") {
      if (!in_agents) for_me = for_star = false;
      in_agents = true;
      std::string ua = AsciiLower(value);
      if (ua == "*") {
        for_star = true;
        have_star = true;
      } else if (!ua.empty() && me.find(ua) != std::string::npos) {
        for_me = true;
        have_mine = true;
      }
      continue;
    }
    in_agents = false;
    Robots* target = for_me ? &mine : (for_star ? &star : nullptr);
    if (!target) continue;
    if ((key == "allow" || key == "disallow") && target->rules.size() < 10000) {
      if (!value.empty()) target->rules.push_back({key == "allow", value});
    } else if (key == "crawl-delay") {
      try {
        target->crawl_delay = std::clamp(std::stod(value), 0.0, 60.0);
      } catch (const std::exception&) {
      }
    }
  }
  if (have_mine) return mine;
  if (have_star) return star;
  return Robots::AllowAll();
}

}  // namespace storyline::ingest
