// The configuration file: one TOML file whose every setting is also a
// flag (docs/configuration.md, printed by `storyline config keys`).
//
//   Args args = ...;                    // the command line after the command
//   if (!ExpandConfig("run", RunFlags(), &args)) return 2;
//
// `--config FILE` anywhere in the arguments is replaced by the flags the
// file sets, placed before the others, so a flag given on the command line
// overrides the file (a boolean set in the file stays set). A file with an
// unknown section or key, a value of the wrong type or out of range, or a
// TOML syntax error is refused with "FILE:LINE:COLUMN: what" for each
// problem; nothing runs.
#ifndef STORYLINE_CLI_CONFIG_H_
#define STORYLINE_CLI_CONFIG_H_

#include <set>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace storyline::cli {

struct Setting {
  enum Kind { kString, kInt, kBool };
  const char* section;  // TOML table: "store", "web", "crawl", "log"
  const char* key;      // within it, e.g. "max_per_host"
  const char* flag;     // the same setting as a flag, e.g. "max-per-host"
  Kind kind;
  long min, max;         // integers only
  const char* fallback;  // what applies when unset
  const char* what;
};

// Every setting, in the order docs/configuration.md lists them.
const std::vector<Setting>& Settings();

struct Config {
  std::vector<std::string> args;    // "--flag", "value", ... in file order
  std::vector<std::string> errors;  // "FILE:LINE:COLUMN: what"
  int settings = 0;
};

// Reads `path`. With `accepted` non-empty, settings whose flag is not in it
// are left out of args (a setting of another command).
Config ReadConfig(const std::string& path,
                  const std::set<std::string>& accepted = {});

// Expands --config FILE in *args (see above); prints problems as
// "storyline CMD: ..." and returns false when the file is refused.
bool ExpandConfig(const char* cmd, const std::set<std::string>& accepted,
                  Args* args);

// The settings as the Markdown table of docs/configuration.md.
std::string SettingsTable();

// `storyline config check FILE` / `storyline config keys`.
int ConfigCmd(const Args& args);

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_CONFIG_H_
