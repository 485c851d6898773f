// MacroExpansions.cpp - the tokens each invocation expands to, and the files
// with the needed invocations expanded (see the header).
#include "MacroExpansions.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;

namespace bytedmd {

MacroExpansions::MacroExpansions(Preprocessor &pp) : pp_(pp), sm_(pp.getSourceManager()) {
  pp_.setTokenWatcher([this](const Token &token) { watch(token); });
}

void MacroExpansions::watch(const Token &token) {
  const SourceLocation L = token.getLocation();
  if (!L.isMacroID() || token.isAnnotation() || token.is(tok::eof))
    return;
  // The outermost invocation, as written in a file.
  const CharSourceRange range = sm_.getExpansionRange(L);
  const SourceLocation begin = range.getBegin();
  if (!begin.isFileID() || sm_.isInSystemHeader(begin))
    return;
  const auto [file, offset] = sm_.getDecomposedLoc(begin);
  Invocation &invocation = invocations_[{file, offset}];
  if (invocation.end == 0) {
    const CharSourceRange chars = Lexer::getAsCharRange(range, sm_, pp_.getLangOpts());
    invocation.end = sm_.getFileOffset(chars.getEnd());
  }
  // Spaces between tokens: never pasting two into one, never changing lines.
  invocation.text += " " + pp_.getSpelling(token);
}

bool MacroExpansions::need(SourceLocation L) {
  if (!L.isMacroID())
    return false;
  const SourceLocation begin = sm_.getExpansionRange(L).getBegin();
  const auto key = sm_.getDecomposedLoc(begin);
  if (!begin.isFileID() || !invocations_.count(key))
    return false;
  needed_[key] = true;
  return true;
}

std::map<std::string, std::string> MacroExpansions::expandedFiles() const {
  std::map<std::string, std::string> files;
  std::map<FileID, unsigned> copied; // how far each file's text is copied
  for (const auto &[key, unused] : needed_) {
    const auto &[file, offset] = key;
    const Invocation &invocation = invocations_.at(key);
    const StringRef original = sm_.getBufferData(file);
    std::string &text = files[sm_.getFileEntryRefForID(file)->getName().str()];
    unsigned &from = copied[file];
    if (offset < from)
      continue; // inside an invocation already expanded
    text += original.substr(from, offset - from).str();
    text += invocation.text + " ";
    // The invocation's own line breaks, so later lines keep their numbers.
    for (char c : original.substr(offset, invocation.end - offset))
      if (c == '\n')
        text += '\n';
    from = invocation.end;
  }
  for (auto &[file, from] : copied)
    files[sm_.getFileEntryRefForID(file)->getName().str()] +=
        sm_.getBufferData(file).substr(from).str();
  return files;
}

} // namespace bytedmd
