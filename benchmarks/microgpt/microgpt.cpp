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
Vector linear(const Vector& x, const Matrix& w) {
  Vector y;
  for (size_t i = 0; i < w.size(); ++i) {
    double s = 0;
    for (size_t j = 0; j < x.size(); ++j) s = s + w[i][j] * x[j];
    y.push_back(s);
  }
  return y;
}

// Helper of forward.
Vector rmsnorm(const Vector& x) {
  double ss = 0;
  for (size_t i = 0; i < x.size(); ++i) ss = ss + x[i] * x[i];
  double ms = ss * (1.0 / x.size());
  double scale = std::pow(ms, -0.5);
  Vector y;
  for (size_t i = 0; i < x.size(); ++i) y.push_back(x[i] * scale);
  return y;
}

// cases.md: microGPT, single token forward
Vector forward(const Matrix& wte, const Matrix& wpe, const Matrix& lm_head,
               const Matrix& attn_wq, const Matrix& attn_wk, const Matrix& attn_wv,
               const Matrix& attn_wo, const Matrix& mlp_fc1, const Matrix& mlp_fc2) {
  const int token_id = 0, pos_id = 0;
  const int n_head = 2, head_dim = 2;

  Vector x;
  for (size_t i = 0; i < wte[token_id].size(); ++i) x.push_back(wte[token_id][i] + wpe[pos_id][i]);
  x = rmsnorm(x);

  // attention
  Vector x_residual = x;
  x = rmsnorm(x);
  Vector q = linear(x, attn_wq);
  Vector k = linear(x, attn_wk);
  Vector v = linear(x, attn_wv);
  Vector x_attn;
  for (int h = 0; h < n_head; ++h) {
    int hs = h * head_dim;
    Vector q_h, k_h, v_h;
    for (int j = 0; j < head_dim; ++j) {
      q_h.push_back(q[hs + j]);
      k_h.push_back(k[hs + j]);
      v_h.push_back(v[hs + j]);
    }
    double dot = 0;
    for (int j = 0; j < head_dim; ++j) dot = dot + q_h[j] * k_h[j];
    [[maybe_unused]] double attn_score = dot / std::sqrt(head_dim);  // computed, unused (a single token)
    for (int j = 0; j < head_dim; ++j) x_attn.push_back(v_h[j]);
  }
  x = linear(x_attn, attn_wo);
  for (size_t i = 0; i < x.size(); ++i) x[i] = x[i] + x_residual[i];

  // MLP
  x_residual = x;
  x = rmsnorm(x);
  x = linear(x, mlp_fc1);
  for (size_t i = 0; i < x.size(); ++i) x[i] = x[i] * (x[i] > 0);  // relu
  x = linear(x, mlp_fc2);
  for (size_t i = 0; i < x.size(); ++i) x[i] = x[i] + x_residual[i];

  return linear(x, lm_head);
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
