// StandardAlgorithms.cpp - an algorithm of <algorithm> or <numeric> over
// tracked elements runs as the standard library wrote it, on adaptors
// (bytedmd/detail/algorithms.hpp): its iterators, its values and the
// callables handed to it are adapted, and its result unwrapped. The forms
// over values (std::min({a, b, c}), std::max(a, b, comp), std::clamp) run
// the same way on adapted values.
//
// Callables: the file's lambdas and functions named directly (callable),
// objects of the file's classes (callableObject: operator() is a method), <functional>'s function objects (functor, applied as their
// instruction), and what may or may not be instrumented, a std::function or
// a function pointer (callableThrough: decided when it is called).
//
//   std::accumulate(v.begin(), v.end(), 0.0)
//     ->  ::bytedmd::unwrap((::bytedmd::at(&loc), std::accumulate(::bytedmd::iter(v.begin()),
//             ::bytedmd::iter(v.end()), ::bytedmd::elem(0.0))))
//   std::sort(v.begin(), v.end(), [](double a, double b) { return a > b; })
//     ->  (::bytedmd::at(&loc), std::sort(::bytedmd::iter(v.begin()), ::bytedmd::iter(v.end()),
//             ::bytedmd::callable([](double a, double b) { ... })))
//   std::sort(v.begin(), v.end(), std::greater<double>())
//     ->  (::bytedmd::at(&loc), std::sort(..., ::bytedmd::functor(std::greater<double>())))
#include "BodyRewriter.h"

#include "RuntimeSpelling.h"
#include "TypeClassifier.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace bytedmd {
namespace {

/// The element type an iterator of the standard library (or a pointer)
/// reaches: double for double*, std::vector<double>::iterator and
/// std::reverse_iterator of them; null otherwise.
QualType iteratorElement(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isPointerType())
    return T->getPointeeType();
  const auto *S = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (S == nullptr || S->getTemplateArgs().size() == 0 ||
      S->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  const StringRef name = S->getName();
  if (name == "__normal_iterator" || name == "reverse_iterator" || name == "move_iterator")
    return iteratorElement(S->getTemplateArgs()[0].getAsType());
  return QualType();
}

bool overTrackedElements(const Expr *arg) {
  const QualType E = iteratorElement(arg->getType());
  return !E.isNull() && isArithmetic(E);
}

/// An iterator over structs or arrays holding tracked values (a
/// std::vector<P>'s): left as it is, the elements stay where their keys are.
bool overTrackedObjects(const Expr *arg) {
  const QualType E = iteratorElement(arg->getType());
  return !E.isNull() && !isArithmetic(E) && tracksKeys(E);
}

/// The algorithms that only read their input range and hand its elements
/// to the callable by reference: on iterators over structs, the callable
/// (instrumented) reads the fields where their keys are. The others move
/// or copy elements inside the library, keys left behind.
bool readsObjectsInPlace(StringRef algorithm) {
  return llvm::is_contained({"accumulate", "for_each", "count_if", "find_if", "find_if_not",
                             "all_of", "any_of", "none_of", "max_element", "min_element",
                             "minmax_element", "transform"},
                            algorithm);
}

/// Declared where libstdc++ keeps its algorithms.
bool isAlgorithm(const FunctionDecl *F, const SourceManager &sm) {
  if (!F->isInStdNamespace() || !sm.isInSystemHeader(F->getLocation()))
    return false;
  const StringRef file = sm.getFilename(sm.getExpansionLoc(F->getLocation()));
  return file.contains("stl_algo") || file.contains("stl_numeric") || file.contains("stl_heap") ||
         file.ends_with("/numeric") || file.ends_with("/algorithm");
}

bool isStdFunction(QualType T) {
  const CXXRecordDecl *R = T->getAsCXXRecordDecl();
  return R != nullptr && R->isInStdNamespace() && R->getIdentifier() && R->getName() == "function";
}

/// {a, b, c} of scalars, as std::min and std::max take it.
const InitListExpr *scalarList(const Expr *arg) {
  const auto *L = dyn_cast<CXXStdInitializerListExpr>(arg->IgnoreImplicit());
  const auto *I = L ? dyn_cast<InitListExpr>(L->getSubExpr()->IgnoreImplicit()) : nullptr;
  return I && llvm::all_of(I->inits(), isDependentOrArithmetic) ? I : nullptr;
}

/// The forms over scalars rather than iterators (std::max(a, b, comp),
/// std::clamp(x, lo, hi)); the two-argument min and max are minOrMax's.
bool scalarForm(StringRef algorithm) {
  return algorithm == "min" || algorithm == "max" || algorithm == "clamp";
}

} // namespace

bool BodyRewriter::callableOfTheFile(const Expr *arg) const {
  const CXXRecordDecl *R = arg->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (R == nullptr)
    return false;
  if (R->isLambda())
    return instrumentedCallee(R->getLambdaCallOperator());
  // A class without operator() (an accumulator's initial value) is no callable.
  bool calls = false;
  for (const Decl *D : R->decls()) {
    const auto *T = dyn_cast<FunctionTemplateDecl>(D); // template <class T> operator()(T, T)
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(T ? T->getTemplatedDecl() : D);
    if (M == nullptr || M->getOverloadedOperator() != OO_Call)
      continue;
    if (!instrumentedCallee(M))
      return false;
    calls = true;
  }
  return calls && !R->isInStdNamespace() && !sm_.isInSystemHeader(R->getLocation());
}

bool BodyRewriter::initialisesReference(const Expr *E) const {
  auto parents = ctx_.getParents(*E);
  while (parents.size() == 1) {
    if (const auto *P = parents[0].get<Expr>();
        P && (isa<ParenExpr>(P) || isa<ExprWithCleanups>(P) || isa<MaterializeTemporaryExpr>(P) ||
              (isa<ImplicitCastExpr>(P) && cast<ImplicitCastExpr>(P)->getCastKind() == CK_NoOp))) {
      parents = ctx_.getParents(*P);
      continue;
    }
    const auto *V = parents[0].get<VarDecl>();
    return V != nullptr && V->getType()->isReferenceType();
  }
  return false;
}

bool BodyRewriter::namesInstrumentedFunction(const Expr *arg) const {
  const Expr *E = arg->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *D = dyn_cast<DeclRefExpr>(E);
  const auto *F = D ? dyn_cast<FunctionDecl>(D->getDecl()) : nullptr;
  // (An overloaded name cannot reach here: the algorithm's parameter is
  // deduced, so the program names one function or casts the name.)
  return F != nullptr && !isa<CXXMethodDecl>(F) && instrumentedCallee(F);
}

bool BodyRewriter::adaptedArgument(const Expr *arg, StringRef algorithm,
                                   std::string &adaptor) const {
  const QualType T = arg->getType().getNonReferenceType();
  adaptor.clear();
  if (overTrackedElements(arg))
    adaptor = "iter";
  else if (overTrackedObjects(arg))
    adaptor = "-"; // as it is (see readsObjectsInPlace)
  else if (isDependentOrArithmetic(arg))
    adaptor = "elem";
  else if (isStandardFunctionObject(T))
    adaptor = "functor"; // std::plus<double>(), std::greater<>()
  else if (T->isRecordType() && !isStdFunction(T) && callableOfTheFile(arg))
    // A class's operator() is a method: its frame takes the object first.
    adaptor = T->getAsCXXRecordDecl()->isLambda() ? "callable" : "callableObject";
  else if (namesInstrumentedFunction(arg))
    adaptor = "callable"; // square, &square
  else if (T->isFunctionPointerType() || T->isFunctionType() || isStdFunction(T))
    adaptor = "callableThrough"; // instrumented or not, known when it is called
  else if (scalarForm(algorithm) && scalarList(arg))
    adaptor = "list";
  // Any other object (std::back_inserter, a class of the library) would
  // take plain values: the algorithm is a call out, diagnosed there.
  return !adaptor.empty() || !T->isRecordType();
}

void BodyRewriter::scalarListArgument(const Expr *arg) {
  // std::min({a, b, c}) -> std::min({::bytedmd::elem(a), ...}): the list
  // holds the values with their keys, and the library compares them.
  for (const Expr *init : scalarList(arg)->inits()) {
    edit_.wrap(init, spell::open("elem"), ")");
    expr(init, Use::Value);
  }
}

static bool objectsReadInPlace(StringRef algorithm, const std::vector<std::string> &adaptors) {
  // The callable must be the file's own: it reads the fields. transform's
  // result goes to an adapted output (a struct returned by value would
  // leave its keys behind in the library's copy).
  const bool ownCallable = llvm::any_of(adaptors, [](const std::string &a) {
    return a == "callable" || a == "callableObject" || a == "callableThrough";
  });
  const bool outputAdapted = algorithm != "transform" ||
                             (adaptors.size() >= 2 && adaptors[adaptors.size() - 2] == "iter");
  return readsObjectsInPlace(algorithm) && ownCallable && outputAdapted &&
         !llvm::is_contained(adaptors, "functor");
}

bool BodyRewriter::standardAlgorithm(const CallExpr *C, const FunctionDecl *F, Use use) {
  if (!isAlgorithm(F, sm_) || !edit_.canEdit(C))
    return false;
  const StringRef name = F->getIdentifier() ? F->getName() : "";
  std::vector<std::string> adaptors;
  bool tracked = false;
  for (const Expr *arg : C->arguments()) {
    adaptors.emplace_back();
    if (!adaptedArgument(arg, name, adaptors.back()))
      return false;
    const std::string &a = adaptors.back();
    tracked = tracked || a == "iter" || a == "list" || a == "-" ||
              (a == "elem" && scalarForm(name));
  }
  if (llvm::is_contained(adaptors, "-") && !objectsReadInPlace(name, adaptors))
    return false;
  // std::clamp's and std::max's const T& result bound to a reference
  // (`const double &r = std::clamp(x, lo, hi);`) would bind the adaptor's
  // value: left a call out, diagnosed.
  const bool boundToReference = C->isGLValue() && initialisesReference(C);
  const PresumedLoc at = sm_.getPresumedLoc(edit_.editable(C->getExprLoc()));
  if (!tracked || !at.isValid() || boundToReference)
    return false;
  const std::string site = here(C->getExprLoc(), C); // ", &bytedmd_loc_N"
  if (site.size() < 2)
    return false;
  applyUse(C, use);
  const bool value = !C->getType()->isVoidType();
  edit_.open(C, std::string(value ? spell::open("unwrap") : "") + "(" + spell::open("at") +
                    site.substr(2) + "), ");
  edit_.close(C, value ? "))" : ")");
  const std::string where =
      spell::staticLocation(displayName(at.getFilename()), at.getLine(), at.getColumn());
  for (unsigned i = 0; i < C->getNumArgs(); ++i) {
    const Expr *arg = C->getArg(i);
    const std::string &a = adaptors[i];
    if (a == "list") {
      scalarListArgument(arg);
      continue;
    }
    if (a == "callableThrough")
      edit_.wrap(arg, spell::open(a),
                 ", " + where + ", " +
                     spell::message(formatMessage(Message::UninstrumentedCallable,
                                                  {F->getQualifiedNameAsString()})) +
                     ")");
    else if (!a.empty() && a != "-")
      edit_.wrap(arg, spell::open(a), ")");
    if (a == "callableObject")
      referenceArgument(arg); // bound to const T&: a temporary takes its keys first
    else
      expr(arg, a == "elem" ? Use::Value : Use::Plain);
  }
  return true;
}

} // namespace bytedmd
