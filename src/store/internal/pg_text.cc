#include "store/internal/pg_text.h"

#include <algorithm>
#include <string_view>

#include "store/store.h"

namespace storyline::store::internal {
namespace {

struct Config {
  const char* code;
  const char* name;
};

// PostgreSQL 15's built-in text-search configurations by ISO 639-1 code.
constexpr Config kConfigs[] = {
    {"ar", "arabic"},    {"ca", "catalan"},    {"da", "danish"},
    {"de", "german"},    {"el", "greek"},      {"en", "english"},
    {"es", "spanish"},   {"eu", "basque"},     {"fi", "finnish"},
    {"fr", "french"},    {"ga", "irish"},      {"hi", "hindi"},
    {"hu", "hungarian"}, {"hy", "armenian"},   {"id", "indonesian"},
    {"it", "italian"},   {"lt", "lithuanian"}, {"nb", "norwegian"},
    {"ne", "nepali"},    {"nl", "dutch"},      {"nn", "norwegian"},
    {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
    {"ru", "russian"},   {"sr", "serbian"},    {"sv", "swedish"},
    {"ta", "tamil"},     {"tr", "turkish"},    {"yi", "yiddish"},
};

// The password in a libpq URL: "scheme://user:PASSWORD@host" or a
// "password=PASSWORD" parameter; empty when there is none.
std::vector<std::string> Passwords(const std::string& url) {
  std::vector<std::string> out;
  size_t scheme = url.find("://");
  if (scheme != std::string::npos) {
    size_t start = scheme + 3;
    size_t end = url.find_first_of("/?", start);
    std::string_view auth(
        url.data() + start,
        (end == std::string::npos ? url.size() : end) - start);
    size_t at = auth.rfind('@');
    if (at != std::string_view::npos) {
      size_t colon = auth.substr(0, at).find(':');
      if (colon != std::string_view::npos && colon + 1 < at)
        out.emplace_back(auth.substr(colon + 1, at - colon - 1));
    }
  }
  for (size_t p = url.find("password="); p != std::string::npos;
       p = url.find("password=", p + 1)) {
    size_t b = p + 9;
    size_t e = url.find_first_of("& ", b);
    std::string v = url.substr(b, e == std::string::npos ? e : e - b);
    if (!v.empty()) out.push_back(v);
  }
  return out;
}

std::string ReplaceAll(std::string s, const std::string& what) {
  if (what.empty()) return s;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 3))
    s.replace(p, what.size(), "***");
  return s;
}

}  // namespace

std::string TextSearchConfig(const std::string& language) {
  for (const Config& c : kConfigs)
    if (language == c.code) return c.name;
  return "simple";
}

bool IsKnownConfig(const std::string& name) {
  if (name == "simple") return true;
  for (const Config& c : kConfigs)
    if (name == c.name) return true;
  return false;
}

std::string TsQueryText(const std::vector<std::string>& words) {
  std::string q;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) q += " & ";
    q += '\'';
    for (char c : words[i]) {
      if (c == '\'' || c == '\\') q += '\\';
      q += c;
    }
    q += '\'';
    if (i + 1 == words.size()) q += ":*";
  }
  return q;
}

std::string RedactSecrets(const std::string& url, const std::string& message) {
  std::vector<std::string> passwords = Passwords(url);
  // Longest first: "pw" must not eat the start of "pw2".
  std::sort(passwords.begin(), passwords.end(),
            [](const std::string& a, const std::string& b) {
              return a.size() > b.size();
            });
  std::string out = message;
  for (const std::string& p : passwords) out = ReplaceAll(out, p);
  return out;
}

}  // namespace storyline::store::internal

namespace storyline::store {

bool IsPostgresTarget(const std::string& target) {
  return target.rfind("postgresql://", 0) == 0 ||
         target.rfind("postgres://", 0) == 0;
}

std::string RedactTarget(const std::string& target) {
  if (!IsPostgresTarget(target)) return target;
  return internal::RedactSecrets(target, target);
}

}  // namespace storyline::store
