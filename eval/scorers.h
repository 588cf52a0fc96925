// Evaluation scorers, written from the published metric definitions.
// Used by the `storyline-score` tool (eval/score.cc) and by the tests.
#ifndef STORYLINE_EVAL_SCORERS_H_
#define STORYLINE_EVAL_SCORERS_H_

#include <map>
#include <string>
#include <vector>

namespace storyline::eval {

struct Prf {
  double p = 0, r = 0, f1 = 0;
  size_t n = 0;  // items scored
};

// B-cubed precision/recall/F1 (Bagga & Baldwin 1998), averaged per item.
// Every gold item is scored; an item missing from `pred` is a singleton.
Prf BCubed(const std::map<std::string, std::string>& gold,
           const std::map<std::string, std::string>& pred);

// Bag-of-words F1 over lower-cased \w+ tokens (multiset intersection).
// Both empty → 1.
Prf WordF1(const std::string& pred, const std::string& ref);

// Lower-cased \w+ tokens (ASCII letters/digits/underscore plus any
// non-ASCII UTF-8 sequence as word characters).
std::vector<std::string> WordTokens(const std::string& s);

// Logistic regression by Newton's method with an L2 penalty `l2` on every
// weight but the first (the bias: x[0] == 1). `x` holds one row of `dims`
// features per example, `y` the labels (0/1), `weight` each example's
// weight. Returns the fitted weights (all zero when there is nothing to fit).
std::vector<double> FitLogistic(const std::vector<double>& x,
                                const std::vector<int>& y,
                                const std::vector<double>& weight, size_t dims,
                                double l2 = 1e-3, int iterations = 30);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_SCORERS_H_
