// FunctionRewriter.h - plans the rewrite of one function body: every load,
// instruction, read and copy of an arithmetic value becomes a call of
// bytedmd/instrument.hpp. The rooms that do it are listed in BodyRewriter.h.
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

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace bytedmd {

class EditPlan;
class RewriteDiagnostics;
class RewritePolicy;

/// Plans the rewrite of the body of F (and the lambdas inside it) into
/// `plan`; reports what it cannot model through `diags`.
void rewriteFunction(clang::ASTContext &context, EditPlan &plan, const RewritePolicy &policy,
                     RewriteDiagnostics &diags, const clang::FunctionDecl *F);

} // namespace bytedmd

#endif // BYTEDMD_TOOL_FUNCTION_REWRITER_H
