#include "eval/scorers.h"

#include <gtest/gtest.h>

#include <cmath>

namespace storyline::eval {
namespace {

double Predict(const std::vector<double>& w, double x1) {
  return 1.0 / (1.0 + std::exp(-(w[0] + w[1] * x1)));
}

// One feature; label 1 for x > 0.5 with a quarter of each side flipped, so
// the data are not separable and the optimum is finite: the fitted model
// must put the boundary near 0.5 and give the right side the majority.
TEST(FitLogisticTest, RecoversABoundaryFromNoisyLabels) {
  std::vector<double> x;
  std::vector<int> y;
  std::vector<double> weight;
  for (int i = 0; i < 400; ++i) {
    double v = (i % 100) / 100.0;
    x.push_back(1.0);  // bias
    x.push_back(v);
    bool flipped = i % 4 == 0;
    y.push_back((v > 0.5) != flipped ? 1 : 0);
    weight.push_back(1.0 / 400);
  }
  std::vector<double> w = FitLogistic(x, y, weight, 2, 1e-6);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_GT(w[1], 0);
  EXPECT_NEAR(-w[0] / w[1], 0.5, 0.05);  // where p = 0.5
  EXPECT_GT(Predict(w, 0.9), 0.6);
  EXPECT_LT(Predict(w, 0.1), 0.4);
}

// Example weights scale each row: doubling the weight of the positives
// moves the boundary toward them being likelier.
TEST(FitLogisticTest, ExampleWeightsCount) {
  std::vector<double> x = {1, 0, 1, 1, 1, 0, 1, 1};
  std::vector<int> y = {0, 1, 1, 0};
  std::vector<double> even = {1, 1, 1, 1}, heavy = {1, 3, 3, 1};
  std::vector<double> a = FitLogistic(x, y, even, 2, 1e-3);
  std::vector<double> b = FitLogistic(x, y, heavy, 2, 1e-3);
  EXPECT_NEAR(Predict(a, 0), 0.5, 1e-3);  // one of each at x = 0
  EXPECT_NEAR(Predict(b, 0), 0.75, 1e-2);
}

TEST(FitLogisticTest, NothingToFitGivesZeros) {
  EXPECT_EQ(FitLogistic({}, {}, {}, 3), std::vector<double>(3, 0.0));
  // Mismatched sizes are refused the same way.
  EXPECT_EQ(FitLogistic({1, 2}, {1}, {1, 1}, 2), std::vector<double>(2, 0.0));
}

}  // namespace
}  // namespace storyline::eval
