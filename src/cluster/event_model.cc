// The compiled-in event scorer weights (see internal/event_model.h).
#include "cluster/internal/event_model.h"

namespace storyline::cluster::internal {

const std::vector<double>& DefaultEventWeights() {
  static const std::vector<double> w = [] {
    std::vector<double> v = {
#include "cluster/internal/event_weights.inc"
    };
    v.resize(kEventFeatures, 0.0);  // a feature newer than the fit weighs 0
    return v;
  }();
  return w;
}

}  // namespace storyline::cluster::internal
