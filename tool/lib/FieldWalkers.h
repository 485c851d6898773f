// FieldWalkers.h - the field walker each class of the program's own gets.
//
// C++ cannot list a class's fields at run time, so the tool writes the list
// into the class: a static member template that calls a function on each
// base subobject, then each field, in declaration order (the order of
// semantics.md, "Inputs"). Through it the runtime declares a class's
// elements as inputs, copies their keys beside the class's copies, and marks
// a returned object's elements as results. Before and after:
//
//   struct Matrix : Shape { int rows; std::vector<double> data; };
//
//   struct Matrix : Shape { int rows; std::vector<double> data; public: template <class
//     bytedmd_F, class... bytedmd_S> static void bytedmd_fields(bytedmd_F &&bytedmd_f,
//     bytedmd_S &...bytedmd_s) { bytedmd_f(nullptr, ::bytedmd::base<Shape>(bytedmd_s)...);
//     bytedmd_f("rows", bytedmd_s.rows...); bytedmd_f("data", bytedmd_s.data...); } };
//
// A field excluded with --untracked=Matrix::rows or BYTEDMD_UNTRACKED is
// left out of the walk, for every object of the class.
#ifndef BYTEDMD_TOOL_FIELD_WALKERS_H
#define BYTEDMD_TOOL_FIELD_WALKERS_H

namespace clang {
class ASTContext;
class CXXRecordDecl;
} // namespace clang

namespace bytedmd {

class EditPlan;
class FunctionSelection;
class HeaderCopies;

/// A class the tool can give a walker, wherever it is defined: a named,
/// non-local class or class template pattern (not a union, a lambda, or an
/// implicit instantiation) whose body is written in a file, not a macro.
bool getsFieldWalker(const clang::CXXRecordDecl *R);

/// The definition that holds R's walker when R's file is rewritten (the
/// pattern of an instantiation); null when R has none.
const clang::CXXRecordDecl *walkedDefinition(const clang::CXXRecordDecl *R,
                                             const HeaderCopies &files);

/// Plans a walker in every class of the files being rewritten.
void planFieldWalkers(clang::ASTContext &context, const HeaderCopies &files,
                      const FunctionSelection &selection, EditPlan &plan);

} // namespace bytedmd

#endif // BYTEDMD_TOOL_FIELD_WALKERS_H
