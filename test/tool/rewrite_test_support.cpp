// rewrite_test_support.cpp - the in-memory instrumenter run (see the header).
#include "rewrite_test_support.h"

#include "CompileArguments.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>

namespace bytedmd {
namespace {

/// With BYTEDMD_SNAPSHOT_DIR set (scripts/instrument-snapshot), writes each
/// rewrite there, so a change that must keep the rewrite can be checked
/// against the one before it.
void snapshot(const InstrumentResult &result, const std::string &printed) {
  const char *dir = std::getenv("BYTEDMD_SNAPSHOT_DIR");
  if (dir == nullptr)
    return;
  static std::map<std::string, int> count;
  const ::testing::TestInfo *test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(test->test_suite_name()) + "." + test->name();
  name += "." + std::to_string(count[name]++);
  std::ofstream out(std::string(dir) + "/" + name);
  out << "produced=" << result.produced << " warnings=" << result.warnings << "\n"
      << printed << "\n== output\n" << result.output;
  for (const RewrittenHeader &h : result.headers)
    out << "\n== header " << h.original << " -> " << h.path << "\n" << h.content;
  for (const std::string &m : result.measured)
    out << "\n== measured " << m;
}

} // namespace

std::string squeeze(const std::string &s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out.push_back(c);
  return out;
}

std::string withoutLocations(std::string code) {
  code = std::regex_replace(code, std::regex(R"(,&bytedmd_loc_[0-9]+)"), "");
  return std::regex_replace(
      code, std::regex(R"(staticbytedmd_locationbytedmd_loc_[0-9]+=\{[^}]*\};)"), "");
}

std::string cwdPath(const std::string &relative) {
  llvm::SmallString<256> cwd;
  llvm::sys::fs::current_path(cwd);
  return std::string(cwd) + "/" + relative;
}

Instrumented instrument(const std::string &code, InstrumentOptions options, const Files &headers,
                        const std::vector<std::string> &flags) {
  InstrumentResult result;
  auto factory = newInstrumentActionFactory(options, result);
  std::string printed;
  llvm::raw_string_ostream stream(printed);
  clang::DiagnosticOptions *diagOptions = new clang::DiagnosticOptions;
  clang::TextDiagnosticPrinter printer(stream, diagOptions);
  // The source lives in memory, as input.cc in the working directory.
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> overlay(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> memory(new llvm::vfs::InMemoryFileSystem);
  overlay->pushOverlay(memory);
  memory->addFile(cwdPath("input.cc"), 0, llvm::MemoryBuffer::getMemBufferCopy(code));
  for (const auto &[path, text] : headers)
    memory->addFile(cwdPath(path), 0, llvm::MemoryBuffer::getMemBufferCopy(text));
  llvm::IntrusiveRefCntPtr<clang::FileManager> files(
      new clang::FileManager(clang::FileSystemOptions(), overlay));
  std::vector<std::string> args = {"bytedmd-instrument",
                                   "-fsyntax-only",
                                   kDefaultStandard,
                                   std::string("-resource-dir=") + defaultResourceDir(),
                                   "-I" BYTEDMD_RUNTIME_INCLUDE,
                                   "-Iinc"};
  args.insert(args.end(), flags.begin(), flags.end());
  args.push_back("input.cc");
  clang::tooling::ToolInvocation invocation(args, factory->create(), files.get());
  invocation.setDiagnosticConsumer(&printer);
  invocation.run();
  stream.flush();
  snapshot(result, printed);
  const std::string squeezed = squeeze(result.output);
  return {result.produced, withoutLocations(squeezed), printed, result.warnings, squeezed, result};
}

} // namespace bytedmd
