// Tiny flag parser for the CLI: "--name value", "--name=value", "--bool",
// everything else positional. Unknown flags are errors.
#ifndef STORYLINE_CLI_FLAGS_H_
#define STORYLINE_CLI_FLAGS_H_

#include <map>
#include <set>
#include <string>
#include <vector>

namespace storyline::cli {

struct Flags {
  std::map<std::string, std::string> values;
  std::set<std::string> bools;
  std::vector<std::string> positional;
  std::string error;

  std::string Get(const std::string& name, const std::string& def = "") const {
    auto it = values.find(name);
    return it == values.end() ? def : it->second;
  }
  bool Has(const std::string& name) const {
    return bools.count(name) || values.count(name);
  }
};

// `value_flags` take a value; `bool_flags` do not.
inline Flags ParseFlags(const std::vector<std::string>& args,
                        const std::set<std::string>& value_flags,
                        const std::set<std::string>& bool_flags) {
  Flags f;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      std::string name = a.substr(2), value;
      size_t eq = name.find('=');
      bool has_eq = eq != std::string::npos;
      if (has_eq) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (value_flags.count(name)) {
        if (!has_eq) {
          if (i + 1 >= args.size()) {
            f.error = "--" + name + " needs a value";
            return f;
          }
          value = args[++i];
        }
        f.values[name] = value;
      } else if (bool_flags.count(name) && !has_eq) {
        f.bools.insert(name);
      } else {
        f.error = "unknown flag --" + name;
        return f;
      }
    } else {
      f.positional.push_back(a);
    }
  }
  return f;
}

// A whole decimal number in [lo, hi]; false for anything else ("12x",
// "", "-3", too large), so a bad flag is a usage error, never an exception.
inline bool ParseCount(const std::string& s, long lo, long hi, int* out) {
  if (s.empty() || s.size() > 9) return false;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return false;
  *out = static_cast<int>(v);
  return true;
}

// A whole decimal size in bytes in [1, 2^40]; false for "abc", "1e23",
// "-1", "" or overflow.
inline bool ParseBytes(const std::string& s, unsigned long long* out) {
  if (s.empty() || s.size() > 13) return false;
  unsigned long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned long long>(c - '0');
  }
  if (v < 1 || v > (1ull << 40)) return false;
  *out = v;
  return true;
}

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_FLAGS_H_
