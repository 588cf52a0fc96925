// Compact JSON for blocks ([[tb,te,sb,se,"kind"],…]) and links.
#include "store/internal/codec.h"

#include <nlohmann/json.hpp>

namespace storyline::store::internal {
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
