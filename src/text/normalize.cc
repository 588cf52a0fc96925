// Normalisation runs once per article, before any offset is taken: every
// later offset refers to the normalised text, so it must be stable.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "common/strings.h"
#include "text/text.h"

namespace storyline::text {

std::string Normalize(std::string_view raw) {
  std::string in = SanitizeUtf8(raw);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  std::string normalized;
  if (U_SUCCESS(err)) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(in);
    icu::UnicodeString n = nfc->normalize(u, err);
    if (U_SUCCESS(err)) n.toUTF8String(normalized);
  }
  if (!U_SUCCESS(err)) normalized = in;

  std::string out;
  out.reserve(normalized.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < normalized.size()) {
    uint32_t cp = DecodeUtf8(normalized, &i);
    if (cp == '\n') {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out.push_back('\n');
      pending_space = false;
      continue;
    }
    if (cp == '\t' || cp == '\r' || cp == 0xA0 || cp == 0x2028 ||
        cp == 0x2029 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000 || cp == ' ') {
      pending_space = true;
      continue;
    }
    // Invisible breaks are dropped; ZWNJ/ZWJ (U+200C/D) are kept: they are
    // spelling in Persian, Kurdish and Indic scripts and in emoji.
    if (cp == 0x200B || cp == 0xFEFF || cp == 0xAD) continue;
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) continue;
    if (pending_space && !out.empty() && out.back() != '\n') out.push_back(' ');
    pending_space = false;
    AppendUtf8(cp, &out);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n'))
    out.pop_back();
  return out;
}

std::string ToLower(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) ascii &= c < 0x80;
  if (ascii) return AsciiLower(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower();
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace storyline::text
