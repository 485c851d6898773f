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
class FunctionDecl;
class Rewriter;
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
};

/// Rewrites the body of F (and the lambdas inside it). Emits bytedmd
/// warnings through the AST context's diagnostics engine; returns how many.
unsigned rewriteFunction(clang::ASTContext &context, clang::Rewriter &rewriter,
                         const RewritePolicy &policy, const clang::FunctionDecl *F);

} // namespace bytedmd

#endif // BYTEDMD_TOOL_FUNCTION_REWRITER_H
