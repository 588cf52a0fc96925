// Charset handling: pages are converted to UTF-8 once, before parsing.
#include "extract/internal/encoding.h"

#include <re2/re2.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include "common/strings.h"

namespace storyline::extract::internal {
namespace {

std::string DeclaredCharset(std::string_view bytes) {
  // Latin-1: the head is bytes in an unknown charset, not UTF-8.
  static const RE2 kCharset(R"((?i)charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+))",
                            RE2::Latin1);
  std::string name;
  if (RE2::PartialMatch(bytes.substr(0, 4096), kCharset, &name))
    return AsciiLower(name);
  return "";
}

bool Convert(std::string_view bytes, const std::string& charset,
             std::string* out) {
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()),
                       charset.c_str());
  if (u.isBogus()) return false;
  out->clear();
  u.toUTF8String(*out);
  return true;
}

bool IsUtf8Name(const std::string& c) { return c == "utf-8" || c == "utf8"; }

}  // namespace

std::string DecodeToUtf8(std::string_view bytes, std::string* charset) {
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    *charset = "utf-8";
    return SanitizeUtf8(bytes.substr(3));
  }
  std::string out;
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) {
    std::string cs = bytes[0] == '\xFF' ? "utf-16le" : "utf-16be";
    if (Convert(bytes.substr(2), cs, &out)) {
      *charset = cs;
      return out;
    }
  }
  bool valid = IsValidUtf8(bytes);
  std::string declared = DeclaredCharset(bytes);
  bool has_high = false;
  for (unsigned char c : bytes.substr(0, 1 << 20)) has_high |= c >= 0x80;
  if (valid && (declared.empty() || IsUtf8Name(declared) || has_high)) {
    // Either declared UTF-8, or a non-UTF-8 declaration contradicted by
    // well-formed multi-byte UTF-8 (a charset that lies).
    *charset = "utf-8";
    return std::string(bytes);
  }
  if (!declared.empty() && !IsUtf8Name(declared) &&
      Convert(bytes, declared, &out)) {
    *charset = declared;
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&err);
  if (U_SUCCESS(err)) {
    size_t n = std::min<size_t>(bytes.size(), 64 * 1024);
    ucsdet_setText(det, bytes.data(), static_cast<int32_t>(n), &err);
    const UCharsetMatch* m = ucsdet_detect(det, &err);
    if (U_SUCCESS(err) && m) {
      const char* name = ucsdet_getName(m, &err);
      int conf = ucsdet_getConfidence(m, &err);
      if (U_SUCCESS(err) && name && conf >= 30 &&
          !IsUtf8Name(AsciiLower(name)) && Convert(bytes, name, &out)) {
        *charset = AsciiLower(name);
        ucsdet_close(det);
        return out;
      }
    }
    ucsdet_close(det);
  }
  *charset = "utf-8";
  return SanitizeUtf8(bytes);
}

}  // namespace storyline::extract::internal
