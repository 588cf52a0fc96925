// TimeML (.tml) reading for the temporal evaluation: the document creation
// time, the plain text of <TEXT>, and the gold TIMEX3 spans in that text.
#ifndef STORYLINE_EVAL_TML_H_
#define STORYLINE_EVAL_TML_H_

#include <string>
#include <vector>

namespace storyline::eval {

struct GoldTimex {
  size_t begin = 0, end = 0;  // bytes in TmlDoc::text
  std::string type, value;
};

struct TmlDoc {
  std::string dct;   // YYYY-MM-DD (from <DCT>)
  std::string text;  // <TEXT> with tags removed and entities decoded
  std::vector<GoldTimex> timexes;
};

// False when the document has no <TEXT> or no DCT value.
bool ParseTml(const std::string& xml, TmlDoc* out);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_TML_H_
