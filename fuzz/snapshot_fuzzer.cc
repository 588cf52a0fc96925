// libFuzzer target: the writer's snapshot reader (Assigner::Load,
// SiteTemplates::Load). Random bytes would stop at the checksum, so the
// input edits a real snapshot instead: pairs of (position, byte) overwrite
// its payload, the first two bytes may cut it short, and the result is
// sealed with a fresh checksum. Whatever Load accepts must then be usable:
// a few articles are assigned with the loaded state.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/serial.h"
#include "common/strings.h"
#include "extract/templates.h"
#include "pipeline/assigner.h"

namespace {

using storyline::Article;

Article Make(int i) {
  static const char* const kTopics[] = {"port strike Valmera union pay",
                                        "probe launch Aurelia Enceladus rocket",
                                        "flood river Morava evacuation rain"};
  Article a;
  a.id = "a" + std::to_string(i);
  a.url = "https://outlet" + std::to_string(i % 4) + ".example/" + a.id;
  a.published = 1760000000 + i * 3600;
  a.language = i % 5 == 0 ? "de" : "en";
  std::string t = kTopics[i % 3];
  a.title = "Report " + std::to_string(i) + " on " + t;
  a.text = "Officials said the " + t + " continued on day " +
           std::to_string(i / 3) + ". Witnesses described the " + t +
           " to reporters in Valmera and Skarholm.";
  return a;
}

// A payload (without its checksum) of an assigner that saw 24 articles.
const std::string& Payload() {
  static const std::string* p = [] {
    storyline::pipeline::Assigner a{storyline::pipeline::AssignerOptions{}};
    for (int i = 0; i < 24; ++i) a.Add(Make(i));
    storyline::serial::Writer w;
    a.Save(&w);
    std::string s = w.Finish();
    return new std::string(s.substr(0, s.size() - 8));
  }();
  return *p;
}

std::string Seal(std::string payload) {
  uint64_t h = storyline::Fnv1a64(payload);
  for (int i = 0; i < 8; ++i)
    payload.push_back(static_cast<char>(h >> (8 * i)));
  return payload;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string p = Payload();
  size_t i = 0;
  if (size >= 2) {
    size_t cut = (static_cast<size_t>(data[0]) << 8 | data[1]) % (p.size() + 1);
    if (cut > 0) p.resize(cut);
    i = 2;
  }
  for (; i + 2 < size && !p.empty(); i += 3) {
    size_t at = (static_cast<size_t>(data[i]) << 8 | data[i + 1]) % p.size();
    p[at] = static_cast<char>(data[i + 2]);
  }
  const std::string sealed = Seal(p);
  storyline::serial::Reader r(sealed);
  storyline::pipeline::Assigner a{storyline::pipeline::AssignerOptions{}};
  if (a.Load(&r).ok()) {
    for (int k = 24; k < 30; ++k) a.Add(Make(k));
    (void)a.Find("a3");
  }
  // The templates' reader on the same bytes (mostly a wrong shape for it).
  storyline::serial::Reader r2(sealed);
  storyline::extract::SiteTemplates t;
  (void)t.Load(&r2);
  return 0;
}
