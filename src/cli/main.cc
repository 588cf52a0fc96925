// storyline: the command-line front door. A table of subcommands; each
// handler lives in commands.cc / eval_commands.cc.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli/commands.h"

namespace {

void PrintHelp() {
  std::printf(
      "storyline - living story pages from a stream of news articles\n\n"
      "usage: storyline COMMAND [options]\n\ncommands:\n");
  for (const auto& c : storyline::cli::CommandTable())
    std::printf("  %-12s %s\n", c.name, c.summary);
  std::printf(
      "\nEvery command that uses a database takes --db STORE: a SQLite file "
      "(default\nstoryline.db) or a PostgreSQL URL "
      "(postgresql://[user@]host[:port]/dbname).\n"
      "Run 'storyline COMMAND --help' for a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") ||
      !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    PrintHelp();
    return argc < 2 ? 2 : 0;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::printf("storyline %s\n", STORYLINE_VERSION);
    return 0;
  }
  std::string name = argv[1];
  for (const auto& c : storyline::cli::CommandTable()) {
    if (name != c.name) continue;
    storyline::cli::Args args(argv + 2, argv + argc);
    for (const std::string& a : args) {
      if (a == "--help" || a == "-h") {
        std::printf("%s", c.usage);
        return 0;
      }
    }
    return c.run(args);
  }
  std::fprintf(stderr,
               "storyline: unknown command '%s' (see 'storyline --help')\n",
               name.c_str());
  return 2;
}
