#include "bytedmd/instrument.hpp"  // added by bytedmd-instrument
// microgpt.cpp - the seed's headline benchmark: a single-token forward pass of
// microGPT (vocab 4, embedding 4, 2 heads of dimension 2, 1 layer, block size 4),
// every weight 1.0 (cases.md, "microGPT, single token forward").
//
// EXPECT: forward call=0 cost=3214
#include <cmath>
#include <cstdio>
#include <vector>

using Vector = std::vector<double>;
using Matrix = std::vector<std::vector<double>>;

// Helper of forward: one output per row of w.
Vector linear(const Vector& x, const Matrix& w) { static bytedmd_function bytedmd_site = {"linear", {"benchmarks/microgpt/microgpt.cpp", 14, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"benchmarks/microgpt/microgpt.cpp", 16, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"benchmarks/microgpt/microgpt.cpp", 16, 0, 0, "i"}; static bytedmd_location bytedmd_loc_1 = {"benchmarks/microgpt/microgpt.cpp", 16, 0, 0, "i < w.size()"}; static bytedmd_location bytedmd_loc_3 = {"benchmarks/microgpt/microgpt.cpp", 18, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_5 = {"benchmarks/microgpt/microgpt.cpp", 18, 0, 0, "j"}; static bytedmd_location bytedmd_loc_4 = {"benchmarks/microgpt/microgpt.cpp", 18, 0, 0, "j < x.size()"}; static bytedmd_location bytedmd_loc_6 = {"benchmarks/microgpt/microgpt.cpp", 18, 0, 0, "s"}; static bytedmd_location bytedmd_loc_7 = {"benchmarks/microgpt/microgpt.cpp", 18, 0, 0, "w[i][j] * x[j]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("w,x", w, x);
  Vector y;
  for (size_t i = ::bytedmd::init(&i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(i) , w.size()}, &bytedmd_loc_1), &bytedmd_loc_0); ::bytedmd::pre<BYTEDMD_OP_ADD>(i, &bytedmd_loc_2)) {
    double s = ::bytedmd::init(&s, 0);
    for (size_t j = ::bytedmd::init(&j, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(j) , x.size()}, &bytedmd_loc_4), &bytedmd_loc_3); ::bytedmd::pre<BYTEDMD_OP_ADD>(j, &bytedmd_loc_5)) ::bytedmd::set(s , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(s) , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(w[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_3)][::bytedmd::index(::bytedmd::ld(j), &bytedmd_loc_3)]) , ::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(j), &bytedmd_loc_3)])}, &bytedmd_loc_7)}, &bytedmd_loc_6));
    ::bytedmd::pushBack(y, ::bytedmd::ld(s));
  }
  { bytedmd_frame.results(y); return y; }
}

// Helper of forward.
Vector rmsnorm(const Vector& x) { static bytedmd_function bytedmd_site = {"rmsnorm", {"benchmarks/microgpt/microgpt.cpp", 25, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"benchmarks/microgpt/microgpt.cpp", 27, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"benchmarks/microgpt/microgpt.cpp", 27, 0, 0, "i"}; static bytedmd_location bytedmd_loc_1 = {"benchmarks/microgpt/microgpt.cpp", 27, 0, 0, "i < x.size()"}; static bytedmd_location bytedmd_loc_3 = {"benchmarks/microgpt/microgpt.cpp", 27, 0, 0, "ss"}; static bytedmd_location bytedmd_loc_4 = {"benchmarks/microgpt/microgpt.cpp", 27, 0, 0, "x[i] * x[i]"}; static bytedmd_location bytedmd_loc_6 = {"benchmarks/microgpt/microgpt.cpp", 28, 0, 0, "1.0 / x.size()"}; static bytedmd_location bytedmd_loc_5 = {"benchmarks/microgpt/microgpt.cpp", 28, 0, 0, "ms"}; static bytedmd_location bytedmd_loc_8 = {"benchmarks/microgpt/microgpt.cpp", 29, 0, 0, "-0.5"}; static bytedmd_location bytedmd_loc_7 = {"benchmarks/microgpt/microgpt.cpp", 29, 0, 0, "scale"}; static bytedmd_location bytedmd_loc_9 = {"benchmarks/microgpt/microgpt.cpp", 31, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_11 = {"benchmarks/microgpt/microgpt.cpp", 31, 0, 0, "i"}; static bytedmd_location bytedmd_loc_10 = {"benchmarks/microgpt/microgpt.cpp", 31, 0, 0, "i < x.size()"}; static bytedmd_location bytedmd_loc_12 = {"benchmarks/microgpt/microgpt.cpp", 31, 0, 0, "x[i] * scale"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("x", x);
  double ss = ::bytedmd::init(&ss, 0);
  for (size_t i = ::bytedmd::init(&i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(i) , x.size()}, &bytedmd_loc_1), &bytedmd_loc_0); ::bytedmd::pre<BYTEDMD_OP_ADD>(i, &bytedmd_loc_2)) ::bytedmd::set(ss , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(ss) , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_0)]) , ::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_0)])}, &bytedmd_loc_4)}, &bytedmd_loc_3));
  double ms = ::bytedmd::init(&ms, ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(ss) , (::bytedmd::bin<BYTEDMD_OP_DIV>(::bytedmd::seq{1.0 , x.size()}, &bytedmd_loc_6))}, &bytedmd_loc_5));
  double scale = ::bytedmd::init(&scale, ::bytedmd::math<BYTEDMD_OP_POW>(::bytedmd::seq{::bytedmd::ld(ms), ::bytedmd::un<BYTEDMD_OP_NEG>(0.5, &bytedmd_loc_8)}, [&](auto... bytedmd_v) { return std::pow(bytedmd_v...); }, &bytedmd_loc_7));
  Vector y;
  for (size_t i = ::bytedmd::init(&i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(i) , x.size()}, &bytedmd_loc_10), &bytedmd_loc_9); ::bytedmd::pre<BYTEDMD_OP_ADD>(i, &bytedmd_loc_11)) ::bytedmd::pushBack(y, ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_9)]) , ::bytedmd::ld(scale)}, &bytedmd_loc_12));
  { bytedmd_frame.results(y); return y; }
}

// cases.md: microGPT, single token forward
Vector forward(const Matrix& wte, const Matrix& wpe, const Matrix& lm_head,
               const Matrix& attn_wq, const Matrix& attn_wk, const Matrix& attn_wv,
               const Matrix& attn_wo, const Matrix& mlp_fc1, const Matrix& mlp_fc2) { static bytedmd_function bytedmd_site = {"forward", {"benchmarks/microgpt/microgpt.cpp", 36, 8, 0}}; static bytedmd_location bytedmd_loc_0 = {"benchmarks/microgpt/microgpt.cpp", 43, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_2 = {"benchmarks/microgpt/microgpt.cpp", 43, 0, 0, "i"}; static bytedmd_location bytedmd_loc_1 = {"benchmarks/microgpt/microgpt.cpp", 43, 0, 0, "i < wte[token_id].size()"}; static bytedmd_location bytedmd_loc_3 = {"benchmarks/microgpt/microgpt.cpp", 43, 0, 0, "wte[token_id][i] + wpe[pos_id][i]"}; static bytedmd_location bytedmd_loc_4 = {"benchmarks/microgpt/microgpt.cpp", 53, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_6 = {"benchmarks/microgpt/microgpt.cpp", 53, 0, 0, "h"}; static bytedmd_location bytedmd_loc_5 = {"benchmarks/microgpt/microgpt.cpp", 53, 0, 0, "h < n_head"}; static bytedmd_location bytedmd_loc_7 = {"benchmarks/microgpt/microgpt.cpp", 54, 0, 0, "hs"}; static bytedmd_location bytedmd_loc_8 = {"benchmarks/microgpt/microgpt.cpp", 56, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_10 = {"benchmarks/microgpt/microgpt.cpp", 56, 0, 0, "j"}; static bytedmd_location bytedmd_loc_9 = {"benchmarks/microgpt/microgpt.cpp", 56, 0, 0, "j < head_dim"}; static bytedmd_location bytedmd_loc_11 = {"benchmarks/microgpt/microgpt.cpp", 57, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_12 = {"benchmarks/microgpt/microgpt.cpp", 57, 0, 0, "hs + j"}; static bytedmd_location bytedmd_loc_13 = {"benchmarks/microgpt/microgpt.cpp", 58, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_14 = {"benchmarks/microgpt/microgpt.cpp", 58, 0, 0, "hs + j"}; static bytedmd_location bytedmd_loc_15 = {"benchmarks/microgpt/microgpt.cpp", 59, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_16 = {"benchmarks/microgpt/microgpt.cpp", 59, 0, 0, "hs + j"}; static bytedmd_location bytedmd_loc_17 = {"benchmarks/microgpt/microgpt.cpp", 62, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_20 = {"benchmarks/microgpt/microgpt.cpp", 62, 0, 0, "dot"}; static bytedmd_location bytedmd_loc_19 = {"benchmarks/microgpt/microgpt.cpp", 62, 0, 0, "j"}; static bytedmd_location bytedmd_loc_18 = {"benchmarks/microgpt/microgpt.cpp", 62, 0, 0, "j < head_dim"}; static bytedmd_location bytedmd_loc_21 = {"benchmarks/microgpt/microgpt.cpp", 62, 0, 0, "q_h[j] * k_h[j]"}; static bytedmd_location bytedmd_loc_22 = {"benchmarks/microgpt/microgpt.cpp", 63, 0, 0, "attn_score"}; static bytedmd_location bytedmd_loc_23 = {"benchmarks/microgpt/microgpt.cpp", 63, 0, 0, "std::sqrt(head_dim)"}; static bytedmd_location bytedmd_loc_24 = {"benchmarks/microgpt/microgpt.cpp", 64, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_26 = {"benchmarks/microgpt/microgpt.cpp", 64, 0, 0, "j"}; static bytedmd_location bytedmd_loc_25 = {"benchmarks/microgpt/microgpt.cpp", 64, 0, 0, "j < head_dim"}; static bytedmd_location bytedmd_loc_27 = {"benchmarks/microgpt/microgpt.cpp", 67, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_29 = {"benchmarks/microgpt/microgpt.cpp", 67, 0, 0, "i"}; static bytedmd_location bytedmd_loc_28 = {"benchmarks/microgpt/microgpt.cpp", 67, 0, 0, "i < x.size()"}; static bytedmd_location bytedmd_loc_30 = {"benchmarks/microgpt/microgpt.cpp", 67, 0, 0, "x[i]"}; static bytedmd_location bytedmd_loc_31 = {"benchmarks/microgpt/microgpt.cpp", 73, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_33 = {"benchmarks/microgpt/microgpt.cpp", 73, 0, 0, "i"}; static bytedmd_location bytedmd_loc_32 = {"benchmarks/microgpt/microgpt.cpp", 73, 0, 0, "i < x.size()"}; static bytedmd_location bytedmd_loc_34 = {"benchmarks/microgpt/microgpt.cpp", 73, 0, 0, "x[i]"}; static bytedmd_location bytedmd_loc_35 = {"benchmarks/microgpt/microgpt.cpp", 73, 0, 0, "x[i] > 0"}; static bytedmd_location bytedmd_loc_36 = {"benchmarks/microgpt/microgpt.cpp", 75, 0, 0, nullptr}; static bytedmd_location bytedmd_loc_38 = {"benchmarks/microgpt/microgpt.cpp", 75, 0, 0, "i"}; static bytedmd_location bytedmd_loc_37 = {"benchmarks/microgpt/microgpt.cpp", 75, 0, 0, "i < x.size()"}; static bytedmd_location bytedmd_loc_39 = {"benchmarks/microgpt/microgpt.cpp", 75, 0, 0, "x[i]"}; ::bytedmd::Frame bytedmd_frame(&bytedmd_site); bytedmd_frame.namedInputs("mlp_fc2,mlp_fc1,attn_wo,attn_wv,attn_wk,attn_wq,lm_head,wpe,wte", mlp_fc2, mlp_fc1, attn_wo, attn_wv, attn_wk, attn_wq, lm_head, wpe, wte);
  const int token_id = 0, pos_id = 0;
  const int n_head = 2, head_dim = 2;

  Vector x;
  for (size_t i = ::bytedmd::init(&i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(i) , wte[token_id].size()}, &bytedmd_loc_1), &bytedmd_loc_0); ::bytedmd::pre<BYTEDMD_OP_ADD>(i, &bytedmd_loc_2)) ::bytedmd::pushBack(x, ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(wte[token_id][::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_0)]) , ::bytedmd::ld(wpe[pos_id][::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_0)])}, &bytedmd_loc_3));
  x = ::bytedmd::call(::bytedmd::seq{x}, [&](auto&&... bytedmd_a) -> decltype(auto) { return rmsnorm(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); });

  // attention
  Vector x_residual = x; ::bytedmd::copied(x_residual, x);
  x = ::bytedmd::call(::bytedmd::seq{x}, [&](auto&&... bytedmd_a) -> decltype(auto) { return rmsnorm(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); });
  Vector q = ::bytedmd::call(::bytedmd::seq{x, attn_wq}, [&](auto&&... bytedmd_a) -> decltype(auto) { return linear(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); });
  Vector k = ::bytedmd::call(::bytedmd::seq{x, attn_wk}, [&](auto&&... bytedmd_a) -> decltype(auto) { return linear(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); });
  Vector v = ::bytedmd::call(::bytedmd::seq{x, attn_wv}, [&](auto&&... bytedmd_a) -> decltype(auto) { return linear(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); });
  Vector x_attn;
  for (int h = ::bytedmd::init(&h, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(h) , n_head}, &bytedmd_loc_5), &bytedmd_loc_4); ::bytedmd::pre<BYTEDMD_OP_ADD>(h, &bytedmd_loc_6)) {
    int hs = ::bytedmd::init(&hs, ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(h) , head_dim}, &bytedmd_loc_7));
    Vector q_h, k_h, v_h;
    for (int j = ::bytedmd::init(&j, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(j) , head_dim}, &bytedmd_loc_9), &bytedmd_loc_8); ::bytedmd::pre<BYTEDMD_OP_ADD>(j, &bytedmd_loc_10)) {
      ::bytedmd::pushBack(q_h, ::bytedmd::ld(q[::bytedmd::index(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(hs) , ::bytedmd::ld(j)}, &bytedmd_loc_12), &bytedmd_loc_11)]));
      ::bytedmd::pushBack(k_h, ::bytedmd::ld(k[::bytedmd::index(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(hs) , ::bytedmd::ld(j)}, &bytedmd_loc_14), &bytedmd_loc_13)]));
      ::bytedmd::pushBack(v_h, ::bytedmd::ld(v[::bytedmd::index(::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(hs) , ::bytedmd::ld(j)}, &bytedmd_loc_16), &bytedmd_loc_15)]));
    }
    double dot = ::bytedmd::init(&dot, 0);
    for (int j = ::bytedmd::init(&j, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(j) , head_dim}, &bytedmd_loc_18), &bytedmd_loc_17); ::bytedmd::pre<BYTEDMD_OP_ADD>(j, &bytedmd_loc_19)) ::bytedmd::set(dot , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(dot) , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(q_h[::bytedmd::index(::bytedmd::ld(j), &bytedmd_loc_17)]) , ::bytedmd::ld(k_h[::bytedmd::index(::bytedmd::ld(j), &bytedmd_loc_17)])}, &bytedmd_loc_21)}, &bytedmd_loc_20));
    [[maybe_unused]] double attn_score = ::bytedmd::init(&attn_score, ::bytedmd::bin<BYTEDMD_OP_DIV>(::bytedmd::seq{::bytedmd::ld(dot) , ::bytedmd::math<BYTEDMD_OP_SQRT>(::bytedmd::seq{head_dim}, [&](auto... bytedmd_v) { return std::sqrt(bytedmd_v...); }, &bytedmd_loc_23)}, &bytedmd_loc_22));  // computed, unused (a single token)
    for (int j = ::bytedmd::init(&j, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(j) , head_dim}, &bytedmd_loc_25), &bytedmd_loc_24); ::bytedmd::pre<BYTEDMD_OP_ADD>(j, &bytedmd_loc_26)) ::bytedmd::pushBack(x_attn, ::bytedmd::ld(v_h[::bytedmd::index(::bytedmd::ld(j), &bytedmd_loc_24)]));
  }
  x = ::bytedmd::call(::bytedmd::seq{x_attn, attn_wo}, [&](auto&&... bytedmd_a) -> decltype(auto) { return linear(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); });
  for (size_t i = ::bytedmd::init(&i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(i) , x.size()}, &bytedmd_loc_28), &bytedmd_loc_27); ::bytedmd::pre<BYTEDMD_OP_ADD>(i, &bytedmd_loc_29)) ::bytedmd::set(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_27)] , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_27)]) , ::bytedmd::ld(x_residual[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_27)])}, &bytedmd_loc_30));

  // MLP
  ::bytedmd::assignObject(x_residual , x);
  x = ::bytedmd::call(::bytedmd::seq{x}, [&](auto&&... bytedmd_a) -> decltype(auto) { return rmsnorm(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); });
  x = ::bytedmd::call(::bytedmd::seq{x, mlp_fc1}, [&](auto&&... bytedmd_a) -> decltype(auto) { return linear(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); });
  for (size_t i = ::bytedmd::init(&i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(i) , x.size()}, &bytedmd_loc_32), &bytedmd_loc_31); ::bytedmd::pre<BYTEDMD_OP_ADD>(i, &bytedmd_loc_33)) ::bytedmd::set(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_31)] , ::bytedmd::bin<BYTEDMD_OP_MUL>(::bytedmd::seq{::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_31)]) , (::bytedmd::bin<BYTEDMD_OP_GT>(::bytedmd::seq{::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_31)]) , 0}, &bytedmd_loc_35))}, &bytedmd_loc_34));  // relu
  x = ::bytedmd::call(::bytedmd::seq{x, mlp_fc2}, [&](auto&&... bytedmd_a) -> decltype(auto) { return linear(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); });
  for (size_t i = ::bytedmd::init(&i, 0); ::bytedmd::truth(::bytedmd::bin<BYTEDMD_OP_LT>(::bytedmd::seq{::bytedmd::ld(i) , x.size()}, &bytedmd_loc_37), &bytedmd_loc_36); ::bytedmd::pre<BYTEDMD_OP_ADD>(i, &bytedmd_loc_38)) ::bytedmd::set(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_36)] , ::bytedmd::bin<BYTEDMD_OP_ADD>(::bytedmd::seq{::bytedmd::ld(x[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_36)]) , ::bytedmd::ld(x_residual[::bytedmd::index(::bytedmd::ld(i), &bytedmd_loc_36)])}, &bytedmd_loc_39));

  return bytedmd_frame.retObject<Vector>(::bytedmd::call(::bytedmd::seq{x, lm_head}, [&](auto&&... bytedmd_a) -> decltype(auto) { return linear(static_cast<decltype(bytedmd_a)&&>(bytedmd_a)...); }));
}

int main() {
  const Matrix m4x4(4, std::vector<double>(4, 1.0));
  const Matrix wte = m4x4, wpe = m4x4, lm_head = m4x4;
  const Matrix attn_wq = m4x4, attn_wk = m4x4, attn_wv = m4x4, attn_wo = m4x4;
  const Matrix mlp_fc1(16, std::vector<double>(4, 1.0));
  const Matrix mlp_fc2(4, std::vector<double>(16, 1.0));
  for (double logit : forward(wte, wpe, lm_head, attn_wq, attn_wk, attn_wv, attn_wo, mlp_fc1, mlp_fc2))
    std::printf("%.17g\n", logit);
  return 0;
}

// added by bytedmd-instrument: this file's functions are instrumented
extern const char bytedmd_instrumented__Z6linearRKSt6vectorIdSaIdEERKS_IS1_SaIS1_EE;
const char bytedmd_instrumented__Z6linearRKSt6vectorIdSaIdEERKS_IS1_SaIS1_EE = 1;
extern const char bytedmd_instrumented__Z7rmsnormRKSt6vectorIdSaIdEE;
const char bytedmd_instrumented__Z7rmsnormRKSt6vectorIdSaIdEE = 1;
extern const char bytedmd_instrumented__Z7forwardRKSt6vectorIS_IdSaIdEESaIS1_EES5_S5_S5_S5_S5_S5_S5_S5_;
const char bytedmd_instrumented__Z7forwardRKSt6vectorIS_IdSaIdEESaIS1_EES5_S5_S5_S5_S5_S5_S5_S5_ = 1;
