// The event scorer (internal to cluster/): the probability that an article
// reports the same happening as an event, by logistic regression over a few
// similarities. Weights are fitted by `eval/fit_event_model.sh` on the
// labelled clustering sets and compiled in (event_weights.inc); experiments
// pass their own through cluster::Options::event_weights.
#ifndef STORYLINE_CLUSTER_INTERNAL_EVENT_MODEL_H_
#define STORYLINE_CLUSTER_INTERNAL_EVENT_MODEL_H_

#include <cmath>
#include <vector>

namespace storyline::cluster::internal {

// The features, in order (x[0] is the constant 1).
inline constexpr int kEventFeatures = 15;
inline constexpr const char* kEventFeatureNames[kEventFeatures] = {
    "bias",             // 1
    "cos_all",          // cosine to the event centroid (stems, names, numbers)
    "cos_core",         // cosine to the event's first articles
    "cos_title",        // cosine of the title to the event's titles
    "cos_names",        // cosine over names and numbers alone
    "shared_names",     // log(1 + distinct names and numbers shared)
    "gap_hours",        // log(1 + hours from the event's latest article)
    "same_language",    // 1 when the event's first article has its language
    "same_outlet",      // 1 when the article's outlet already reported it
    "event_size",       // log(1 + articles in the event)
    "short",            // 1 when the text has under kShortWords words
    "short_cos_all",    // short × cos_all
    "short_cos_title",  // short × cos_title
    "cos_words",        // cosine over words alone (names, numbers left out)
    "names_disjoint"    // 1 when both have names or numbers and share none
};
// A text under this many words is a headline or a snippet.
inline constexpr int kShortWords = 50;

// The compiled-in weights, one per feature.
const std::vector<double>& DefaultEventWeights();

class EventModel {
 public:
  // `weights` must have kEventFeatures entries (else the defaults are used).
  explicit EventModel(const std::vector<double>& weights) {
    const std::vector<double>& w =
        weights.size() == kEventFeatures ? weights : DefaultEventWeights();
    for (int i = 0; i < kEventFeatures; ++i) w_[i] = w[static_cast<size_t>(i)];
  }
  double Probability(const double* x) const {
    double z = 0;
    for (int i = 0; i < kEventFeatures; ++i) z += w_[i] * x[i];
    return 1.0 / (1.0 + std::exp(-z));
  }

 private:
  double w_[kEventFeatures];
};

}  // namespace storyline::cluster::internal

#endif  // STORYLINE_CLUSTER_INTERNAL_EVENT_MODEL_H_
