// JSON encodings of Article parts stored in TEXT columns (internal).
#ifndef STORYLINE_STORE_INTERNAL_CODEC_H_
#define STORYLINE_STORE_INTERNAL_CODEC_H_

#include <optional>
#include <string>
#include <vector>

#include "common/model.h"
#include "common/status.h"

namespace storyline::store::internal {
// The articles table's columns, in the order both engines read them.
extern const char* const kArticleColumns;
std::string EncodeBlocks(const std::vector<Block>& b);
std::vector<Block> DecodeBlocks(const std::string& s);
std::string EncodeLinks(const std::vector<Link>& l);
std::vector<Link> DecodeLinks(const std::string& s);
// A whole article, byte for byte (the work queue between processes).
std::string EncodeArticle(const Article& a);
// InvalidArgument naming the article when a text field holds a NUL byte
// or invalid UTF-8 (neither survives a text column byte for byte).
Status CheckQueueable(const Article& a);
// nullopt when `s` is not an encoded article (or lacks id/content hash).
std::optional<Article> DecodeArticle(const std::string& s);
}  // namespace storyline::store::internal

#endif  // STORYLINE_STORE_INTERNAL_CODEC_H_
