// bytedmd-instrument: rewrites a C++ file so that its functions report their
// ByteDMD cost. A thin main over the Instrumenter library.
#include "Instrumenter.h"
#include "RuntimePaths.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

using namespace llvm;

static cl::OptionCategory category("bytedmd-instrument options");

static cl::list<std::string>
    functions("function",
              cl::desc("A measured function (repeatable; ns::f accepted). Default: every "
                       "function defined in SOURCE except main"),
              cl::value_desc("NAME"), cl::cat(category));
static cl::list<std::string>
    untracked("untracked",
              cl::desc("A parameter excluded from the inputs, such as a size: NAME or "
                       "FUNCTION:NAME (repeatable)"),
              cl::value_desc("PARAM"), cl::cat(category));
static cl::opt<std::string> output("o",
                                   cl::desc("Write the instrumented file here (default: "
                                            "standard output)"),
                                   cl::value_desc("FILE"), cl::cat(category));
static cl::opt<bool> keepOutputs(
    "keep-outputs",
    cl::desc("Keep what measured functions write through non-const reference parameters live "
             "to the end of the measurement (named \"keep-outputs\" in the report's model)"),
    cl::cat(category));
static cl::opt<bool> allowMissingFunctions(
    "allow-missing-functions",
    cl::desc("Accept --function names that SOURCE does not define (one list for every file of "
             "a target)"),
    cl::cat(category));
static cl::opt<bool> printFlags("print-flags",
                                cl::desc("Print the compile and link flags that instrumented "
                                         "code needs, and exit"),
                                cl::cat(category));

static const char *const help = R"(
Rewrites the functions defined in SOURCE so that every load and arithmetic
expression calls the bytedmd runtime. Compile the output with your compiler
and the flags from --print-flags; running it writes bytedmd-report.json.

  bytedmd-instrument matvec.cpp -o matvec.bytedmd.cpp -- -std=c++17
  g++ -O2 matvec.bytedmd.cpp $(bytedmd-instrument --print-flags) -o matvec
)";

int main(int argc, const char **argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--print-flags") == 0 || std::strcmp(argv[i], "-print-flags") == 0) {
      const bytedmd::RuntimePaths paths = bytedmd::findRuntime(argv[0]);
      if (!paths.found) {
        errs() << "bytedmd-instrument: error: cannot find the runtime (looked for "
               << paths.includeDir << "/bytedmd/runtime.h); reinstall bytedmd\n";
        return 1;
      }
      outs() << "-std=c++17 -I" << paths.includeDir << " " << paths.library << " -pthread\n";
      return 0;
    }
  }
  // Without a compilation database or '--', parse as C++17.
  std::vector<const char *> args(argv, argv + argc);
  bool hasSeparator = false, hasDatabase = false;
  for (int i = 1; i < argc; ++i) {
    hasSeparator = hasSeparator || std::strcmp(argv[i], "--") == 0;
    hasDatabase = hasDatabase || std::strncmp(argv[i], "-p", 2) == 0;
  }
  if (!hasSeparator && !hasDatabase)
    args.push_back("--");
  int count = int(args.size());
  auto parser = clang::tooling::CommonOptionsParser::create(count, args.data(), category,
                                                            cl::OneOrMore, help);
  if (!parser) {
    errs() << "bytedmd-instrument: error: " << toString(parser.takeError()) << "\n";
    return 1;
  }
  if (parser->getSourcePathList().size() != 1) {
    errs() << "bytedmd-instrument: error: give exactly one SOURCE file\n";
    return 1;
  }
  const std::string source = parser->getSourcePathList()[0];
  if (!sys::fs::exists(source)) {
    errs() << "bytedmd-instrument: error: " << source << ": no such file\n";
    return 1;
  }
  clang::tooling::ClangTool tool(parser->getCompilations(), {source});
  // Sources may include bytedmd/runtime.h for its annotations.
  const bytedmd::RuntimePaths runtime = bytedmd::findRuntime(argv[0]);
  tool.appendArgumentsAdjuster(
      [runtime](const clang::tooling::CommandLineArguments &in, StringRef) {
        std::vector<std::string> out = bytedmd::adjustArguments(in);
        if (runtime.found)
          out.push_back("-I" + runtime.includeDir);
        bool hasStd = false;
        for (const std::string &a : out)
          hasStd = hasStd || StringRef(a).starts_with("-std=");
        if (!hasStd && !out.empty())
          out.insert(out.begin() + 1, "-std=c++17");
        return out;
      });

  bytedmd::InstrumentOptions options;
  options.functions = functions;
  options.untracked = untracked;
  options.keepOutputs = keepOutputs;
  options.allowMissingFunctions = allowMissingFunctions;
  bytedmd::InstrumentResult result;
  const int status = tool.run(bytedmd::newInstrumentActionFactory(options, result).get());
  if (status != 0 || !result.produced) {
    errs() << "bytedmd-instrument: error: " << source
           << " was not instrumented (see the diagnostics above); no output written\n";
    return 1;
  }
  if (output.empty() || output == "-") {
    outs() << result.output;
    return 0;
  }
  // Write a temporary beside the output, then rename: never a partial file.
  const std::string temporary = output + ".tmp." + std::to_string(::getpid());
  {
    std::error_code error;
    raw_fd_ostream out(temporary, error, sys::fs::OF_None);
    if (error) {
      errs() << "bytedmd-instrument: error: cannot write " << output << ": " << error.message()
             << "\n";
      return 1;
    }
    out << result.output;
    out.close();
    if (out.has_error()) {
      errs() << "bytedmd-instrument: error: cannot write " << output << "\n";
      sys::fs::remove(temporary);
      return 1;
    }
  }
  if (std::error_code error = sys::fs::rename(temporary, output)) {
    errs() << "bytedmd-instrument: error: cannot write " << output << ": " << error.message()
           << "\n";
    sys::fs::remove(temporary);
    return 1;
  }
  return 0;
}
