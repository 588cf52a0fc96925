// robots.txt (RFC 9309): which paths a crawler may fetch, and its
// crawl-delay.
//
//   ingest::Robots r = ingest::ParseRobots(body, "storyline");
//   if (r.Allowed("/news/a?x=1")) ...
//
// The group naming our product token (case-insensitive) applies, else the
// "*" group, else everything is allowed. Longest matching rule wins; Allow
// wins a tie; "*" and a final "$" are supported. Only the first 500 KiB are
// read. For a robots.txt that answers 4xx everything is allowed; when it
// cannot be fetched (5xx, network) nothing is (AllowNone()).
#ifndef STORYLINE_INGEST_ROBOTS_H_
#define STORYLINE_INGEST_ROBOTS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storyline::ingest {

struct Robots {
  std::vector<std::pair<bool, std::string>> rules;  // (allow, pattern)
  double crawl_delay = 0;                           // seconds; 0 when unset
  bool Allowed(std::string_view path) const;
  static Robots AllowAll() { return {}; }
  static Robots AllowNone() { return {{{false, "/"}}, 0}; }
};

Robots ParseRobots(std::string_view body, std::string_view agent);

}  // namespace storyline::ingest

#endif  // STORYLINE_INGEST_ROBOTS_H_
