// TypeClassifier.h - what the rewriter asks of a type: one predicate per
// question, each a pure function of the type (clang-tidy's TypeTraits.h in
// spirit). References are looked through everywhere: the questions are about
// the data a name refers to.
#ifndef BYTEDMD_TOOL_TYPE_CLASSIFIER_H
#define BYTEDMD_TOOL_TYPE_CLASSIFIER_H

#include "clang/AST/Type.h"

namespace clang {
class CXXRecordDecl;
class Expr;
} // namespace clang

namespace bytedmd {

/// std::complex<T>: one value with one key (semantics.md, "Library value types").
bool isComplex(clang::QualType T);
/// A value that carries one key: bool, integer or floating point (not an
/// enum), and std::complex.
bool isArithmetic(clang::QualType T);

/// An arithmetic expression, or one whose type is unknown until the template
/// is instantiated (the rewrite must then work for either).
bool isDependentOrArithmetic(const clang::Expr *E);

/// std::vector<T, ...> or std::array<T, N>: its element type T; null otherwise.
clang::QualType sequenceElement(clang::QualType T);

/// std::vector of any element type.
bool isVector(clang::QualType T);

/// std::vector of arithmetic values (whose members the runtime models).
bool isVectorOfArithmetic(clang::QualType T);

/// Arithmetic values, and C arrays, std::array and std::vector of them,
/// nested to any depth: what a braced list or a fill fills element by element.
bool holdsArithmetic(clang::QualType T);

/// A pointer to arithmetic values, or to arrays of them of any rank, sized
/// or not: what a pointer parameter or a C array parameter (double A[N][M],
/// which is double (*)[M]) reads its elements through.
bool pointsToElements(clang::QualType T);

/// A pointer through which a body reaches plain data: what pointsToElements
/// says, and pointers to pointers of such (double **A, read as A[i][j]) and
/// to value records (struct point *pts, read as pts[i].x).
bool walksToData(clang::QualType T);

/// Data a result can carry to the program: arithmetic values, pointers to
/// them, and whatever tracksKeys (containers, value records).
bool carriesData(clang::QualType T);

/// std::pair or std::tuple (copied member by member).
bool isStdTuple(const clang::CXXRecordDecl *R);

/// A class with a constructor whose first parameter is a std::initializer_list
/// (braces around its arguments would call that one).
bool hasInitializerListConstructor(clang::QualType T);

/// A class whose values are plain data whose keys bytedmd follows: a
/// trivially copyable struct of the program's own with a field (or base) that
/// tracks keys, or a std::pair / std::tuple with a member that does.
bool isValueRecord(clang::QualType T);

/// A class of the program's own (not of namespace std, not from a system
/// header, not a lambda or a union) with a base or field that tracks keys:
/// its fields are data, walked as inputs, copied and returned with their keys
/// (semantics.md, "Inputs"). Value records are data classes too.
bool isDataClass(clang::QualType T);
/// A small object returned by value in registers, whose keys travel through
/// the runtime's handoff: a value record, a std::pair or std::tuple, or a
/// std::array of trivially copyable tracked elements.
bool isHandedOver(clang::QualType T);
/// Data whose copies bytedmd follows: arithmetic values, value records, data
/// classes, and C arrays, std::array and std::vector of such, nested to any
/// depth.
bool tracksKeys(clang::QualType T);

/// What a frame can walk element by element as inputs: arithmetic values,
/// and C arrays, std::array, std::vector, std::pair and std::tuple of such.
bool isEnumerable(clang::QualType T);

/// A type the standard library calls an iterator (its spelling says so).
bool isIteratorLike(clang::QualType T);

/// Characters, or arrays of them: a string (printf's format), not data.
bool isCharacterData(clang::QualType T);

} // namespace bytedmd

#endif // BYTEDMD_TOOL_TYPE_CLASSIFIER_H
