// Run.cpp - `bytedmd run`.
#include "Run.h"

#include "CompileArguments.h"
#include "Reports.h"
#include "RuntimePaths.h"
#include "report.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace bytedmd {
namespace {

struct Options {
  std::vector<std::string> functions, untracked, compilerArgs;
  std::vector<std::string> sources; ///< instrumented, compiled and linked together
  std::string report = "bytedmd-report.json", keepDir, instrumentHeaders;
  std::string bytesPerElement = "1";
  bool ir = false;
  bool keepOutputs = false;
  bool irNames = false;
  /// --variant=SPEC entries, and the one the single options spell together.
  std::vector<std::string> variants;
  std::string combined;
  std::string cacheSizes;
  bool stream = false; ///< --stream: two executions, memory with the live set
};

int fail(const std::string &message, int status = 1) {
  std::fflush(stdout);
  std::fprintf(stderr, "bytedmd: error: %s\n", message.c_str());
  return status;
}

bool startsWith(const std::string &s, const char *prefix) {
  return s.compare(0, std::strlen(prefix), prefix) == 0;
}

bool fileExists(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string absolute(const std::string &path) {
  if (!path.empty() && path[0] == '/')
    return path;
  char cwd[PATH_MAX];
  if (::getcwd(cwd, sizeof cwd) == nullptr)
    return path;
  return std::string(cwd) + "/" + path;
}

std::string directoryOf(const std::string &path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string baseName(const std::string &path) {
  const auto slash = path.rfind('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

std::string selfDirectory(const char *argv0) {
  char buffer[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  std::string path = n > 0 ? std::string(buffer, std::size_t(n)) : absolute(argv0);
  return directoryOf(path);
}

/// Runs argv (argv[0] looked up in PATH) with extra environment entries;
/// returns the raw wait status, or -1 when it could not start.
int spawn(const std::vector<std::string> &args, const std::vector<std::string> &env = {}) {
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    for (const std::string &e : env)
      ::putenv(const_cast<char *>(e.c_str()));
    std::vector<char *> argv;
    for (const std::string &a : args)
      argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    std::fprintf(stderr, "bytedmd: error: cannot run %s: %s\n", args[0].c_str(),
                 std::strerror(errno));
    std::_Exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  return status;
}

bool exitedWith(int status, int code) { return WIFEXITED(status) && WEXITSTATUS(status) == code; }

int parse(int argc, char **argv, Options &o) {
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") {
      for (++i; i < argc; ++i)
        o.compilerArgs.push_back(argv[i]);
      break;
    }
    auto value = [&](const char *name, std::string &out) {
      const std::string prefix = std::string(name) + "=";
      if (startsWith(a, prefix.c_str())) {
        out = a.substr(prefix.size());
        return true;
      }
      return false;
    };
    std::string v;
    if (value("--function", v))
      o.functions.push_back(v);
    else if (value("--untracked", v))
      o.untracked.push_back(v);
    else if (value("--report", o.report))
      continue;
    else if (value("--bytes-per-element", o.bytesPerElement))
      continue;
    else if (value("--keep-dir", o.keepDir))
      continue;
    else if (value("--instrument-headers", o.instrumentHeaders))
      continue;
    else if (value("--variant", v))
      o.variants.push_back(v);
    else if (value("--cache-sizes", o.cacheSizes))
      continue;
    else if (a == "--stream")
      o.stream = true;
    else if (a == "--no-liveness" || startsWith(a, "--cost=") || startsWith(a, "--bytes=") ||
             startsWith(a, "--stack="))
      o.combined += (o.combined.empty() ? "" : ",") + a.substr(2);
    else if (a == "--keep-outputs")
      o.keepOutputs = true;
    else if (a == "--ir")
      o.ir = true;
    else if (a == "--ir=names")
      o.ir = o.irNames = true;
    else if (a == "--names")
      o.irNames = true;
    else if (startsWith(a, "-"))
      return fail("unknown option '" + a + "'; see 'bytedmd run --help'", 2);
    else
      o.sources.push_back(a);
  }
  if (o.sources.empty())
    return fail("no SOURCE file; usage: bytedmd run [options] SOURCE... [-- COMPILER_ARGS]", 2);
  if (o.report.empty())
    return fail("--report needs a file name", 2);
  const std::string &b = o.bytesPerElement;
  if (b.empty() || b.find_first_not_of("0123456789") != std::string::npos || b == "0" ||
      b.size() > 7)
    return fail("--bytes-per-element='" + b + "' is not an integer from 1 to 1048576", 2);
  // The single options (--no-liveness --cost=sqrt) are one variant together.
  if (!o.combined.empty())
    o.variants.push_back(o.combined);
  for (const std::string &variant : o.variants) {
    VariantSpec spec;
    std::string why;
    if (!parseVariant(variant, &spec, &why))
      return fail(why, 2);
  }
  std::vector<std::uint64_t> sizes;
  std::string why;
  if (!o.cacheSizes.empty() && !parseCacheSizes(o.cacheSizes, &sizes, &why))
    return fail("--cache-sizes: " + why, 2);
  return 0;
}

std::string readFile(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}


/// A C source: instrumented and compiled as C++ (the runtime's layer is C++).
bool isCSource(const std::string &path) {
  return path.size() > 2 && path.compare(path.size() - 2, 2, ".c") == 0;
}

/// What `bytedmd run` works with: the tools, the work directory, and where
/// each step leaves its files.
struct Run {
  Options o;
  RuntimePaths runtime;
  std::string instrument; ///< bytedmd-instrument, beside this executable
  std::string work;       ///< kept with --keep-dir, else a temporary
  std::vector<std::string> instrumented; ///< one per source
  std::string program, irPath;
  bool hasStd = false, hasOpt = false, anyC = false;
};

/// The work directory (kept with --keep-dir) and the names of the outputs.
int prepare(Run &run) {
  run.work = run.o.keepDir;
  if (run.work.empty()) {
    char pattern[] = "/tmp/bytedmd-run-XXXXXX";
    if (::mkdtemp(pattern) == nullptr)
      return fail(std::string("cannot create a work directory: ") + std::strerror(errno));
    run.work = pattern;
  } else if (::mkdir(run.work.c_str(), 0755) != 0 && errno != EEXIST) {
    return fail("cannot create --keep-dir '" + run.work + "': " + std::strerror(errno));
  }
  for (std::size_t i = 0; i < run.o.sources.size(); ++i) {
    // Sources of the same name in different directories stay apart.
    const std::string name = baseName(run.o.sources[i]);
    const bool clash = std::count_if(run.o.sources.begin(), run.o.sources.end(),
                                     [&](const std::string &s) { return baseName(s) == name; }) > 1;
    run.instrumented.push_back(run.work + "/" + (clash ? std::to_string(i) + "-" : "") + name +
                               ".bytedmd.cpp");
  }
  const std::string first = baseName(run.o.sources.front());
  run.program = run.work + "/" + first + ".bytedmd";
  run.irPath = run.work + "/" + first + ".ir";
  for (const std::string &a : run.o.compilerArgs)
    run.hasOpt = run.hasOpt || (startsWith(a, "-O") && a.size() <= 6);
  run.hasStd = choosesStandard(run.o.compilerArgs);
  for (const std::string &source : run.o.sources)
    run.anyC = run.anyC || isCSource(source);
  return 0;
}

/// Step 1: each source through bytedmd-instrument (one --function list for
/// all of them: each defines some).
int instrumentSources(const Run &run) {
  const Options &o = run.o;
  for (std::size_t i = 0; i < o.sources.size(); ++i) {
    const std::string &source = o.sources[i];
    std::vector<std::string> args = {run.instrument, source, "-o", run.instrumented[i]};
    for (const std::string &f : o.functions)
      args.push_back("--function=" + f);
    if (o.sources.size() > 1 && !o.functions.empty())
      args.push_back("--allow-missing-functions");
    for (const std::string &u : o.untracked)
      args.push_back("--untracked=" + u);
    if (o.keepOutputs)
      args.push_back("--keep-outputs");
    if (!o.instrumentHeaders.empty())
      args.push_back("--instrument-headers=" + o.instrumentHeaders);
    args.push_back("--");
    if (isCSource(source)) {
      std::fprintf(stderr, "bytedmd: note: %s is instrumented and compiled as C++\n",
                   source.c_str());
      args.push_back("-xc++");
    }
    if (!run.hasStd)
      args.push_back(kDefaultStandard);
    if (run.anyC)
      args.push_back("-Drestrict=__restrict__"); // C99's keyword, GNU's in C++
    for (const std::string &a : o.compilerArgs)
      args.push_back(a);
    if (!exitedWith(spawn(args), 0))
      return fail("instrumenting " + source + " failed (see above)");
  }
  return 0;
}

/// Step 2: the instrumented sources and the runtime, with the user's compiler.
int compileProgram(const Run &run) {
  const char *cxx = std::getenv("CXX");
  std::vector<std::string> compile = {cxx && *cxx ? cxx : "c++"};
  if (!run.hasStd)
    compile.push_back(kDefaultStandard);
  if (!run.hasOpt)
    compile.push_back("-O2");
  if (run.anyC)
    compile.push_back("-Drestrict=__restrict__");
  // The rewritten files' quoted includes still name their sources' directories.
  for (const std::string &source : run.o.sources) {
    compile.push_back("-iquote");
    compile.push_back(directoryOf(absolute(source)));
  }
  compile.push_back("-I" + run.runtime.includeDir);
  for (const std::string &a : run.o.compilerArgs)
    compile.push_back(a);
  for (const std::string &file : run.instrumented)
    compile.push_back(file);
  compile.push_back(run.runtime.library);
  compile.push_back("-pthread");
  compile.push_back("-o");
  compile.push_back(run.program);
  if (!exitedWith(spawn(compile), 0))
    return fail("compiling the instrumented " + run.o.sources.front() +
                (run.o.sources.size() > 1 ? " and the other sources" : "") + " with " +
                compile[0] + " failed (see above)");
  return 0;
}

/// Step 3: the program, with the runtime's settings; the runtime writes the
/// report at exit. The program's exit status, or a failure.
int runProgram(const Run &run, const std::string &report, int &programStatus) {
  const Options &o = run.o;
  std::remove(report.c_str());
  std::vector<std::string> env = {"BYTEDMD_REPORT=" + report,
                                  "BYTEDMD_BYTES_PER_ELEMENT=" + o.bytesPerElement};
  if (o.ir)
    env.push_back("BYTEDMD_IR=" + run.irPath);
  if (o.irNames)
    env.push_back("BYTEDMD_IR_NAMES=1");
  if (!o.variants.empty()) {
    std::string joined;
    for (const std::string &variant : o.variants)
      joined += (joined.empty() ? "" : ";") + variant;
    env.push_back("BYTEDMD_VARIANTS=" + joined);
  }
  if (!o.cacheSizes.empty())
    env.push_back("BYTEDMD_CACHE_SIZES=" + o.cacheSizes);
  if (o.stream)
    env.push_back("BYTEDMD_STREAM=1");
  const int status = spawn({run.program}, env);
  if (status == -1)
    return fail("cannot run " + run.program);
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return fail("the program was killed by signal " + std::to_string(sig) + " (" + strsignal(sig) +
                    "); no report",
                128 + sig);
  }
  programStatus = WEXITSTATUS(status);
  if (!fileExists(report))
    return fail("the program exited with status " + std::to_string(programStatus) +
                    " and wrote no report (" + report + ")",
                programStatus != 0 ? programStatus : 1);
  return 0;
}

/// Whether a measurement of `function` (qualified, as the report names it)
/// answers `--function=wanted` (qualified or not, as the instrumenter matches).
bool measures(const std::string &function, const std::string &wanted) {
  if (wanted.find("::") != std::string::npos)
    return function == wanted || "::" + function == wanted;
  const std::size_t scope = function.rfind("::");
  return (scope == std::string::npos ? function : function.substr(scope + 2)) == wanted;
}

/// A named function with no measurement in the report would otherwise pass
/// unnoticed: with several sources none of them has to define it.
void noteUnmeasured(const Options &o, const ReportData &report) {
  for (const std::string &wanted : o.functions) {
    const bool seen = std::any_of(
        report.measurements.begin(), report.measurements.end(),
        [&](const MeasurementRecord &m) { return measures(m.function, wanted); });
    if (!seen)
      std::fprintf(stderr,
                   "bytedmd: note: --function=%s has no measurement: no source defines it, "
                   "or the program never called it\n",
                   wanted.c_str());
  }
}

} // namespace

int runCommand(int argc, char **argv, const char *argv0) {
  if (argc > 0 && (std::strcmp(argv[0], "--help") == 0 || std::strcmp(argv[0], "-h") == 0)) {
    std::printf("usage: bytedmd run [options] SOURCE... [-- COMPILER_ARGS...]\n"
                "options: --function=NAME --untracked=PARAM --keep-outputs --report=FILE "
                "--bytes-per-element=N --ir --keep-dir=DIR --instrument-headers=REGEX "
                "--no-liveness --cost=sqrt --bytes=native --stack=locations --variant=SPEC "
                "--cache-sizes=LIST --stream\n"
                "Several sources are instrumented, compiled and linked together; a .c source "
                "is instrumented and compiled as C++.\n");
    return 0;
  }
  Run run;
  if (int status = parse(argc, argv, run.o))
    return status;
  for (const std::string &source : run.o.sources)
    if (!fileExists(source))
      return fail(source + ": no such file");
  run.runtime = findRuntime(argv0);
  if (!run.runtime.found)
    return fail("cannot find the bytedmd runtime (" + run.runtime.includeDir +
                "/bytedmd/runtime.h); rebuild or reinstall bytedmd");
  run.instrument = selfDirectory(argv0) + "/bytedmd-instrument";
  if (!fileExists(run.instrument))
    return fail("cannot find " + run.instrument + "; rebuild or reinstall bytedmd");
  if (int status = prepare(run))
    return status;
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      if (!dir.empty())
        spawn({"rm", "-rf", dir});
    }
  } cleanup{run.o.keepDir.empty() ? run.work : std::string()};

  int programStatus = 0;
  const std::string report = absolute(run.o.report);
  if (int status = instrumentSources(run))
    return status;
  if (int status = compileProgram(run))
    return status;
  if (int status = runProgram(run, report, programStatus))
    return status;

  // 4. Report.
  ReportData parsed;
  std::string error;
  if (!loadReport(report, &parsed, &error))
    return fail("the program's report cannot be read: " + error);
  noteUnmeasured(run.o, parsed);
  printSummary(parsed, false);
  if (run.o.ir) {
    std::printf("\n");
    std::fputs(readFile(run.irPath).c_str(), stdout);
  }
  std::fflush(stdout);
  return programStatus;
}

} // namespace bytedmd
