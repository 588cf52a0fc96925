// storyline-score: scorers for `make eval`, reading gold data from
// ../shared/data and predictions written by the storyline CLI.
//
//   storyline-score bcubed --gold eval.jsonl --pred pred.tsv [--pred-col 1]
//                          [--gold-field cluster|story]
//   storyline-score wcxb --gt DIR --pred DIR
//   storyline-score snippets --evaldata evaldata.json --pred DIR
//   storyline-score tml-text FILE.tml OUT.txt      (prints the DCT)
//   storyline-score tempeval --tml-dir DIR --pred-dir DIR [--errors FILE]
//
// Each prints one line of tab-separated figures.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "common/strings.h"
#include "eval/scorers.h"
#include "eval/tml.h"

namespace fs = std::filesystem;
using nlohmann::json;
using storyline::eval::Prf;

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::string> Args(int argc, char** argv, int from) {
  std::map<std::string, std::string> a;
  for (int i = from; i + 1 < argc; i += 2) a[argv[i]] = argv[i + 1];
  return a;
}

// Labels by id: a JSONL gold file's `field`, or a TSV file's column `col`.
std::map<std::string, std::string> ReadLabels(const std::string& path, int col,
                                              const std::string& field) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  bool jsonl = storyline::EndsWith(path, ".jsonl");
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (jsonl) {
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("id") || !j.contains(field)) continue;
      auto str = [](const json& x) {
        return x.is_string() ? x.get<std::string>() : x.dump();
      };
      out[str(j["id"])] = str(j[field]);
    } else {
      std::vector<std::string> f = storyline::Split(line, '\t');
      if (static_cast<int>(f.size()) > col)
        out[f[0]] = f[static_cast<size_t>(col)];
    }
  }
  return out;
}

int BCubedCmd(int argc, char** argv) {
  auto a = Args(argc, argv, 2);
  int gcol = a.count("--gold-col") ? std::stoi(a["--gold-col"]) : 1;
  int pcol = a.count("--pred-col") ? std::stoi(a["--pred-col"]) : 1;
  std::string field = a.count("--gold-field") ? a["--gold-field"] : "cluster";
  auto gold = ReadLabels(a["--gold"], gcol, field);
  auto pred = ReadLabels(a["--pred"], pcol, field);
  Prf r = storyline::eval::BCubed(gold, pred);
  std::printf("%.4f\t%.4f\t%.4f\t%zu\n", r.p, r.r, r.f1, r.n);
  return gold.empty() ? 1 : 0;
}

json ReadPred(const std::string& path) {
  json j = json::parse(Slurp(path), nullptr, false);
  return j.is_object() ? j : json::object();
}

std::string Str(const json& j, const char* k) {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : "";
}

int WcxbCmd(int argc, char** argv) {
  auto a = Args(argc, argv, 2);
  double f_all = 0, f_art = 0, title = 0, date_ok = 0, author = 0, type_ok = 0;
  int n_all = 0, n_art = 0, n_title = 0, n_date = 0, n_author = 0;
  for (const auto& e : fs::directory_iterator(a["--gt"])) {
    std::string stem = e.path().stem().string();
    std::string pp = a["--pred"] + "/" + stem + ".json";
    if (!fs::exists(pp)) continue;  // sampled out (quick mode)
    json gt = json::parse(Slurp(e.path().string()), nullptr, false);
    if (gt.is_discarded()) continue;
    json g = gt["ground_truth"];
    std::string type = "article";
    if (gt.contains("_internal") && gt["_internal"].contains("page_type"))
      type = Str(gt["_internal"]["page_type"], "primary");
    json p = ReadPred(pp);
    Prf f = storyline::eval::WordF1(Str(p, "text"), Str(g, "main_content"));
    f_all += f.f1;
    ++n_all;
    if (type == "article") {
      f_art += f.f1;
      ++n_art;
    }
    type_ok +=
        ((type == "article") == (Str(p, "page_type") == "article")) ? 1 : 0;
    if (!Str(g, "title").empty()) {
      title += storyline::eval::WordF1(Str(p, "title"), Str(g, "title")).f1;
      ++n_title;
    }
    if (!Str(g, "publish_date").empty()) {
      std::string pd = Str(p, "published");
      date_ok += pd.size() >= 10 &&
                 pd.substr(0, 10) == Str(g, "publish_date").substr(0, 10);
      ++n_date;
    }
    if (!Str(g, "author").empty()) {
      std::string pa;
      if (p.contains("authors") && p["authors"].is_array())
        for (const json& x : p["authors"])
          pa += (x.is_string() ? x.get<std::string>() : "") + " ";
      author += storyline::eval::WordF1(pa, Str(g, "author")).f1;
      ++n_author;
    }
  }
  auto avg = [](double s, int n) { return n ? s / n : 0.0; };
  std::printf("%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%d\t%d\n", avg(f_all, n_all),
              avg(f_art, n_art), avg(title, n_title), avg(date_ok, n_date),
              avg(author, n_author), avg(type_ok, n_all), n_all, n_art);
  return n_all ? 0 : 1;
}

int SnippetsCmd(int argc, char** argv) {
  auto a = Args(argc, argv, 2);
  json d = json::parse(Slurp(a["--evaldata"]), nullptr, false);
  double tp = 0, fp = 0, fn = 0, tn = 0;
  int pages = 0;
  for (auto& [url, v] : d.items()) {
    std::string file = Str(v, "file");
    std::string pp = a["--pred"] + "/" + file + ".json";
    if (!fs::exists(pp)) continue;
    ++pages;
    std::string text = storyline::CollapseWhitespace(Str(ReadPred(pp), "text"));
    for (const json& s : v["with"]) {
      if (!s.is_string()) continue;
      bool found =
          text.find(storyline::CollapseWhitespace(s.get<std::string>())) !=
          std::string::npos;
      (found ? tp : fn) += 1;
    }
    for (const json& s : v["without"]) {
      if (!s.is_string()) continue;
      bool found =
          text.find(storyline::CollapseWhitespace(s.get<std::string>())) !=
          std::string::npos;
      (found ? fp : tn) += 1;
    }
  }
  double p = tp + fp > 0 ? tp / (tp + fp) : 0,
         r = tp + fn > 0 ? tp / (tp + fn) : 0;
  double f1 = 2 * tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
  std::printf("%.4f\t%.4f\t%.4f\t%d\n", p, r, f1, pages);
  return pages ? 0 : 1;
}

int TmlTextCmd(int argc, char** argv) {
  if (argc < 4) return 2;
  storyline::eval::TmlDoc doc;
  if (!storyline::eval::ParseTml(Slurp(argv[2]), &doc)) return 1;
  std::ofstream(argv[3], std::ios::binary) << doc.text;
  std::printf("%s\n", doc.dct.c_str());
  return 0;
}

int TempevalCmd(int argc, char** argv) {
  auto a = Args(argc, argv, 2);
  double gold_n = 0, pred_n = 0, relaxed_g = 0, relaxed_p = 0, strict = 0,
         value_ok = 0;
  int docs = 0;
  // --errors FILE: every miss, extra and wrong value, one per line.
  std::ofstream errors;
  if (!a["--errors"].empty()) errors.open(a["--errors"]);
  for (const auto& e : fs::recursive_directory_iterator(a["--tml-dir"])) {
    if (e.path().extension() != ".tml") continue;
    std::string pp = a["--pred-dir"] + "/" + e.path().stem().string() + ".json";
    if (!fs::exists(pp)) continue;
    storyline::eval::TmlDoc doc;
    if (!storyline::eval::ParseTml(Slurp(e.path().string()), &doc)) continue;
    ++docs;
    json pj = json::parse(Slurp(pp), nullptr, false);
    struct P {
      size_t b, e;
      std::string v;
      bool used = false;
    };
    std::vector<P> preds;
    if (pj.is_array())
      for (const json& x : pj) {
        std::string t = Str(x, "type");
        if (t == "DATE" || t == "TIME")
          preds.push_back({x["begin"].get<size_t>(), x["end"].get<size_t>(),
                           Str(x, "value")});
      }
    pred_n += static_cast<double>(preds.size());
    auto text = [&](size_t b, size_t e) {
      return b < e && e <= doc.text.size() ? doc.text.substr(b, e - b) : "";
    };
    const std::string name = e.path().stem().string();
    for (const auto& g : doc.timexes) {
      if (g.type != "DATE" && g.type != "TIME") continue;
      ++gold_n;
      bool found = false;
      for (P& p : preds) {
        if (p.used || p.b >= g.end || g.begin >= p.e) continue;
        p.used = found = true;
        ++relaxed_g;
        if (p.b == g.begin && p.e == g.end) ++strict;
        if (p.v == g.value) {
          ++value_ok;
        } else if (errors) {
          errors << "VALUE\t" << name << "\t" << text(g.begin, g.end) << "\t"
                 << g.value << "\t" << text(p.b, p.e) << "\t" << p.v << "\n";
        }
        break;
      }
      if (!found && errors)
        errors << "MISS\t" << name << "\t" << text(g.begin, g.end) << "\t"
               << g.value << "\t" << g.type << "\n";
    }
    for (const P& p : preds) {
      relaxed_p += p.used;
      if (!p.used && errors)
        errors << "EXTRA\t" << name << "\t" << text(p.b, p.e) << "\t" << p.v
               << "\n";
    }
  }
  double P = pred_n ? relaxed_p / pred_n : 0,
         R = gold_n ? relaxed_g / gold_n : 0;
  double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
  double sP = pred_n ? strict / pred_n : 0, sR = gold_n ? strict / gold_n : 0;
  double sF = sP + sR > 0 ? 2 * sP * sR / (sP + sR) : 0;
  double acc = relaxed_g ? value_ok / relaxed_g : 0;
  std::printf("%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%d\n", P, R, F, sF, acc,
              F * acc, docs);
  return docs ? 0 : 1;
}

// fit-logistic FILE...: the event scorer's weights from --train-features
// dumps (a header line, then "same<TAB>x0<TAB>x1…"). Each file is one
// labelled set and weighs the same in the fit, whatever its size. Prints
// the weights comma-separated; --inc OUT also writes them as the C++
// initializer compiled into storyline.
int FitLogisticCmd(int argc, char** argv) {
  std::vector<std::string> files;
  std::string inc;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--inc" && i + 1 < argc)
      inc = argv[++i];
    else
      files.push_back(argv[i]);
  }
  std::vector<double> x, weight;
  std::vector<int> y;
  std::vector<std::string> names;
  size_t dims = 0;
  for (const std::string& path : files) {
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line)) {
      std::fprintf(stderr, "storyline-score: %s: empty\n", path.c_str());
      return 1;
    }
    std::vector<std::string> head = storyline::Split(line, '\t');
    if (dims == 0) {
      dims = head.size() - 1;
      names.assign(head.begin() + 1, head.end());
    }
    size_t first = y.size();
    while (std::getline(in, line)) {
      std::vector<std::string> f = storyline::Split(line, '\t');
      if (f.size() != dims + 1) continue;
      y.push_back(f[0] == "1");
      for (size_t k = 1; k <= dims; ++k) x.push_back(std::stod(f[k]));
    }
    size_t rows = y.size() - first;
    for (size_t i = 0; i < rows; ++i) weight.push_back(1.0 / rows);
  }
  std::vector<double> w = storyline::eval::FitLogistic(x, y, weight, dims);
  for (size_t k = 0; k < w.size(); ++k)
    std::printf("%s%.6g", k ? "," : "", w[k]);
  std::printf("\n");
  if (!inc.empty()) {
    std::ofstream out(inc);
    out << "// Generated by eval/fit_event_model.sh (storyline-score "
           "fit-logistic)\n// from "
        << files.size()
        << " labelled sets, each weighing the same. Do not edit.\n";
    for (size_t k = 0; k < w.size(); ++k)
      out << w[k] << ",  // " << names[k] << "\n";
  }
  return w.empty() ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(
        stderr,
        "usage: storyline-score bcubed|wcxb|snippets|tml-text|tempeval ...\n");
    return 2;
  }
  std::string cmd = argv[1];
  if (cmd == "bcubed") return BCubedCmd(argc, argv);
  if (cmd == "wcxb") return WcxbCmd(argc, argv);
  if (cmd == "snippets") return SnippetsCmd(argc, argv);
  if (cmd == "tml-text") return TmlTextCmd(argc, argv);
  if (cmd == "tempeval") return TempevalCmd(argc, argv);
  if (cmd == "fit-logistic") return FitLogisticCmd(argc, argv);
  std::fprintf(stderr, "storyline-score: unknown command %s\n", cmd.c_str());
  return 2;
}
