// TypeClassifier.cpp - the type predicates (see the header).
#include "TypeClassifier.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringRef.h"

using namespace clang;

namespace bytedmd {
namespace {

QualType canonical(QualType T) { return T.getNonReferenceType().getCanonicalType(); }

/// The specialization of a class template of namespace std, or null.
const ClassTemplateSpecializationDecl *stdSpecialization(QualType T) {
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  return S && S->isInStdNamespace() ? S : nullptr;
}

/// Calls f on each type argument of S, packs expanded, until f says stop.
template <class F> void forEachTypeArgument(const ClassTemplateSpecializationDecl *S, F &&f) {
  for (const TemplateArgument &A : S->getTemplateArgs().asArray()) {
    if (A.getKind() == TemplateArgument::Pack) {
      for (const TemplateArgument &P : A.pack_elements())
        if (P.getKind() == TemplateArgument::Type && !f(P.getAsType()))
          return;
    } else if (A.getKind() == TemplateArgument::Type && !f(A.getAsType())) {
      return;
    }
  }
}

/// The element type of a C array of known size, or null.
QualType arrayElement(QualType T) {
  const auto *A = dyn_cast<ConstantArrayType>(T.getTypePtr());
  return A ? A->getElementType() : QualType();
}

} // namespace

bool isComplex(QualType T) {
  if (T.isNull())
    return false;
  const ClassTemplateSpecializationDecl *S = stdSpecialization(canonical(T));
  return S && S->getName() == "complex";
}

bool isArithmetic(QualType T) {
  if (T.isNull())
    return false;
  T = canonical(T);
  return (T->isArithmeticType() && !T->isEnumeralType()) || isComplex(T);
}

bool isDependentOrArithmetic(const Expr *E) {
  return E->isTypeDependent() || isArithmetic(E->getType());
}

QualType sequenceElement(QualType T) {
  const ClassTemplateSpecializationDecl *S = stdSpecialization(canonical(T));
  if (S == nullptr || (S->getName() != "vector" && S->getName() != "array"))
    return QualType();
  const TemplateArgumentList &args = S->getTemplateArgs();
  if (args.size() == 0 || args[0].getKind() != TemplateArgument::Type)
    return QualType();
  return args[0].getAsType();
}

bool isVector(QualType T) {
  const ClassTemplateSpecializationDecl *S = stdSpecialization(canonical(T));
  return S && S->getName() == "vector";
}

bool isVectorOfArithmetic(QualType T) {
  return isVector(T) && isArithmetic(sequenceElement(T));
}

bool holdsArithmetic(QualType T) {
  T = canonical(T);
  if (isArithmetic(T))
    return true;
  if (QualType E = arrayElement(T); !E.isNull())
    return holdsArithmetic(E);
  const QualType E = sequenceElement(T);
  return !E.isNull() && holdsArithmetic(E);
}

bool pointsToElements(QualType T) {
  T = canonical(T);
  if (!T->isPointerType())
    return false;
  QualType element = T->getPointeeType();
  while (const ArrayType *A = element->getAsArrayTypeUnsafe())
    element = A->getElementType();
  return isArithmetic(element);
}

bool walksToData(QualType T) {
  T = canonical(T);
  if (!T->isPointerType())
    return false;
  QualType element = T->getPointeeType();
  for (;;) {
    if (const ArrayType *A = element->getAsArrayTypeUnsafe())
      element = A->getElementType();
    else if (element->isPointerType())
      element = element->getPointeeType();
    else
      break;
  }
  return isArithmetic(element) || isValueRecord(element);
}

bool carriesData(QualType T) {
  return isArithmetic(T) || pointsToElements(T) || tracksKeys(T) ||
         (T->isPointerType() && tracksKeys(T->getPointeeType()));
}

bool isStdTuple(const CXXRecordDecl *R) {
  return R && R->isInStdNamespace() && R->getIdentifier() &&
         (R->getName() == "pair" || R->getName() == "tuple");
}

bool hasInitializerListConstructor(QualType T) {
  const auto *R = canonical(T)->getAsCXXRecordDecl();
  if (R == nullptr || !R->hasDefinition())
    return false;
  for (const Decl *D : R->decls()) {
    const auto *Template = dyn_cast<FunctionTemplateDecl>(D);
    const auto *C = dyn_cast<CXXConstructorDecl>(Template ? Template->getTemplatedDecl() : D);
    if (C == nullptr || C->getNumParams() == 0)
      continue;
    const QualType first = C->getParamDecl(0)->getType().getNonReferenceType();
    const auto *L = first->getAsCXXRecordDecl();
    if (L && L->isInStdNamespace() && L->getIdentifier() && L->getName() == "initializer_list")
      return true;
  }
  return false;
}

bool isValueRecord(QualType T) {
  T = canonical(T);
  const auto *R = T->getAsCXXRecordDecl();
  if (R == nullptr || !R->hasDefinition() || R->isLambda() || R->isUnion())
    return false;
  bool tracked = false;
  if (isStdTuple(R)) {
    if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(R))
      forEachTypeArgument(S, [&](QualType A) { return !(tracked = tracksKeys(A)); });
    return tracked;
  }
  if (R->isInStdNamespace() || !R->isTriviallyCopyable())
    return false;
  for (const FieldDecl *F : R->fields())
    if (tracksKeys(F->getType()))
      return true;
  for (const CXXBaseSpecifier &B : R->bases())
    if (tracksKeys(B.getType()))
      return true;
  return false;
}

bool isHandedOver(QualType T) {
  T = canonical(T);
  const auto *R = T->getAsCXXRecordDecl();
  if (R == nullptr || !R->hasDefinition())
    return false;
  if (isValueRecord(T) || isStdTuple(R))
    return true;
  const QualType E = sequenceElement(T);
  return !E.isNull() && !isVector(T) && R->isTriviallyCopyable() && tracksKeys(E);
}

bool isDataClass(QualType T) {
  T = canonical(T);
  const auto *R = T->getAsCXXRecordDecl();
  if (R == nullptr || !R->hasDefinition() || R->isLambda() || R->isUnion() ||
      R->isInStdNamespace() ||
      R->getASTContext().getSourceManager().isInSystemHeader(R->getLocation()))
    return false;
  R = R->getDefinition();
  // A class can hold itself through a container (struct Node { vector<Node> kids; }).
  static thread_local llvm::SmallPtrSet<const CXXRecordDecl *, 8> walking;
  if (!walking.insert(R).second)
    return false;
  bool data = false;
  for (const CXXBaseSpecifier &B : R->bases())
    data = data || tracksKeys(B.getType());
  for (const FieldDecl *F : R->fields())
    data = data || tracksKeys(F->getType());
  walking.erase(R);
  return data;
}

bool tracksKeys(QualType T) {
  T = canonical(T);
  if (isArithmetic(T) || isValueRecord(T) || isDataClass(T))
    return true;
  if (QualType E = arrayElement(T); !E.isNull())
    return tracksKeys(E);
  const QualType E = sequenceElement(T);
  return !E.isNull() && tracksKeys(E);
}

bool isEnumerable(QualType T) {
  T = canonical(T);
  if (isArithmetic(T))
    return true;
  if (QualType E = arrayElement(T); !E.isNull())
    return isEnumerable(E);
  if (QualType E = sequenceElement(T); !E.isNull())
    return isEnumerable(E);
  const ClassTemplateSpecializationDecl *S = stdSpecialization(T);
  if (S == nullptr || !isStdTuple(S))
    return false;
  bool any = false, all = true;
  forEachTypeArgument(S, [&](QualType A) {
    any = true;
    return all = isEnumerable(A);
  });
  return any && all;
}

bool isIteratorLike(QualType T) {
  return llvm::StringRef(T.getCanonicalType().getAsString()).contains("iterator");
}

bool isCharacterData(QualType T) {
  return T->isAnyCharacterType() ||
         (T->isArrayType() && T->getPointeeOrArrayElementType()->isAnyCharacterType());
}

} // namespace bytedmd
