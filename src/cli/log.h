// Log lines of the long-running commands (run, crawl): a time, a level
// and a message, as plain text or, with --log-format json, one JSON object
// per line for a log collector:
//   2026-12-06T16:22:03Z info crawl round: 2 feeds polled (...)
//   {"time":"2026-12-06T16:22:03Z","level":"info","msg":"crawl round:
//   ...","feeds_polled":2,...}
// Info goes to stdout, warnings and errors to stderr. Thread-compatible.
#ifndef STORYLINE_CLI_LOG_H_
#define STORYLINE_CLI_LOG_H_

#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>

namespace storyline::cli {

class Log {
 public:
  enum Format { kText, kJson };
  // False when `name` is neither "text" nor "json".
  static bool ParseFormat(const std::string& name, Format* out) {
    if (name == "text") return *out = kText, true;
    if (name == "json") return *out = kJson, true;
    return false;
  }
  explicit Log(Format f) : format_(f) {}

  void Info(const std::string& msg, const nlohmann::json& fields = {}) {
    Write(stdout, "info", msg, fields);
  }
  void Warn(const std::string& msg, const nlohmann::json& fields = {}) {
    Write(stderr, "warning", msg, fields);
  }
  void Error(const std::string& msg, const nlohmann::json& fields = {}) {
    Write(stderr, "error", msg, fields);
  }

 private:
  static std::string Stamp() {
    time_t t = time(nullptr);
    char buf[32];
    struct tm tm;
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    return buf;
  }
  void Write(FILE* out, const char* level, const std::string& msg,
             const nlohmann::json& fields) {
    std::string line;
    if (format_ == kJson) {
      nlohmann::json j = {{"time", Stamp()}, {"level", level}, {"msg", msg}};
      if (fields.is_object())
        for (const auto& [k, v] : fields.items()) j[k] = v;
      // Invalid UTF-8 (a server's error text) is replaced, never thrown.
      line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      line = Stamp() + " " + level + " " + msg;
    }
    std::fprintf(out, "%s\n", line.c_str());
    std::fflush(out);
  }
  Format format_;
};

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_LOG_H_
