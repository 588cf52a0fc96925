// A small TimeML reader: tags are stripped, TIMEX3 attributes are read
// from the opening tag, and offsets are counted in the stripped text.
#include "eval/tml.h"

#include <regex>

namespace storyline::eval {
namespace {

std::string AttrOf(const std::string& tag, const std::string& name) {
  std::regex re(name + R"re(\s*=\s*"([^"]*)")re");
  std::smatch m;
  return std::regex_search(tag, m, re) ? m[1].str() : "";
}

void AppendDecoded(const std::string& s, std::string* out) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      size_t semi = s.find(';', i);
      if (semi != std::string::npos && semi - i <= 6) {
        std::string ent = s.substr(i + 1, semi - i - 1);
        const char* rep = ent == "amp"    ? "&"
                          : ent == "lt"   ? "<"
                          : ent == "gt"   ? ">"
                          : ent == "quot" ? "\""
                          : ent == "apos" ? "'"
                                          : nullptr;
        if (rep) {
          out->append(rep);
          i = semi;
          continue;
        }
      }
    }
    out->push_back(s[i]);
  }
}

}  // namespace

bool ParseTml(const std::string& xml, TmlDoc* out) {
  size_t dct = xml.find("<DCT>");
  if (dct != std::string::npos) {
    size_t tag_end = xml.find('>', xml.find("<TIMEX3", dct));
    if (tag_end != std::string::npos)
      out->dct = AttrOf(xml.substr(dct, tag_end - dct), "value");
  }
  size_t b = xml.find("<TEXT>");
  size_t e = xml.find("</TEXT>");
  if (b == std::string::npos || e == std::string::npos || out->dct.size() < 10)
    return false;
  out->dct = out->dct.substr(0, 10);
  std::string body = xml.substr(b + 6, e - b - 6);
  GoldTimex open;
  bool in_timex = false;
  size_t i = 0;
  while (i < body.size()) {
    if (body[i] == '<') {
      size_t close = body.find('>', i);
      if (close == std::string::npos) break;
      std::string tag = body.substr(i, close - i + 1);
      if (tag.compare(0, 7, "<TIMEX3") == 0) {
        open = GoldTimex();
        open.begin = out->text.size();
        open.type = AttrOf(tag, "type");
        open.value = AttrOf(tag, "value");
        in_timex = true;
      } else if (tag == "</TIMEX3>" && in_timex) {
        open.end = out->text.size();
        out->timexes.push_back(open);
        in_timex = false;
      }
      i = close + 1;
      continue;
    }
    size_t next = body.find('<', i);
    if (next == std::string::npos) next = body.size();
    AppendDecoded(body.substr(i, next - i), &out->text);
    i = next;
  }
  return true;
}

}  // namespace storyline::eval
