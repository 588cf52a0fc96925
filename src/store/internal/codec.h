// JSON encodings of Article parts stored in TEXT columns (internal).
#ifndef STORYLINE_STORE_INTERNAL_CODEC_H_
#define STORYLINE_STORE_INTERNAL_CODEC_H_

#include <string>
#include <vector>

#include "common/model.h"

namespace storyline::store::internal {
std::string EncodeBlocks(const std::vector<Block>& b);
std::vector<Block> DecodeBlocks(const std::string& s);
std::string EncodeLinks(const std::vector<Link>& l);
std::vector<Link> DecodeLinks(const std::string& s);
}  // namespace storyline::store::internal

#endif  // STORYLINE_STORE_INTERNAL_CODEC_H_
