// See internal/inert.h.
#include "extract/internal/inert.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace storyline::extract::internal {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// True when html[at..] starts with `word` (lower-case ASCII), ignoring case.
bool StartsWithNoCase(std::string_view html, size_t at, const char* word) {
  size_t n = std::strlen(word);
  if (at + n > html.size()) return false;
  for (size_t i = 0; i < n; ++i)
    if (Lower(html[at + i]) != word[i]) return false;
  return true;
}

// Position just past the '>' closing the tag that opens at `at` (quoted
// attribute values may hold '>'), or npos.
size_t TagEnd(std::string_view html, size_t at) {
  char quote = 0;
  for (size_t i = at + 1; i < html.size(); ++i) {
    char c = html[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// First "</name" at or after `from`, ignoring case, or npos.
size_t FindClose(std::string_view html, size_t from, const char* close) {
  while (true) {
    size_t lt = html.find("</", from);
    if (lt == std::string_view::npos) return lt;
    if (StartsWithNoCase(html, lt, close)) return lt;
    from = lt + 2;
  }
}

}  // namespace

uint32_t Stripped::ToOriginal(uint32_t at) const {
  auto it =
      std::upper_bound(cuts.begin(), cuts.end(), at,
                       [](uint32_t x, const std::pair<uint32_t, uint32_t>& c) {
                         return x < c.first;
                       });
  return it == cuts.begin() ? at : at + std::prev(it)->second;
}

Stripped StripInert(std::string_view html) {
  static const struct {
    const char* open;
    const char* close;
  } kInert[] = {
      {"<script", "</script"}, {"<style", "</style"}, {"<svg", "</svg"}};
  static const char* const kRawText[] = {"<script",   "<style",    "<iframe",
                                         "<textarea", "<title",    "<xmp",
                                         "<noembed",  "<noframes", "<noscript"};
  Stripped out;
  out.html.reserve(html.size() / 2);
  uint32_t removed = 0;
  size_t copied = 0;  // html[0, copied) is already in out.html
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    if (StartsWithNoCase(html, pos, "<!--")) {
      size_t end = html.find("-->", pos + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    // A raw-text element written self-closed (XHTML serialisers write
    // <iframe src="…"/>): HTML reads everything after it as the element's
    // text, to the next close tag or the end, and the article vanishes. It
    // is empty by its author's intent: cut the tag.
    bool raw_text = false;
    for (const char* open : kRawText) {
      size_t n = std::strlen(open);
      if (StartsWithNoCase(html, pos, open) && pos + n < html.size() &&
          !std::isalnum(static_cast<unsigned char>(html[pos + n]))) {
        raw_text = true;
        break;
      }
    }
    if (raw_text) {
      size_t end = TagEnd(html, pos);
      if (end == std::string_view::npos) break;
      if (end - pos >= 3 && html[end - 2] == '/') {
        out.html.append(html.substr(copied, pos - copied));
        removed += static_cast<uint32_t>(end - pos);
        out.cuts.push_back({static_cast<uint32_t>(out.html.size()), removed});
        copied = end;
        pos = end;
        continue;
      }
    }
    const char* close = nullptr;
    for (const auto& k : kInert) {
      size_t n = std::strlen(k.open);
      if (StartsWithNoCase(html, pos, k.open) && pos + n < html.size()) {
        char next = html[pos + n];
        if (next == '>' || next == '/' || next == ' ' || next == '\t' ||
            next == '\n' || next == '\r' || next == '\f') {
          close = k.close;
          break;
        }
      }
    }
    if (!close) {
      ++pos;
      continue;
    }
    size_t body = TagEnd(html, pos);
    if (body == std::string_view::npos) break;
    std::string_view tag = html.substr(pos, body - pos);
    bool keep = false;  // JSON-LD carries the metadata
    for (size_t i = 0; i + 7 <= tag.size() && !keep; ++i)
      keep = StartsWithNoCase(tag, i, "ld+json");
    size_t end = FindClose(html, body, close);
    if (end == std::string_view::npos) break;  // unclosed: keep the rest
    if (!keep && end > body && tag[tag.size() - 2] != '/') {
      out.html.append(html.substr(copied, body - copied));
      removed += static_cast<uint32_t>(end - body);
      out.cuts.push_back({static_cast<uint32_t>(out.html.size()), removed});
      copied = end;
    }
    pos = end;
  }
  out.html.append(html.substr(copied));
  return out;
}

int MarkupDepth(std::string_view html, int limit) {
  // Void elements and those an implied end tag closes: they never nest deep.
  static constexpr std::string_view kFlat[] = {
      "area",   "base",     "br",       "col",  "embed", "hr",
      "img",    "input",    "link",     "meta", "param", "source",
      "track",  "wbr",      "p",        "li",   "dt",    "dd",
      "option", "optgroup", "tr",       "td",   "th",    "tbody",
      "thead",  "tfoot",    "colgroup", "rt",   "rp",    "!doctype"};
  auto flat = [&](std::string_view name) {
    for (std::string_view f : kFlat)
      if (name == f) return true;
    return false;
  };
  int depth = 0, max = 0;
  const size_t n = html.size();
  for (size_t i = html.find('<'); i != std::string_view::npos && i + 1 < n;
       i = html.find('<', i + 1)) {
    if (html.compare(i, 4, "<!--") == 0) {
      size_t e = html.find("-->", i + 4);
      if (e == std::string_view::npos) break;
      i = e + 2;
      continue;
    }
    bool end = html[i + 1] == '/';
    size_t j = i + 1 + (end ? 1 : 0);
    char name[12];
    size_t k = 0;
    while (
        j < n && k < sizeof(name) &&
        (std::isalnum(static_cast<unsigned char>(html[j])) || html[j] == '!'))
      name[k++] = static_cast<char>(
          std::tolower(static_cast<unsigned char>(html[j++])));
    if (k == 0 || !std::isalpha(static_cast<unsigned char>(name[0]))) continue;
    if (flat(std::string_view(name, k))) continue;
    if (end) {
      if (depth > 0) --depth;
      continue;
    }
    size_t close = html.find('>', j);
    if (close == std::string_view::npos) break;
    if (html[close - 1] == '/') continue;  // <x/>
    if (++depth > max) max = depth;
    if (max > limit) return max;
  }
  return max;
}

}  // namespace storyline::extract::internal
