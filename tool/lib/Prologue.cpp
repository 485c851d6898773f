// Prologue.cpp - what a rewritten function declares on entry: its static
// site (when measured), the static locations of its instructions, its frame,
// its inputs (last parameter first), its by-value arguments' keys, and the
// diagnostics its measurements must carry.
//
//   double dot(const V &a, const V &b) {
//     static bytedmd_function bytedmd_site = {"dot", {"dot.cpp", 3, 8, 0}};
//     static bytedmd_location bytedmd_loc_0 = {"dot.cpp", 4, 0, 0, "a[0] * b[0]"};
//     ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("b,a", b, a);
//     ...
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace clang;

namespace bytedmd {

void BodyRewriter::prologue(const FunctionDecl *F, const Stmt *body, bool measured) {
  const auto *C = dyn_cast<CompoundStmt>(body);
  if (C == nullptr || !edit_.editable(C->getLBracLoc()).isValid())
    return;
  const PresumedLoc where = sm_.getPresumedLoc(F->getLocation());
  const std::string file = where.isValid() ? displayName(where.getFilename()) : "";
  std::string code;
  // Every function but a lambda has a site: measured, it opens measurements;
  // called inside one, it is a scope of it (by_function). A lambda is its
  // enclosing function's, for costs as for locations.
  const auto *method = dyn_cast<CXXMethodDecl>(F);
  const bool lambda = method && method->getParent()->isLambda();
  if (!lambda) {
    code += spell::functionSite(F->getQualifiedNameAsString(), file,
                                where.isValid() ? where.getLine() : 0,
                                where.isValid() ? where.getColumn() : 0);
    code += siteDeclarations(file);
  }
  code += spell::frameDeclaration(measured, isa<CXXConstructorDecl>(F), !lambda);
  std::vector<std::string> inputs;
  code += parameterCode(F, measured, inputs);
  if (!inputs.empty()) {
    // Last parameter first; "p.x, p.y" for a struct's fields, named "p.x,p.y".
    std::string names, args;
    for (auto it = inputs.rbegin(); it != inputs.rend(); ++it) {
      args += (args.empty() ? "" : ", ") + *it;
      std::string name = *it == "*this" ? "this" : *it;
      name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
      names += (names.empty() ? "" : ",") + name;
    }
    code += spell::namedInputs(names, args);
  }
  code += diagnosticDeclarations();
  code += memberCopies_;    // keys of fields copied in the member initialisers
  code += capturePrologue_; // keys of a lambda's copies of captured values
  if (F == keyedFunction_)
    code += keyLocals(); // the key variables of locals kept beside them
  // Before anything the body's statements inserted right after the brace.
  edit_.insert(edit_.endOfToken(edit_.editable(C->getLBracLoc())), code, false);
}

std::string BodyRewriter::siteDeclarations(const std::string &file) const {
  std::string code;
  for (const auto &[site, index] : sites_)
    code += spell::locationSite(index, file, site.first, site.second);
  return code;
}

std::string BodyRewriter::parameterCode(const FunctionDecl *F, bool measured,
                                        std::vector<std::string> &inputs) {
  std::string code;
  // A method's object is its first input, as self is a Python method's, and
  // its callers pass it first (argument 0), before the parameters.
  const auto *method = dyn_cast<CXXMethodDecl>(F);
  const bool object = method && method->isInstance() && !method->getParent()->isLambda() &&
                      !isa<CXXConstructorDecl>(method); // a constructor's object is being built
  if (object && measured)
    inputs.push_back("*this");
  for (unsigned i = 0; i < F->getNumParams(); ++i) {
    const ParmVarDecl *P = F->getParamDecl(i);
    if (P->getName().empty())
      continue;
    const std::string name = P->getNameAsString();
    const QualType T = P->getType();
    const bool untracked = (P->hasAttr<AnnotateAttr>() &&
                            P->getAttr<AnnotateAttr>()->getAnnotation() == "bytedmd_untracked") ||
                           policy_.isUntracked(F, name);
    const bool input = measured && !untracked;
    if (input && (isEnumerable(T) || T->isDependentType())) {
      inputs.push_back(name);
    } else if (input && walkable(T)) {
      inputs.push_back(name); // the runtime walks it, classes through their walkers
    } else if (input && !T->isPointerType() && tracksKeys(T)) {
      const std::string fields = structFields(P);
      if (!fields.empty())
        inputs.push_back(fields);
      else
        warn(P->getLocation(), Message::ParameterNotWalked, {name});
    }
    if (input && T->isPointerType() &&
        (walksToData(T) || tracksKeys(T->getPointeeType()))) {
      if (pointerParams_.count(P)) {
        inputs.push_back(name); // its elements are declared as they are first read
        if (steppedParams_.count(P))
          code += spell::pointerBaseDeclaration(name);
      }
      else
        warn(P->getLocation(), Message::PointerParameterEscapes, {name});
    }
    if (measured && policy_.keepOutputs() && T->isReferenceType() &&
        !T.getNonReferenceType().isConstQualified() && tracksKeys(T))
      code += spell::frameStatement("outputs", name);
    if (!T->isReferenceType() && (tracksKeys(T) || T->isDependentType()))
      code += spell::frameStatement("argument", std::to_string(i + object) + ", " + name);
  }
  return code;
}

bool BodyRewriter::walkable(QualType T) const {
  // What the runtime can walk element by element: arithmetic values, the
  // file's classes with a field walker, and C arrays, std::array,
  // std::vector, std::pair and std::tuple of such.
  T = T.getNonReferenceType().getCanonicalType();
  if (isArithmetic(T))
    return true;
  if (const auto *A = dyn_cast<ConstantArrayType>(T.getTypePtr()))
    return walkable(A->getElementType());
  if (const QualType E = sequenceElement(T); !E.isNull())
    return walkable(E);
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  if (R == nullptr)
    return false;
  if (isStdTuple(R)) {
    const auto *S = cast<ClassTemplateSpecializationDecl>(R);
    for (const TemplateArgument &A : S->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type && !walkable(A.getAsType()))
        return false;
    return true;
  }
  return policy_.walkedDefinition(R) != nullptr;
}

std::string BodyRewriter::structFields(const ParmVarDecl *P) {
  // A struct: its fields, in declaration order, are the inputs ("p.x, p.y"),
  // when every one of them can be walked; "" otherwise.
  const QualType T = P->getType().getNonReferenceType();
  const RecordDecl *R = T->getAsRecordDecl();
  if (R == nullptr || R->field_begin() == R->field_end() || isStdTuple(T->getAsCXXRecordDecl()))
    return "";
  std::vector<std::string> fields;
  for (const FieldDecl *field : R->fields()) {
    if (!isEnumerable(field->getType()))
      return "";
    fields.push_back(P->getNameAsString() + "." + field->getNameAsString());
  }
  return llvm::join(fields, ", ");
}

std::string BodyRewriter::diagnosticDeclarations() const {
  std::string code;
  for (const auto &[at, message] : diags_.runTime()) {
    const PresumedLoc p = sm_.getPresumedLoc(at);
    code += spell::diagnose(p.isValid() ? displayName(p.getFilename()) : "",
                            p.isValid() ? p.getLine() : 0, p.isValid() ? p.getColumn() : 0,
                            message);
  }
  return code;
}

} // namespace bytedmd
