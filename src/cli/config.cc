// See config.h.
#include "cli/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace storyline::cli {
namespace {

std::string Where(const std::string& path, const toml::source_region& r) {
  return path + ":" + std::to_string(r.begin.line) + ":" +
         std::to_string(r.begin.column) + ": ";
}

// (line, column) of an error "PATH:LINE:COLUMN: ...".
std::pair<long, long> LineOf(const std::string& e, const std::string& path) {
  long line = 0, col = 0;
  std::sscanf(e.c_str() + std::min(e.size(), path.size()), ":%ld:%ld", &line,
              &col);
  return {line, col};
}

const char* KindName(Setting::Kind k) {
  switch (k) {
    case Setting::kString:
      return "a string";
    case Setting::kInt:
      return "a whole number";
    case Setting::kBool:
      return "true or false";
  }
  return "";
}

}  // namespace

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> settings = {
      {"store", "db", "db", Setting::kString, 0, 0, "storyline.db",
       "The store: a SQLite file, or a PostgreSQL URL "
       "(postgresql://user@host/dbname; prefer ~/.pgpass to a password "
       "here)."},
      {"web", "host", "host", Setting::kString, 0, 0, "127.0.0.1",
       "Address the web app, /healthz and /metrics listen on."},
      {"web", "port", "port", Setting::kInt, 0, 65535, "(no web app)",
       "Port of the web app; 0 picks a free one."},
      {"web", "admin_token", "admin-token", Setting::kString, 0, 0,
       "(no admin page)",
       "Turns on the feeds admin page, /admin/feeds, for requests carrying "
       "this token; set it here rather than as a flag, which `ps` shows."},
      {"web", "admin_remote", "admin-remote", Setting::kBool, 0, 0, "false",
       "Let the admin page answer clients that are not on loopback (behind "
       "a TLS proxy)."},
      {"crawl", "feeds", "feeds", Setting::kString, 0, 0, "(the store's list)",
       "A file of feed URLs (one per line, or OPML) added to the store's "
       "list at start; the list itself is managed with `storyline feeds`."},
      {"crawl", "min_poll", "min-poll", Setting::kInt, 1, 86400, "120",
       "Politeness: the shortest time between two polls of one feed (s)."},
      {"crawl", "max_per_host", "max-per-host", Setting::kInt, 1, 1000, "4",
       "Politeness: connections to one host at once."},
      {"crawl", "max_connections", "max-connections", Setting::kInt, 1, 1024,
       "64", "Connections at once, all hosts together."},
      {"crawl", "timeout", "timeout", Setting::kInt, 1, 3600, "30",
       "Longest fetch of one page or feed (s)."},
      {"crawl", "user_agent", "user-agent", Setting::kString, 0, 0,
       "storyline/0.1 (news story engine; …)",
       "The User-Agent header; name a contact page, as polite crawlers do."},
      {"crawl", "allow_private", "allow-private", Setting::kBool, 0, 0, "false",
       "Fetch from private, loopback and link-local addresses (a newsroom's "
       "own intranet); refused otherwise."},
      {"crawl", "warc_out", "warc-out", Setting::kString, 0, 0, "(none)",
       "A folder to write every response to as WARC files (replay: "
       "`storyline ingest FOLDER`)."},
      {"log", "quiet", "quiet", Setting::kBool, 0, 0, "false",
       "The line per crawl round only, without the round's problems."},
      {"log", "format", "log-format", Setting::kString, 0, 0, "text",
       "`text` (time, level, message) or `json` (one object per line, with "
       "the round's figures as fields)."},
  };
  return settings;
}

Config ReadConfig(const std::string& path,
                  const std::set<std::string>& accepted) {
  Config c;
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    c.errors.push_back(Where(path, e.source()) + std::string(e.description()));
    return c;
  }
  for (auto&& [section, node] : t) {
    const toml::table* sub = node.as_table();
    bool known_section = false;
    for (const Setting& s : Settings()) known_section |= section == s.section;
    if (!sub || !known_section) {
      c.errors.push_back(
          Where(path, section.source()) +
          (known_section
               ? "'" + std::string(section.str()) + "' must be a [table]"
               : "unknown section or key '" + std::string(section.str()) +
                     "' (storyline config keys "
                     "lists them)"));
      continue;
    }
    for (auto&& [key, value] : *sub) {
      const Setting* s = nullptr;
      for (const Setting& x : Settings())
        if (section == x.section && key == x.key) s = &x;
      if (!s) {
        c.errors.push_back(Where(path, key.source()) + "unknown key '" +
                           std::string(key.str()) + "' in [" +
                           std::string(section.str()) +
                           "] (storyline config keys lists them)");
        continue;
      }
      std::string name = std::string(section.str()) + "." + s->key;
      std::string v;
      bool ok = false;
      if (s->kind == Setting::kString) {
        if (auto x = value.value<std::string>(); x && value.is_string()) {
          v = *x;
          ok = !v.empty() && v.find('\0') == std::string::npos;
        }
      } else if (s->kind == Setting::kInt) {
        if (auto x = value.value<int64_t>(); x && value.is_integer()) {
          ok = *x >= s->min && *x <= s->max;
          v = std::to_string(*x);
          if (!ok) {
            c.errors.push_back(Where(path, value.source()) + name +
                               " must be between " + std::to_string(s->min) +
                               " and " + std::to_string(s->max));
            continue;
          }
        }
      } else if (auto x = value.value<bool>(); x && value.is_boolean()) {
        ok = true;
        v = *x ? "true" : "false";
      }
      if (!ok) {
        c.errors.push_back(Where(path, value.source()) + name + " must be " +
                           KindName(s->kind) +
                           (s->kind == Setting::kString ? " (not empty)" : ""));
        continue;
      }
      ++c.settings;
      if (!accepted.empty() && !accepted.count(s->flag)) continue;
      if (s->kind == Setting::kBool) {
        if (v == "true") c.args.push_back(std::string("--") + s->flag);
      } else {
        c.args.push_back(std::string("--") + s->flag);
        c.args.push_back(v);
      }
    }
  }
  // In the file's order, as an editor shows them.
  std::stable_sort(c.errors.begin(), c.errors.end(),
                   [&](const std::string& a, const std::string& b) {
                     return LineOf(a, path) < LineOf(b, path);
                   });
  return c;
}

bool ExpandConfig(const char* cmd, const std::set<std::string>& accepted,
                  Args* args) {
  std::string path;
  Args rest;
  for (size_t i = 0; i < args->size(); ++i) {
    const std::string& a = (*args)[i];
    if (a == "--config" && i + 1 < args->size()) {
      path = (*args)[++i];
    } else if (a.rfind("--config=", 0) == 0) {
      path = a.substr(9);
    } else if (a == "--config") {
      std::fprintf(stderr, "storyline %s: --config needs a file\n", cmd);
      return false;
    } else {
      rest.push_back(a);
    }
  }
  if (path.empty()) return true;
  Config c = ReadConfig(path, accepted);
  for (const std::string& e : c.errors)
    std::fprintf(stderr, "storyline %s: %s\n", cmd, e.c_str());
  if (!c.errors.empty()) return false;
  c.args.insert(c.args.end(), rest.begin(), rest.end());
  *args = std::move(c.args);
  return true;
}

std::string SettingsTable() {
  std::string out =
      "| setting | flag | value | when unset | what |\n"
      "|---|---|---|---|---|\n";
  for (const Setting& s : Settings()) {
    std::string kind = KindName(s.kind);
    if (s.kind == Setting::kInt)
      kind += " " + std::to_string(s.min) + "–" + std::to_string(s.max);
    out += std::string("| `[") + s.section + "] " + s.key + "` | `--" + s.flag +
           "` | " + kind + " | " + s.fallback + " | " + s.what + " |\n";
  }
  return out;
}

int ConfigCmd(const Args& args) {
  if (args.size() == 1 && args[0] == "keys") {
    std::fputs(SettingsTable().c_str(), stdout);
    return 0;
  }
  if (args.size() != 2 || args[0] != "check") {
    std::fprintf(stderr,
                 "storyline config: 'config check FILE' or 'config keys' "
                 "(see 'storyline config --help')\n");
    return 2;
  }
  Config c = ReadConfig(args[1]);
  for (const std::string& e : c.errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (!c.errors.empty()) return 1;
  std::printf("%s: ok, %d settings\n", args[1].c_str(), c.settings);
  return 0;
}

}  // namespace storyline::cli
