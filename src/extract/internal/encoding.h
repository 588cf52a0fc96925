// Byte-to-UTF-8 decoding for HTML pages (internal to extract/).
#ifndef STORYLINE_EXTRACT_INTERNAL_ENCODING_H_
#define STORYLINE_EXTRACT_INTERNAL_ENCODING_H_

#include <string>
#include <string_view>

namespace storyline::extract::internal {
// Returns the page as valid UTF-8 and sets *charset to what it was decoded
// from. Order: BOM, a declared charset (trusted only when the bytes do not
// contradict it), ICU detection, finally UTF-8 with U+FFFD replacements.
std::string DecodeToUtf8(std::string_view bytes, std::string* charset);
}  // namespace storyline::extract::internal

#endif  // STORYLINE_EXTRACT_INTERNAL_ENCODING_H_
