// Metric implementations. B-cubed: for item i with gold cluster G(i) and
// predicted cluster P(i), precision_i = |G(i) ∩ P(i)| / |P(i)| and recall_i
// = |G(i) ∩ P(i)| / |G(i)|; the set P and R are the means over items.
#include "eval/scorers.h"

#include <unordered_map>

namespace storyline::eval {

Prf BCubed(const std::map<std::string, std::string>& gold,
           const std::map<std::string, std::string>& pred_in) {
  std::map<std::string, std::string> pred;
  for (const auto& [id, g] : gold) {
    auto it = pred_in.find(id);
    pred[id] = it == pred_in.end() ? "\x01singleton:" + id : it->second;
  }
  std::unordered_map<std::string, int> gsize, psize;
  std::map<std::pair<std::string, std::string>, int> both;
  for (const auto& [id, g] : gold) {
    ++gsize[g];
    ++psize[pred[id]];
    ++both[{g, pred[id]}];
  }
  Prf r;
  for (const auto& [id, g] : gold) {
    double inter = both[{g, pred[id]}];
    r.p += inter / psize[pred[id]];
    r.r += inter / gsize[g];
  }
  r.n = gold.size();
  if (r.n) {
    r.p /= static_cast<double>(r.n);
    r.r /= static_cast<double>(r.n);
  }
  r.f1 = r.p + r.r > 0 ? 2 * r.p * r.r / (r.p + r.r) : 0;
  return r;
}

std::vector<std::string> WordTokens(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (unsigned char c : s) {
    bool w = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
             (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    if (w) {
      cur.push_back(
          static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

Prf WordF1(const std::string& pred, const std::string& ref) {
  std::vector<std::string> p = WordTokens(pred), g = WordTokens(ref);
  Prf r;
  if (p.empty() && g.empty()) {
    r.p = r.r = r.f1 = 1;
    return r;
  }
  std::unordered_map<std::string, int> counts;
  for (const std::string& t : g) ++counts[t];
  double inter = 0;
  for (const std::string& t : p) {
    auto it = counts.find(t);
    if (it != counts.end() && it->second > 0) {
      --it->second;
      ++inter;
    }
  }
  r.p = p.empty() ? 0 : inter / static_cast<double>(p.size());
  r.r = g.empty() ? 0 : inter / static_cast<double>(g.size());
  r.f1 = r.p + r.r > 0 ? 2 * r.p * r.r / (r.p + r.r) : 0;
  return r;
}

}  // namespace storyline::eval
