// bytedmd-instrument: rewrites a C++ file so that its functions report their
// ByteDMD cost. A thin main over the Instrumenter library.
#include "CompileArguments.h"
#include "Instrumenter.h"
#include "RuntimePaths.h"
#include "report.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstring>
#include <string>

using namespace llvm;

static cl::OptionCategory category("bytedmd-instrument options");

static cl::list<std::string>
    functions("function",
              cl::desc("A measured function (repeatable; ns::f accepted). Default: every "
                       "function defined in SOURCE except main (functions of --instrument-headers only when "
                       "named)"),
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
static cl::opt<std::string> instrumentHeaders(
    "instrument-headers",
    cl::desc("Also instrument the functions defined in the project's headers whose real path "
             "this regular expression finds (system headers never). Their rewritten copies go "
             "under --header-dir and the output includes them"),
    cl::value_desc("REGEX"), cl::cat(category));
static cl::opt<std::string> headerDir(
    "header-dir",
    cl::desc("Where rewritten headers go, each under its own real path (default: FILE.headers "
             "beside -o FILE)"),
    cl::value_desc("DIR"), cl::cat(category));
static cl::opt<std::string> depFile(
    "dep-file",
    cl::desc("Also write a Makefile-style list of the project files the output depends on "
             "(for build systems: CMake's DEPFILE)"),
    cl::value_desc("FILE"), cl::cat(category));
static cl::opt<bool> printPlan(
    "print-plan",
    cl::desc("Write the planned edits (one per line: file:line:col, kind, text, in the order "
             "they apply) instead of the instrumented file: to see what the rewriter does"),
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

/// Writes path through a temporary and a rename (never a partial file),
/// creating its directory first.
static bool writeAtomically(const std::string &path, StringRef content) {
  const StringRef parent = sys::path::parent_path(path);
  if (std::error_code error = parent.empty() ? std::error_code()
                                             : sys::fs::create_directories(parent)) {
    errs() << "bytedmd-instrument: error: cannot create the directory of " << path << ": "
           << error.message() << "\n";
    return false;
  }
  std::string why;
  if (!bytedmd::writeFileAtomically(path, content.str(), &why)) {
    errs() << "bytedmd-instrument: error: cannot write " << path << ": " << why << "\n";
    return false;
  }
  return true;
}

/// "a\ b" for a path with a space: Makefile syntax.
static std::string makeEscaped(StringRef path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#')
      out += '\\';
    if (c == '$')
      out += '$';
    out += c;
  }
  return out;
}

/// --print-flags: what the user's compiler needs for instrumented code.
static int printCompileFlags(const char *argv0) {
  const bytedmd::RuntimePaths paths = bytedmd::findRuntime(argv0);
  if (!paths.found) {
    errs() << "bytedmd-instrument: error: cannot find the runtime (looked for "
           << paths.includeDir << "/bytedmd/runtime.h); reinstall bytedmd\n";
    return 1;
  }
  outs() << bytedmd::kDefaultStandard << " -I" << paths.includeDir << " " << paths.library
         << " -pthread\n";
  return 0;
}

/// The compiler arguments as bytedmd parses them: the resource directory,
/// no GCC-only flags, the runtime's headers (sources may include
/// bytedmd/runtime.h for its annotations), and the default standard.
static clang::tooling::ArgumentsAdjuster argumentsFor(const bytedmd::RuntimePaths &runtime) {
  return [runtime](const clang::tooling::CommandLineArguments &in, StringRef) {
    std::vector<std::string> out = bytedmd::adjustArguments(in);
    if (runtime.found)
      out.push_back("-I" + runtime.includeDir);
    if (!bytedmd::choosesStandard(out) && !out.empty())
      out.insert(out.begin() + 1, bytedmd::kDefaultStandard);
    return out;
  };
}

/// The options of the command line, for the library.
static bytedmd::InstrumentOptions instrumentOptions() {
  bytedmd::InstrumentOptions options;
  options.functions = functions;
  options.untracked = untracked;
  options.keepOutputs = keepOutputs;
  options.allowMissingFunctions = allowMissingFunctions;
  options.instrumentHeaders = instrumentHeaders;
  options.printPlan = printPlan;
  if (!instrumentHeaders.empty()) {
    SmallString<256> dir(headerDir.empty() && !output.empty() && output != "-"
                             ? output + ".headers"
                             : std::string(headerDir));
    if (!dir.empty())
      sys::fs::make_absolute(dir);
    options.headerDir = dir.str().str();
  }
  return options;
}

/// Writes the header copies, the depfile and the output (or the plan), in
/// that order: the output includes the copies.
static int writeResult(const bytedmd::InstrumentResult &result, const std::string &source) {
  for (const bytedmd::RewrittenHeader &h : result.headers)
    if (!writeAtomically(h.path, h.content))
      return 1;
  if (!depFile.empty()) {
    const std::string target = output.empty() || output == "-" ? source : output;
    std::string rule = makeEscaped(target) + ":";
    for (const std::string &d : result.dependencies)
      rule += " \\\n  " + makeEscaped(d);
    if (!writeAtomically(depFile, rule + "\n"))
      return 1;
  }
  const std::string &text = printPlan ? result.plan : result.output;
  if (output.empty() || output == "-") {
    outs() << text;
    return 0;
  }
  return writeAtomically(output, text) ? 0 : 1;
}

int main(int argc, const char **argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--print-flags") == 0 || std::strcmp(argv[i], "-print-flags") == 0)
      return printCompileFlags(argv[0]);
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
  std::string why;
  if (!instrumentHeaders.empty() && !Regex(instrumentHeaders).isValid(why)) {
    errs() << "bytedmd-instrument: error: --instrument-headers='" << instrumentHeaders
           << "' is not a valid regular expression: " << why << "\n";
    return 1;
  }
  clang::tooling::ClangTool tool(parser->getCompilations(), {source});
  tool.appendArgumentsAdjuster(argumentsFor(bytedmd::findRuntime(argv[0])));
  const bytedmd::InstrumentOptions options = instrumentOptions();
  bytedmd::InstrumentResult result;
  const int status = tool.run(bytedmd::newInstrumentActionFactory(options, result).get());
  if (status != 0 || !result.produced) {
    errs() << "bytedmd-instrument: error: " << source
           << " was not instrumented (see the diagnostics above); no output written\n";
    return 1;
  }
  return writeResult(result, source);
}
