// bytedmd: the driver. `bytedmd run` instruments, compiles, runs and reports
// in one step; later subcommands (report, compare, annotate, html) join it.
#include "Html.h"
#include "Reports.h"
#include "Run.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace {
const char *const kUsage = R"(usage: bytedmd run [options] SOURCE [-- COMPILER_ARGS...]
       bytedmd report FILE.json [--by=function|region|input|op] [--format=text|markdown|json|csv]
       bytedmd compare BASE.json NEW.json [--max-increase=PCT] [--format=text|markdown]
       bytedmd annotate FILE.json [--function=NAME] [--call=N]
       bytedmd html FILE.json -o page.html

Instruments SOURCE, compiles it with the runtime ($CXX, else c++; -std=c++17 -O2
unless COMPILER_ARGS say otherwise), runs it, writes the report and prints one
row per measurement. `report` prints a report's summary; `compare` matches two
reports' measurements by function and call number and exits 1 when a cost rose
by more than PCT percent (default 0), 2 on unusable input.

options:
  --function=NAME           a measured function (repeatable; default: all but main)
  --untracked=PARAM         exclude a parameter (NAME or FUNCTION:NAME) from the inputs
  --report=FILE             the JSON report (default: bytedmd-report.json)
  --bytes-per-element=N     bytes per value in the cost (default: 1)
  --keep-outputs            keep values written through reference parameters live to the end
  --ir                      print each measurement's IR text after the summary
  --ir=names                the same with source names (A[0][1], s, a * b) for vN
  --names                   source names in the report's events (for bytedmd html)
  --keep-dir=DIR            keep the instrumented source and binary in DIR
  --instrument-headers=RE   also instrument the functions of the project's headers whose
                            real path RE finds (docs/semantics.md, "Project headers")

variants (replayed from the same run; the default numbers never change):
  --no-liveness             values never leave the stack (classic DMD)
  --cost=sqrt               plain sqrt(d), reported as a floating-point total
  --bytes=native            each value as wide as its type; depths in bytes
  --stack=locations         a stack of memory locations: loads are reads, stores
                            move for free, temporaries are off the stack
                            (the single options together make one variant)
  --variant=SPEC            one more variant, its options comma-separated
                            (--variant=no-liveness,cost=sqrt); repeatable
  --cache-sizes=LIST        misses of an LRU cache of each size (64,256,1K; bytes
                            for native variants): reads deeper than the size

  --stream                  run each measured call twice (it must repeat itself) and
                            replay as it runs: memory with the live set and one byte
                            per value, not the event log (docs/runtime.md, "Streaming")
)";
} // namespace

int main(int argc, char **argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  if (command == "run")
    return bytedmd::runCommand(argc - 2, argv + 2, argv[0]);
  if (command == "report")
    return bytedmd::reportCommand(argc - 2, argv + 2);
  if (command == "compare")
    return bytedmd::compareCommand(argc - 2, argv + 2);
  if (command == "annotate")
    return bytedmd::annotateCommand(argc - 2, argv + 2);
  if (command == "html")
    return bytedmd::htmlCommand(argc - 2, argv + 2);
  std::fprintf(stderr, "bytedmd: error: unknown command '%s'; try 'bytedmd run --help'\n",
               command.c_str());
  return 2;
}
