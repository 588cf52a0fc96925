// Feature extraction for clustering. A token contributes its stem (a
// feature of its language); a capitalised token that does not open a
// sentence also contributes a language-neutral name feature, and
// multi-digit numbers a number feature, which is what lets a German report
// join its English event.
#include "cluster/internal/vectorizer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "common/strings.h"
#include "temporal/temporal.h"

namespace storyline::cluster::internal {

float Dot(const SparseVec& a, const SparseVec& b) {
  float s = 0;
  ForEachShared(a, b, [&](float x, float y) { s += x * y; });
  return s;
}

int SharedFeatures(const SparseVec& a, const SparseVec& b) {
  int n = 0;
  ForEachShared(a, b, [&](float, float) { ++n; });
  return n;
}

void PruneAndNormalize(size_t max_terms,
                       std::vector<std::pair<FeatureId, float>>* v) {
  if (v->size() > max_terms) {
    std::nth_element(
        v->begin(), v->begin() + static_cast<std::ptrdiff_t>(max_terms),
        v->end(), [](auto& x, auto& y) { return x.second > y.second; });
    v->resize(max_terms);
  }
  double norm = 0;
  for (auto& p : *v) norm += p.second * p.second;
  norm = std::sqrt(norm);
  for (auto& p : *v)
    p.second = static_cast<float>(p.second / (norm > 0 ? norm : 1));
  std::sort(v->begin(), v->end());
}

Vectorizer::Vectorizer(double title_boost, double name_boost, size_t max_terms,
                       double idf_min_docs)
    : title_boost_(title_boost),
      name_boost_(name_boost),
      max_terms_(max_terms),
      idf_min_docs_(idf_min_docs) {}

namespace {
// The tokenizers' language of an article: an undetected language is a
// language of its own, never mistaken for English.
std::string LanguageKey(const std::string& lang) {
  return lang.empty() ? std::string("und") : lang;
}

}  // namespace

Vectorizer::Language* Vectorizer::LanguageFor(const std::string& lang) {
  // An undetected language's function words are learned from its own
  // articles.
  const std::string l = LanguageKey(lang);
  auto it = languages_.find(l);
  if (it == languages_.end()) {
    it = languages_.emplace(l, Language{}).first;
    it->second.tokenizer = std::make_unique<text::Tokenizer>(l);
    it->second.index =
        static_cast<uint16_t>(std::min<size_t>(lang_docs_.size(), UINT16_MAX));
    if (lang_docs_.size() <= UINT16_MAX) lang_docs_.push_back(0);
  }
  return &it->second;
}

bool Vectorizer::WordsTrusted(const std::string& lang) {
  Language* l = LanguageFor(lang);
  return l->tokenizer->HasStopwords() || lang_docs_[l->index] >= kStopMinDocs;
}

FeatureId Vectorizer::Intern(const std::string& f, uint16_t lang) {
  // find() first: emplace() would build (and free) a node for every token.
  auto found = ids_.find(f);
  if (found != ids_.end()) return found->second;
  auto [it, inserted] = ids_.emplace(f, static_cast<FeatureId>(df_.size()));
  if (inserted) {
    df_.push_back(0);
    lang_.push_back(lang);
    number_.push_back(false);
    case_.push_back(0);
    calendar_.push_back(false);
  }
  return it->second;
}

namespace {

// "ДТП", "NATO": two or more letters, none lower-case.
bool IsAllCaps(std::string_view word) {
  int letters = 0;
  size_t i = 0;
  while (i < word.size()) {
    UChar32 c = static_cast<UChar32>(DecodeUtf8(word, &i));
    if (u_islower(c)) return false;
    letters += u_isalpha(c) ? 1 : 0;
  }
  return letters >= 2;
}

// The host of `url` without "www.", lower-cased ("" when there is none).
std::string HostKey(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  size_t from = scheme + 3;
  size_t end = url.find_first_of("/?#:", from);
  std::string host = AsciiLower(url.substr(
      from, end == std::string::npos ? std::string::npos : end - from));
  return StartsWith(host, "www.") ? host.substr(4) : host;
}

}  // namespace

uint64_t OutletKey(const Article& a) {
  std::string key = HostKey(a.url);
  if (key.empty()) key = a.outlet;
  return key.empty() ? 0 : Fnv1a64(key);
}

Vectorizer::Outlet* Vectorizer::OutletFor(const Article& a) {
  // The host names the outlet more reliably than a site name that varies.
  std::string key = HostKey(a.url);
  if (key.empty()) key = a.outlet;
  if (key.empty()) return nullptr;
  auto it = outlets_.find(key);
  if (it == outlets_.end()) {
    if (outlets_.size() >= kMaxOutlets) outlets_.clear();  // start afresh
    it = outlets_.emplace(key, Outlet{}).first;
  }
  return &it->second;
}

void Vectorizer::Save(serial::Writer* w) const {
  w->I64(docs_);
  w->U64(lang_docs_.size());
  for (int64_t n : lang_docs_) w->I64(n);
  std::vector<const std::string*> names(df_.size());
  for (const auto& [name, id] : ids_) names[id] = &name;
  w->U64(names.size());
  for (size_t f = 0; f < names.size(); ++f) {
    w->Str(*names[f]);
    w->U64(df_[f]);
    w->U64(lang_[f]);
    w->U64(case_[f]);
    w->U64((number_[f] ? 1u : 0u) | (calendar_[f] ? 2u : 0u));
  }
  w->U64(languages_.size());
  for (const auto& [name, l] : languages_) {
    w->Str(name);
    w->U64(l.index);
  }
  w->U64(outlets_.size());
  for (const auto& [key, o] : outlets_) {
    w->Str(key);
    w->U64(o.docs);
    w->U64(o.df.size());
    o.df.ForEach([&](FeatureId f, uint32_t n) {
      w->U64(f);
      w->U64(n);
    });
  }
}

Status Vectorizer::Load(serial::Reader* r) {
  if (!df_.empty() || docs_ != 0)
    return Status::FailedPrecondition("Vectorizer::Load on a used vectorizer");
  docs_ = r->I64();
  uint64_t langs = r->Count();
  lang_docs_.assign(langs, 0);
  for (int64_t& n : lang_docs_) n = r->I64();
  if (lang_docs_.empty()) r->Fail("no language counts");
  uint64_t features = r->Count(5);
  ids_.reserve(features);
  df_.resize(features);
  lang_.resize(features);
  case_.resize(features);
  number_.resize(features);
  calendar_.resize(features);
  for (uint64_t f = 0; f < features && r->ok(); ++f) {
    if (!ids_.emplace(r->Str(), static_cast<FeatureId>(f)).second)
      r->Fail("feature named twice");
    df_[f] = static_cast<uint32_t>(r->U64());
    uint64_t lang = r->U64();
    if (lang >= lang_docs_.size()) r->Fail("feature of an unknown language");
    lang_[f] = static_cast<uint16_t>(lang);
    case_[f] = static_cast<uint16_t>(r->U64());
    uint64_t flags = r->U64();
    number_[f] = flags & 1;
    calendar_[f] = flags & 2;
  }
  uint64_t nlang = r->Count(2);
  for (uint64_t i = 0; i < nlang && r->ok(); ++i) {
    std::string name = r->Str();
    uint64_t index = r->U64();
    if (index >= lang_docs_.size()) r->Fail("language index out of range");
    if (!r->ok()) break;
    Language& l = languages_[name];
    l.index = static_cast<uint16_t>(index);
    l.tokenizer = std::make_unique<text::Tokenizer>(name);
  }
  uint64_t nout = r->Count(3);
  for (uint64_t i = 0; i < nout && r->ok(); ++i) {
    Outlet& o = outlets_[r->Str()];
    o.docs = static_cast<uint32_t>(r->U64());
    uint64_t n = r->Count(2);
    for (uint64_t j = 0; j < n && r->ok(); ++j) {
      uint64_t f = r->U64();
      if (f >= features) r->Fail("outlet feature out of range");
      o.df[static_cast<FeatureId>(f)] = static_cast<uint32_t>(r->U64());
    }
  }
  return r->status();
}

SparseVec Vectorizer::NamesOnly(const SparseVec& v) const {
  SparseVec out;
  double norm = 0;
  for (const auto& p : v) {
    if (lang_[p.first] == 0) {
      out.push_back(p);
      norm += p.second * p.second;
    }
  }
  norm = std::sqrt(norm);
  for (auto& p : out)
    p.second = static_cast<float>(p.second / (norm > 0 ? norm : 1));
  return out;
}

namespace {

// Folds (feature, weight) occurrences into sorted unique features.
std::vector<std::pair<FeatureId, double>> Fold(
    std::vector<std::pair<FeatureId, double>>* hits) {
  std::sort(hits->begin(), hits->end());
  std::vector<std::pair<FeatureId, double>> tf;
  for (const auto& [f, w] : *hits) {
    if (!tf.empty() && tf.back().first == f)
      tf.back().second += w;
    else
      tf.emplace_back(f, w);
  }
  return tf;
}

}  // namespace

void Vectorizer::CountCase(FeatureId f, bool marked) {
  uint16_t& c = case_[f];
  unsigned all = c & 0xffu, cap = c >> 8;
  if (all == 0xff) {  // halve both: recent use counts
    all >>= 1;
    cap >>= 1;
  }
  ++all;
  cap += marked ? 1 : 0;
  c = static_cast<uint16_t>(cap << 8 | all);
}

namespace {

// The lead matters most; the body is capped so long pieces do not drown
// names.
std::string_view LeadOf(const Article& a) {
  return std::string_view(a.text).substr(0,
                                         std::min<size_t>(a.text.size(), 6000));
}

constexpr size_t kMaxNameKeys = 1 << 16;

// The tokens of `body`, with their stems and name keys when `resolve`.
std::vector<PreparedToken> Scan(
    std::string_view body, text::Tokenizer* tok, bool resolve,
    std::unordered_map<std::string, std::string>* name_keys) {
  std::vector<text::Token> toks = tok->Tokenize(body, false);
  std::vector<PreparedToken> out(toks.size());
  for (size_t i = 0; i < toks.size(); ++i) {
    PreparedToken& p = out[i];
    p.token = std::move(toks[i]);
    const text::Token& t = p.token;
    p.sentence_start =
        i == 0 || (t.span.begin >= 2 && (body[t.span.begin - 2] == '.' ||
                                         body[t.span.begin - 1] == '\n'));
    // A name occurrence (see AddAndVectorize).
    const bool name =
        t.capitalized && !p.sentence_start && !t.number && t.lower.size() >= 3;
    if (name) p.all_caps = IsAllCaps(body.substr(t.span.begin, t.span.size()));
    if (!resolve || t.number || t.lower.size() < 2) continue;
    p.token.stem = tok->Stem(t.lower);
    if (!name || p.token.stem.empty()) continue;
    auto k = name_keys->find(p.token.stem);
    if (k == name_keys->end()) {
      if (name_keys->size() >= kMaxNameKeys) name_keys->clear();
      k = name_keys->emplace(p.token.stem, text::NameKey(p.token.stem)).first;
    }
    p.name_key = k->second;
  }
  return out;
}

}  // namespace

PreparedText TextPreparer::Prepare(const Article& a) {
  const std::string l = LanguageKey(a.language);
  auto it = tokenizers_.find(l);
  if (it == tokenizers_.end())
    it = tokenizers_.emplace(l, std::make_unique<text::Tokenizer>(l)).first;
  PreparedText p;
  p.resolved = true;
  p.title = Scan(a.title, it->second.get(), true, &name_keys_);
  p.lead = Scan(LeadOf(a), it->second.get(), true, &name_keys_);
  return p;
}

Vectors Vectorizer::AddAndVectorize(const Article& a,
                                    const PreparedText* prepared) {
  Language* lang = LanguageFor(a.language);
  const std::string prefix = std::to_string(lang->index) + "\x1f";
  PreparedText own;
  if (!prepared) {
    own.title = Scan(a.title, lang->tokenizer.get(), false, nullptr);
    own.lead = Scan(LeadOf(a), lang->tokenizer.get(), false, nullptr);
    prepared = &own;
  }
  const bool resolved = prepared->resolved;
  // Every occurrence, folded per feature after sorting (cheaper than a
  // hash map for a few hundred distinct features).
  std::vector<std::pair<FeatureId, double>> hits, title_hits;
  auto count = [&](const std::vector<PreparedToken>& toks, double boost,
                   std::vector<std::pair<FeatureId, double>>* also) {
    auto hit = [&](FeatureId f, double w) {
      hits.emplace_back(f, w);
      if (also) also->emplace_back(f, 1.0);
    };
    for (const PreparedToken& p : toks) {
      const text::Token& t = p.token;
      if (t.lower.size() < 2) continue;
      if (t.number) {
        if (lang->tokenizer->IsStopword(t.lower)) continue;
        // Language-neutral number: "40,000" and "40.000" are one feature.
        std::string digits;
        for (char c : t.lower)
          if (c >= '0' && c <= '9') digits.push_back(c);
        // Years are on every page of a year (datelines, copyright lines):
        // no evidence of one happening.
        bool year = digits.size() == 4 &&
                    (digits[0] == '1' || digits[0] == '2') &&
                    (digits.compare(0, 2, "19") == 0 ||
                     digits.compare(0, 2, "20") == 0);
        if (digits.size() >= 2 && !year) {
          FeatureId f = Intern("#:" + digits, 0);
          number_[f] = true;
          hit(f, boost);
        }
        continue;
      }
      auto w = lang->words.find(t.lower);
      if (w == lang->words.end()) {
        if (lang->words.size() >= kMaxCachedWords) lang->words.clear();
        WordFeatures f;
        const std::string& stem =
            resolved ? t.stem : lang->tokenizer->Stem(t.lower);
        if (!stem.empty()) f.stem = Intern(prefix + stem, lang->index);
        f.calendar = temporal::IsCalendarWord(t.lower);
        w = lang->words.emplace(t.lower, f).first;
      }
      if (w->second.stem == kNoFeature) continue;  // stopword
      hit(w->second.stem, boost);
      const bool sentence_start = p.sentence_start;
      // How often the stem is written capitalised mid-sentence in body
      // text (titles are often in title case): a stem that mostly is
      // (Valmera, Trump) is a name, not a word.
      if (!sentence_start && !also) CountCase(w->second.stem, t.capitalized);
      if (t.capitalized && !sentence_start && t.lower.size() >= 3) {
        if (w->second.name == kNoFeature) {
          // Names are language-neutral features, keyed so that one name in
          // two scripts or romanisations, and in its inflected forms
          // ("Трампа", "Trump"), is one feature.
          std::string key = resolved
                                ? p.name_key
                                : text::NameKey(lang->tokenizer->Stem(t.lower));
          w->second.name = Intern("n:" + (key.empty() ? t.lower : key), 0);
          if (w->second.calendar) calendar_[w->second.name] = true;
        }
        hit(w->second.name, boost * name_boost_);
        if (!also) CountCase(w->second.name, p.all_caps);
      }
    }
  };
  count(prepared->title, 1.0 + title_boost_, &title_hits);
  count(prepared->lead, 1.0, nullptr);
  std::vector<std::pair<FeatureId, double>> tf = Fold(&hits);
  ++docs_;
  ++lang_docs_[lang->index];
  for (auto& [f, w] : tf) ++df_[f];
  Outlet* outlet = OutletFor(a);
  if (outlet) {
    if (++outlet->docs >= 2 * kOutletHalfLife) {
      // Halve: recent pages count, old ones fade; rare features go.
      outlet->docs /= 2;
      outlet->df.EraseIf([](FeatureId, uint32_t& n) { return (n /= 2) == 0; });
    }
    for (auto& [f, w] : tf) {
      if (uint32_t* n = outlet->df.Find(f))
        ++*n;
      else if (outlet->df.size() < kMaxOutletFeatures)
        outlet->df[f] = 1;
    }
  }
  // Learned stopwords of the language and the outlet's own furniture say
  // nothing about what happened.
  auto informative = [&](FeatureId f) {
    if (uint16_t l = lang_[f]; l != 0) {
      int64_t n = lang_docs_[l];
      if (n >= kStopMinDocs && df_[f] >= kStopShare * static_cast<double>(n))
        return false;
    }
    // Furniture shows only against other outlets: in a stream of one or
    // two outlets (one site's archive) what repeats is its subject.
    if (outlet && outlet->docs >= kOutletMinDocs &&
        outlets_.size() >= kOutletMinOutlets) {
      const uint32_t* n = outlet->df.Find(f);
      if (n && *n >= kOutletShare * outlet->docs) return false;
    }
    return true;
  };
  auto idf = [&](FeatureId f) {
    double n =
        std::max(idf_min_docs_,
                 static_cast<double>(lang_[f] ? lang_docs_[lang_[f]] : docs_));
    return std::log((n + 1.0) / (df_[f] + 0.5));
  };
  Vectors out;
  std::vector<std::pair<FeatureId, float>> v;
  v.reserve(tf.size());
  for (auto& [f, w] : tf) {
    double d = idf(f);
    if (d <= 0 || !informative(f)) continue;
    v.emplace_back(f, static_cast<float>((1.0 + std::log(w)) * d));
  }
  PruneAndNormalize(max_terms_, &v);
  out.all = std::move(v);
  std::vector<std::pair<FeatureId, float>> tv;
  for (auto& [f, w] : Fold(&title_hits)) {
    double d = idf(f);
    if (d <= 0 || !informative(f)) continue;
    tv.emplace_back(f, static_cast<float>((1.0 + std::log(w)) * d));
  }
  PruneAndNormalize(max_terms_, &tv);
  out.title = std::move(tv);
  out.names = NamesOnly(out.all);
  return out;
}

}  // namespace storyline::cluster::internal
