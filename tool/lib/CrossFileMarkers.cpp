// CrossFileMarkers.cpp - marker names and their declarations (see the header).
#include "CrossFileMarkers.h"

#include "EditPlan.h"
#include "RuntimeSpelling.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Mangle.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

using namespace clang;

namespace bytedmd {
namespace {

// Free, non-template, externally visible functions other than main: what a
// call from another file can name.
bool callableAcrossFiles(const FunctionDecl *F) {
  return F != nullptr && !isa<CXXMethodDecl>(F) && !F->isMain() && !F->isVariadic() &&
         !F->isTemplated() && !F->getPrimaryTemplate() && !F->isTemplateInstantiation() &&
         F->isExternallyVisible();
}

std::string markerOf(ASTContext &context, const FunctionDecl *F) {
  std::unique_ptr<MangleContext> mangler(context.createMangleContext());
  std::string name;
  llvm::raw_string_ostream os(name);
  if (mangler->shouldMangleDeclName(F))
    mangler->mangleName(GlobalDecl(F), os);
  else
    os << F->getName();
  os.flush();
  return spell::marker(name);
}

} // namespace

std::string CrossFileMarkers::ofCallee(ASTContext &context, const FunctionDecl *F) {
  const SourceManager &sm = context.getSourceManager();
  if (!callableAcrossFiles(F) || F->isDefined() || F->getBuiltinID() ||
      F->getLocation().isInvalid() || sm.isInSystemHeader(F->getLocation()))
    return "";
  return markerOf(context, F);
}

std::string CrossFileMarkers::ofDefinition(ASTContext &context, const FunctionDecl *F) {
  if (!callableAcrossFiles(F) || !F->isThisDeclarationADefinition() || F->isInlined())
    return "";
  return markerOf(context, F);
}

void CrossFileMarkers::plan(ASTContext &context, const std::vector<const FunctionDecl *> &functions,
                            EditPlan &plan) const {
  const SourceManager &sm = context.getSourceManager();
  std::string header = spell::kInclude;
  for (const std::string &m : referenced_)
    header += spell::weakMarkerReference(m);
  std::string footer;
  for (const FunctionDecl *F : functions)
    if (std::string m = ofDefinition(context, F); !m.empty())
      footer += spell::markerDefinition(m);
  plan.insert(sm.getLocForStartOfFile(sm.getMainFileID()), header, false);
  if (!footer.empty())
    plan.insert(sm.getLocForEndOfFile(sm.getMainFileID()), spell::kMarkersComment + footer, true);
}

} // namespace bytedmd
