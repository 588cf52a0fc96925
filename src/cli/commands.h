// The storyline subcommands. Each takes its arguments (after the command
// name) and returns the process exit code.
#ifndef STORYLINE_CLI_COMMANDS_H_
#define STORYLINE_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace storyline::cli {

using Args = std::vector<std::string>;

struct Command {
  const char* name;
  int (*run)(const Args& args);
  const char* summary;
  const char* usage;  // full help text
};

int Ingest(const Args& args);
int Stories(const Args& args);
int Show(const Args& args);
int ExportSite(const Args& args);
int Verify(const Args& args);
int ExtractCmd(const Args& args);
int ClusterCmd(const Args& args);
int TimexCmd(const Args& args);
int TimelineCmd(const Args& args);
int PageCmd(const Args& args);
int Serve(const Args& args);
int Crawl(const Args& args);
int Run(const Args& args);
int Assign(const Args& args);
int Compose(const Args& args);
int Feeds(const Args& args);
int BackupCmd(const Args& args);
int Prune(const Args& args);

// `ingest --role worker`: reads and extracts `paths` into db's work queue
// (queue_commands.cc).
int IngestWorker(store::Store* db, const std::vector<std::string>& paths,
                 const ingest::Options& options, bool quiet);

// Reads a JSONL (or any ingestible) file as one story, articles in
// publication order; prints problems as "storyline CMD: …" and returns
// false when nothing is readable (page_command.cc).
bool ReadOneStory(const char* cmd, const std::string& path,
                  ingest::Batch* batch);

// With --stats: how the writer started ("start: snapshot of ... in X s" or
// "start: replayed N articles in X s (why)") on stderr (commands.cc).
void PrintStart(const char* cmd, const pipeline::StartReport& s);

const std::vector<Command>& CommandTable();

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_COMMANDS_H_
