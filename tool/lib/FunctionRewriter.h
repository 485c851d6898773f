// FunctionRewriter.h - plans the rewrite of one function body: every load,
// instruction, read and copy of an arithmetic value becomes a call of
// bytedmd/instrument.hpp. Edits go into a clang::Rewriter owned by the caller.
//
// Before and after (the shape, whitespace aside):
//
//   double dot(const std::vector<double>& a, const std::vector<double>& b) {
//     return a[0] * b[0];
//   }
//
//   double dot(const std::vector<double>& a, const std::vector<double>& b) {
//     static bytedmd_function bytedmd_site = {"dot", {"dot.cpp", 1, 1, 0}};
//     ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.inputs(b, a);
//     return bytedmd_frame.ret(::bytedmd::bin<BYTEDMD_OP_MUL>(
//         ::bytedmd::seq{::bytedmd::ld(a[0]), ::bytedmd::ld(b[0])}));
//   }
#ifndef BYTEDMD_TOOL_FUNCTION_REWRITER_H
#define BYTEDMD_TOOL_FUNCTION_REWRITER_H

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FileID;
class FunctionDecl;
class Rewriter;
class SourceManager;
} // namespace clang

namespace bytedmd {

struct RewritePolicy {
  /// Is this function measured (opens a measurement when called from code
  /// that is not measuring)?
  std::function<bool(const clang::FunctionDecl *)> isMeasured;
  /// Is this function rewritten (its callers pass keys to it)?
  std::function<bool(const clang::FunctionDecl *)> isInstrumented;
  /// Is this parameter excluded from the inputs?
  std::function<bool(const clang::FunctionDecl *, const std::string &param)> isUntracked;
  /// Writes through non-const reference parameters stay live to the end.
  bool keepOutputs = false;
  /// Collects the markers of functions called across files; the caller
  /// declares them weak at the top of the file.
  std::set<std::string> *crossFileMarkers = nullptr;
  /// The files whose text is rewritten: the main file, and the project
  /// headers opted in with --instrument-headers. Unset: the main file only.
  std::function<bool(clang::FileID)> isRewrittenFile;
};

/// The marker symbol of a function this file calls but another defines (the
/// project's own free, non-template function), or "" when the call is not
/// one across files. A file that instruments the function defines the marker
/// (definedMarker), so a weak reference to it says at link time whether the
/// callee is instrumented.
std::string crossFileMarker(clang::ASTContext &context, const clang::FunctionDecl *F,
                            const clang::SourceManager &sm);
/// The marker this file defines for its instrumented function F, or "".
std::string definedMarker(clang::ASTContext &context, const clang::FunctionDecl *F);

/// Rewrites the body of F (and the lambdas inside it). Emits bytedmd
/// warnings through the AST context's diagnostics engine; returns how many.
unsigned rewriteFunction(clang::ASTContext &context, clang::Rewriter &rewriter,
                         const RewritePolicy &policy, const clang::FunctionDecl *F);

} // namespace bytedmd

#endif // BYTEDMD_TOOL_FUNCTION_REWRITER_H
