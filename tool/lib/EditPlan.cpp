// EditPlan.cpp - applying and printing a plan of edits.
#include "EditPlan.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace bytedmd {

void EditPlan::apply(clang::Rewriter &rewriter) const {
  for (const Edit &e : edits_) {
    switch (e.kind) {
    case Kind::InsertBefore:
      rewriter.InsertText(e.at, e.text, false);
      break;
    case Kind::InsertAfter:
      rewriter.InsertText(e.at, e.text, true);
      break;
    case Kind::InsertAfterToken:
      rewriter.InsertTextAfterToken(e.at, e.text);
      break;
    case Kind::Replace:
      rewriter.ReplaceText(e.at, e.length, e.text);
      break;
    case Kind::ReplaceRange:
      rewriter.ReplaceText(e.range, e.text);
      break;
    }
  }
}

std::string EditPlan::print(const clang::SourceManager &sm) const {
  static const char *const names[] = {"insert-before", "insert-after", "insert-after-token",
                                      "replace", "replace-range"};
  std::string out;
  llvm::raw_string_ostream os(out);
  for (const Edit &e : edits_) {
    const clang::PresumedLoc p = sm.getPresumedLoc(e.at);
    if (p.isValid())
      os << llvm::sys::path::filename(p.getFilename()) << ":" << p.getLine() << ":"
         << p.getColumn();
    else
      os << "<invalid>";
    os << " " << names[int(e.kind)];
    if (e.kind == Kind::Replace)
      os << " " << e.length;
    os << " \"";
    os.write_escaped(e.text);
    os << "\"\n";
  }
  return os.str();
}

} // namespace bytedmd
