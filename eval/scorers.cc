// Metric implementations. B-cubed: for item i with gold cluster G(i) and
// predicted cluster P(i), precision_i = |G(i) ∩ P(i)| / |P(i)| and recall_i
// = |G(i) ∩ P(i)| / |G(i)|; the set P and R are the means over items.
#include "eval/scorers.h"

#include <cmath>
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

std::vector<double> FitLogistic(const std::vector<double>& x,
                                const std::vector<int>& y,
                                const std::vector<double>& weight, size_t dims,
                                double l2, int iterations) {
  std::vector<double> w(dims, 0.0);
  const size_t n = y.size();
  if (n == 0 || dims == 0 || x.size() != n * dims || weight.size() != n)
    return w;
  for (int it = 0; it < iterations; ++it) {
    std::vector<double> g(dims, 0.0), h(dims * dims, 0.0);
    for (size_t i = 0; i < n; ++i) {
      const double* xi = &x[i * dims];
      double z = 0;
      for (size_t k = 0; k < dims; ++k) z += w[k] * xi[k];
      double p = 1.0 / (1.0 + std::exp(-z));
      double r = weight[i] * (y[i] - p), c = weight[i] * p * (1 - p);
      for (size_t a = 0; a < dims; ++a) {
        g[a] += r * xi[a];
        for (size_t b = 0; b < dims; ++b) h[a * dims + b] += c * xi[a] * xi[b];
      }
    }
    for (size_t k = 1; k < dims; ++k) {
      g[k] -= l2 * w[k];
      h[k * dims + k] += l2;
    }
    h[0] += 1e-9;
    // Solve h · step = g by Gaussian elimination with partial pivoting.
    std::vector<double> step = g;
    std::vector<double> m = h;
    bool singular = false;
    for (size_t col = 0; col < dims && !singular; ++col) {
      size_t piv = col;
      for (size_t r = col + 1; r < dims; ++r)
        if (std::fabs(m[r * dims + col]) > std::fabs(m[piv * dims + col]))
          piv = r;
      if (std::fabs(m[piv * dims + col]) < 1e-12) {
        singular = true;
        break;
      }
      if (piv != col) {
        for (size_t k = 0; k < dims; ++k)
          std::swap(m[col * dims + k], m[piv * dims + k]);
        std::swap(step[col], step[piv]);
      }
      for (size_t r = col + 1; r < dims; ++r) {
        double f = m[r * dims + col] / m[col * dims + col];
        for (size_t k = col; k < dims; ++k)
          m[r * dims + k] -= f * m[col * dims + k];
        step[r] -= f * step[col];
      }
    }
    if (singular) break;
    for (size_t r = dims; r-- > 0;) {
      for (size_t k = r + 1; k < dims; ++k)
        step[r] -= m[r * dims + k] * step[k];
      step[r] /= m[r * dims + r];
    }
    double moved = 0;
    for (size_t k = 0; k < dims; ++k) {
      w[k] += step[k];
      moved = std::max(moved, std::fabs(step[k]));
    }
    if (moved < 1e-7) break;
  }
  return w;
}

}  // namespace storyline::eval
