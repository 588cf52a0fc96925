// Language identification with CLD2 over plain text.
// clang-format off
#include <cstdio>  // compact_lang_det.h uses FILE without including <cstdio>
#include <cld2/public/compact_lang_det.h>
// clang-format on

#include "common/strings.h"
#include "text/text.h"

namespace storyline::text {

std::string DetectLanguage(std::string_view t) {
  if (t.empty()) return "";
  // A few thousand characters decide the language; more only costs time.
  std::string valid = SanitizeUtf8(t.substr(0, 12 * 1024));
  bool reliable = false;
  CLD2::Language lang =
      CLD2::DetectLanguage(valid.data(), static_cast<int>(valid.size()),
                           /*is_plain_text=*/true, &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE) return "";
  std::string code = CLD2::LanguageCode(lang);
  if (!reliable && valid.size() < 40) return "";
  return code;
}

}  // namespace storyline::text
