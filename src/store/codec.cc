// Compact JSON for blocks ([[tb,te,sb,se,"kind"],…]) and links.
#include "store/internal/codec.h"

#include <nlohmann/json.hpp>

#include "common/strings.h"

namespace storyline::store::internal {

const char* const kArticleColumns =
    "id,url,canonical_url,outlet,title,byline,published,published_guessed,"
    "language,kind,text,blocks,links,source,content_hash,duplicate_of,"
    "event_id,story_id,ingested_at";
using nlohmann::json;

std::string EncodeBlocks(const std::vector<Block>& blocks) {
  json j = json::array();
  for (const Block& b : blocks)
    j.push_back(
        {b.text.begin, b.text.end, b.source.begin, b.source.end, b.kind});
  return j.dump();
}

std::vector<Block> DecodeBlocks(const std::string& s) {
  std::vector<Block> out;
  json j = json::parse(s, nullptr, false);
  if (!j.is_array()) return out;
  for (const json& x : j) {
    if (!x.is_array() || x.size() != 5 || !x[4].is_string()) continue;
    bool nums = true;
    for (int k = 0; k < 4; ++k) nums &= x[k].is_number_unsigned();
    if (!nums) continue;
    Block b;
    b.text = {x[0].get<uint32_t>(), x[1].get<uint32_t>()};
    b.source = {x[2].get<uint32_t>(), x[3].get<uint32_t>()};
    b.kind = x[4].get<std::string>();
    out.push_back(b);
  }
  return out;
}

std::string EncodeLinks(const std::vector<Link>& links) {
  json j = json::array();
  for (const Link& l : links) j.push_back({l.url, l.anchor});
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<Link> DecodeLinks(const std::string& s) {
  std::vector<Link> out;
  json j = json::parse(s, nullptr, false);
  if (!j.is_array()) return out;
  for (const json& x : j) {
    if (x.is_array() && x.size() == 2 && x[0].is_string() && x[1].is_string())
      out.push_back({x[0].get<std::string>(), x[1].get<std::string>()});
  }
  return out;
}

}  // namespace storyline::store::internal

namespace storyline::store::internal {

std::string EncodeArticle(const Article& a) {
  json j = {{"id", a.id},
            {"url", a.url},
            {"canonical_url", a.canonical_url},
            {"outlet", a.outlet},
            {"title", a.title},
            {"byline", a.byline},
            {"published", a.published},
            {"published_guessed", a.published_guessed},
            {"language", a.language},
            {"kind", std::string(ArticleKindName(a.kind))},
            {"text", a.text},
            {"blocks", json::parse(EncodeBlocks(a.blocks))},
            {"links", json::parse(EncodeLinks(a.links))},
            {"source", a.source},
            {"content_hash", a.content_hash},
            {"duplicate_of", a.duplicate_of}};
  return j.dump();
}

Status CheckQueueable(const Article& a) {
  for (const std::string* f :
       {&a.text, &a.title, &a.outlet, &a.url, &a.byline, &a.source}) {
    if (f->find('\0') != std::string::npos || !IsValidUtf8(*f))
      return Status::InvalidArgument(
          "article " + a.id + " (" + a.source +
          ") has a NUL byte or invalid UTF-8; it cannot be stored as text");
  }
  return Status::Ok();
}

std::optional<Article> DecodeArticle(const std::string& s) {
  json j = json::parse(s, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto str = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>()
                                            : std::string();
  };
  Article a;
  a.id = str("id");
  a.url = str("url");
  a.canonical_url = str("canonical_url");
  a.outlet = str("outlet");
  a.title = str("title");
  a.byline = str("byline");
  auto p = j.find("published");
  if (p != j.end() && p->is_number_integer()) a.published = p->get<int64_t>();
  auto g = j.find("published_guessed");
  a.published_guessed = g != j.end() && g->is_boolean() && g->get<bool>();
  a.language = str("language");
  a.kind = ArticleKindFromName(str("kind"));
  a.text = str("text");
  auto b = j.find("blocks");
  if (b != j.end()) a.blocks = DecodeBlocks(b->dump());
  auto l = j.find("links");
  if (l != j.end()) a.links = DecodeLinks(l->dump());
  a.source = str("source");
  a.content_hash = str("content_hash");
  a.duplicate_of = str("duplicate_of");
  if (a.id.empty() || a.content_hash.empty()) return std::nullopt;
  return a;
}

}  // namespace storyline::store::internal
