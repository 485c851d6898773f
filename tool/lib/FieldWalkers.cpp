// FieldWalkers.cpp - a walker in each class of the program's own (see the header).
#include "FieldWalkers.h"

#include "EditPlan.h"
#include "FunctionSelection.h"
#include "HeaderCopies.h"
#include "RuntimeSpelling.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace bytedmd {
namespace {

bool annotatedUntracked(const FieldDecl *F) {
  const auto *A = F->getAttr<AnnotateAttr>();
  return A && A->getAnnotation() == "bytedmd_untracked";
}

/// Bases, then fields, as the walker visits them. A bit-field, a reference
/// and an anonymous struct or union have no address the walk could use.
std::vector<spell::WalkedMember> walkedMembers(const CXXRecordDecl *R, const ASTContext &context,
                                               const FunctionSelection &selection) {
  std::vector<spell::WalkedMember> members;
  const SourceManager &sm = context.getSourceManager();
  for (const CXXBaseSpecifier &B : R->bases()) {
    const CharSourceRange range =
        CharSourceRange::getTokenRange(B.getTypeSourceInfo()->getTypeLoc().getSourceRange());
    members.push_back(
        {Lexer::getSourceText(range, sm, context.getLangOpts()).str(), ""});
  }
  for (const FieldDecl *F : R->fields()) {
    if (F->isBitField() || F->isAnonymousStructOrUnion() || F->getName().empty() ||
        F->getType()->isReferenceType() || annotatedUntracked(F) ||
        selection.isUntrackedField(F))
      continue;
    members.push_back({"", F->getNameAsString()});
  }
  return members;
}

void planIn(const DeclContext *DC, ASTContext &context, const HeaderCopies &files,
            const FunctionSelection &selection, EditPlan &plan) {
  for (const Decl *D : DC->decls()) {
    if (const auto *T = dyn_cast<ClassTemplateDecl>(D))
      D = T->getTemplatedDecl();
    if (const auto *N = dyn_cast<NamespaceDecl>(D))
      planIn(N, context, files, selection, plan);
    else if (const auto *L = dyn_cast<LinkageSpecDecl>(D))
      planIn(L, context, files, selection, plan);
    const auto *R = dyn_cast<CXXRecordDecl>(D);
    if (R == nullptr || !R->isThisDeclarationADefinition() || !getsFieldWalker(R) ||
        !files.isRewritten(files.fileOf(R->getLocation())))
      continue;
    planIn(R, context, files, selection, plan); // nested classes
    if (R->field_empty() && R->bases().empty())
      continue;
    plan.insert(R->getBraceRange().getEnd(),
                spell::fieldWalker(walkedMembers(R, context, selection)), false);
  }
}

} // namespace

bool getsFieldWalker(const CXXRecordDecl *R) {
  if (R == nullptr || !R->hasDefinition())
    return false;
  R = R->getDefinition();
  if (R->isLambda() || R->isUnion() || R->isLocalClass() || !R->getIdentifier())
    return false;
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(R);
      S && S->getSpecializationKind() != TSK_ExplicitSpecialization)
    return false;
  const SourceRange braces = R->getBraceRange();
  return braces.isValid() && braces.getEnd().isFileID();
}

const CXXRecordDecl *walkedDefinition(const CXXRecordDecl *R, const HeaderCopies &files) {
  if (R == nullptr || !R->hasDefinition())
    return nullptr;
  R = R->getDefinition();
  if (const CXXRecordDecl *P = R->getTemplateInstantiationPattern())
    R = P;
  if (!getsFieldWalker(R) || !files.isRewritten(files.fileOf(R->getLocation())))
    return nullptr;
  return R;
}

void planFieldWalkers(ASTContext &context, const HeaderCopies &files,
                      const FunctionSelection &selection, EditPlan &plan) {
  planIn(context.getTranslationUnitDecl(), context, files, selection, plan);
}

} // namespace bytedmd
