#include "triage/model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace wardline::triage {
namespace {

constexpr const char* kMagic = "wardline-triage-model";
constexpr int kVersion = 2;  // 1: no scope head (still read)
constexpr size_t kRowFloats = 16;  // 64 bytes: alignment of the first row, over-allocation
constexpr size_t kRowAlign = 8;    // row length multiple (32 bytes)

void SoftmaxRange(float* v, size_t n) {
  float mx = v[0];
  for (size_t i = 1; i < n; ++i) mx = std::max(mx, v[i]);
  float sum = 0;
  for (size_t i = 0; i < n; ++i) {
    v[i] = std::exp(v[i] - mx);
    sum += v[i];
  }
  for (size_t i = 0; i < n; ++i) v[i] /= sum;
}

void Softmax(std::vector<float>& v) {
  float mx = *std::max_element(v.begin(), v.end());
  float sum = 0;
  for (float& x : v) {
    x = std::exp(x - mx);
    sum += x;
  }
  for (float& x : v) x /= sum;
}

inline float Sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

template <typename T>
void PutRaw(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

}  // namespace

Result<Model> Model::Train(const std::vector<Example>& examples, const Abbreviations& abbrev,
                           const TrainOptions& options) {
  if (examples.empty()) return InvalidArgument("no training examples");
  Model m;
  m.features_ = options.features;
  m.urgent_threshold_ = options.urgent_threshold;
  m.normalizer_ = Normalizer(abbrev);
  for (const auto& phrase : options.urgent_phrases) {
    // "~phrase": a soft phrase (emphasis such as "khẩn cấp"), urgent only with model support.
    const bool soft = !phrase.empty() && phrase[0] == '~';
    auto n = m.normalizer_.Normalize(soft ? std::string_view(phrase).substr(1) : phrase);
    if (!n.ok()) return InvalidArgument("urgent phrase: " + n.error().message);
    std::vector<std::string> words;
    if (soft) words.push_back("~");
    for (const auto& t : n->tokens) words.push_back(t.folded);
    if (soft && words.size() == 1) continue;
    if (!words.empty()) m.urgent_phrases_.push_back(std::move(words));
  }

  std::map<std::string, int> cat_index;
  std::map<std::string, int> scope_index;
  for (const auto& e : examples) {
    if (!e.category.empty()) cat_index.emplace(e.category, 0);
    scope_index.emplace(e.scope.empty() ? kDefaultScope : e.scope, 0);
  }
  if (cat_index.size() < 2) return InvalidArgument("need at least two categories");
  for (auto& [id, idx] : cat_index) {
    idx = static_cast<int>(m.categories_.size());
    m.categories_.push_back(id);
  }
  if (scope_index.size() >= 2) {
    for (auto& [id, idx] : scope_index) {
      idx = static_cast<int>(m.scopes_.size());
      m.scopes_.push_back(id);
    }
  }
  const size_t C = m.categories_.size();
  const size_t S = m.scopes_.size();
  const size_t K = C + 1 + S;
  const size_t buckets = size_t{1} << m.features_.hash_bits;
  m.stride_ = K;

  // Raw features and document frequencies.
  std::vector<std::vector<Feature>> raw(examples.size());
  std::vector<uint32_t> df(buckets, 0);
  std::vector<uint32_t> last_doc(buckets, UINT32_MAX);
  for (size_t i = 0; i < examples.size(); ++i) {
    auto n = m.normalizer_.Normalize(examples[i].text);
    if (!n.ok()) return InvalidArgument("example " + examples[i].id + ": " + n.error().message);
    ExtractFeatures(*n, m.features_, raw[i]);
    for (const auto& f : raw[i]) {
      if (last_doc[f.bucket] != i) {
        last_doc[f.bucket] = static_cast<uint32_t>(i);
        ++df[f.bucket];
      }
    }
  }
  const double N = static_cast<double>(examples.size());
  std::vector<float> idf(buckets, 0.0f);
  for (size_t b = 0; b < buckets; ++b) {
    if (df[b] > 0) idf[b] = static_cast<float>(std::log((1.0 + N) / (1.0 + df[b])) + 1.0);
  }
  std::vector<std::vector<Feature>> x(examples.size());
  std::vector<Feature> tmp;
  for (size_t i = 0; i < examples.size(); ++i) {
    // Re-weight the already extracted raw features (same as Vectorize without re-extracting).
    tmp = std::move(raw[i]);
    double norm = 0;
    for (auto& f : tmp) {
      f.value *= idf[f.bucket];
      norm += static_cast<double>(f.value) * f.value;
    }
    float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
    for (auto& f : tmp) f.value *= inv;
    x[i] = std::move(tmp);
  }

  // Labels and example weights.
  std::vector<int> y(examples.size(), -1);
  std::vector<int> ys(examples.size(), -1);
  std::vector<size_t> count(C, 0);
  std::vector<size_t> scount(S, 0);
  size_t with_category = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
    if (!examples[i].category.empty()) {
      y[i] = cat_index[examples[i].category];
      ++count[y[i]];
      ++with_category;
    }
    if (S > 0) {
      ys[i] = scope_index[examples[i].scope.empty() ? kDefaultScope : examples[i].scope];
      ++scount[ys[i]];
    }
  }
  std::vector<float> class_weight(C, 1.0f);
  std::vector<float> scope_weight(S, 1.0f);
  if (options.balance_classes) {
    for (size_t c = 0; c < C; ++c) {
      class_weight[c] =
          static_cast<float>(static_cast<double>(with_category) / (static_cast<double>(C) * count[c]));
    }
    for (size_t c = 0; c < S; ++c) {
      scope_weight[c] = static_cast<float>(N / (static_cast<double>(S) * scount[c]));
    }
  }

  // AdaGrad on softmax cross-entropy (categories) + logistic loss (urgency).
  std::vector<float> weights(buckets * K, 0.0f);
  m.bias_.assign(K, 0.0f);
  std::vector<float> g2(buckets * K, 1e-6f);
  // Averaging (Polyak): with u accumulating t * delta, the mean of all iterates is w - u / t.
  std::vector<float> u(options.average ? buckets * K : 0, 0.0f);
  std::vector<float> ub(K, 0.0f);
  double t = 1;
  std::vector<float> g2b(K, 1e-6f);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 rng(options.seed);
  std::vector<float> z(K);
  std::vector<float> grad(K);
  const float lr = options.learning_rate;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t i : order) {
      const auto& xi = x[i];
      for (size_t k = 0; k < K; ++k) z[k] = m.bias_[k];
      for (const auto& f : xi) {
        const float* w = &weights[f.bucket * K];
        for (size_t k = 0; k < K; ++k) z[k] += w[k] * f.value;
      }
      float uz = z[C];
      if (y[i] >= 0) {
        SoftmaxRange(z.data(), C);
        const float cw = class_weight[y[i]];
        for (size_t c = 0; c < C; ++c) {
          grad[c] = cw * (z[c] - (static_cast<int>(c) == y[i] ? 1.0f : 0.0f));
        }
      } else {
        for (size_t c = 0; c < C; ++c) grad[c] = 0;
      }
      if (S > 0) {
        float* zs = z.data() + C + 1;
        SoftmaxRange(zs, S);
        const float sw = scope_weight[ys[i]] * options.scope_weight;
        for (size_t c = 0; c < S; ++c) {
          grad[C + 1 + c] = sw * (zs[c] - (static_cast<int>(c) == ys[i] ? 1.0f : 0.0f));
        }
      }
      const auto& pr = examples[i].priority;
      if (pr.has_value()) {
        float target = *pr == Priority::kUrgent ? 1.0f : 0.0f;
        float uw = *pr == Priority::kUrgent ? options.urgent_weight : 1.0f;
        grad[C] = uw * (Sigmoid(uz) - target);
      } else {
        grad[C] = 0;
      }
      for (const auto& f : xi) {
        float* w = &weights[f.bucket * K];
        float* g = &g2[f.bucket * K];
        for (size_t k = 0; k < K; ++k) {
          float gk = grad[k] * f.value + options.l2 * w[k];
          g[k] += gk * gk;
          const float delta = lr * gk / std::sqrt(g[k]);
          w[k] -= delta;
          if (!u.empty()) u[f.bucket * K + k] -= static_cast<float>(t) * delta;
        }
      }
      for (size_t k = 0; k < K; ++k) {
        g2b[k] += grad[k] * grad[k];
        const float delta = lr * grad[k] / std::sqrt(g2b[k]);
        m.bias_[k] -= delta;
        ub[k] -= static_cast<float>(t) * delta;
      }
      t += 1;
    }
  }
  if (options.average) {
    const float inv = static_cast<float>(1.0 / t);
    for (size_t i = 0; i < weights.size(); ++i) weights[i] -= u[i] * inv;
    for (size_t k = 0; k < K; ++k) m.bias_[k] -= ub[k] * inv;
  }
  m.SetWeights(idf, weights);
  return m;
}

void Model::SetWeights(const std::vector<float>& idf, const std::vector<float>& w) {
  const size_t K = stride_;
  row_floats_ = (K + 1 + kRowAlign - 1) / kRowAlign * kRowAlign;
  index_.assign(idf.size(), -1);
  row_bucket_.clear();
  for (size_t b = 0; b < idf.size(); ++b) {
    if (idf[b] != 0) {
      index_[b] = static_cast<int32_t>(row_bucket_.size());
      row_bucket_.push_back(static_cast<uint32_t>(b));
    }
  }
  rows_.assign(row_bucket_.size() * row_floats_ + kRowFloats, 0.0f);
  for (size_t r = 0; r < row_bucket_.size(); ++r) {
    float* row = const_cast<float*>(Row(static_cast<int32_t>(r)));
    const size_t b = row_bucket_[r];
    row[0] = idf[b];
    for (size_t k = 0; k < K; ++k) row[1 + k] = w[b * K + k];
  }
}

const float* Model::Row(int32_t r) const {
  auto addr = reinterpret_cast<uintptr_t>(rows_.data());
  addr = (addr + 63) & ~uintptr_t{63};
  return reinterpret_cast<const float*>(addr) + static_cast<size_t>(r) * row_floats_;
}

Prediction Model::Predict(const NormalizedText& text) const {
  Prediction p;
  thread_local std::vector<SegmentPrediction> none;
  PredictImpl(text, nullptr, p, none);
  return p;
}

void Model::PredictSegments(const NormalizedText& text, const std::vector<size_t>& starts,
                            Prediction& whole, std::vector<SegmentPrediction>& segments) const {
  PredictImpl(text, &starts, whole, segments);
}

void Model::PredictImpl(const NormalizedText& text, const std::vector<size_t>* starts,
                        Prediction& p, std::vector<SegmentPrediction>& segments) const {
  p = Prediction{};
  segments.clear();
  const size_t C = categories_.size();
  if (C == 0) return;
  const size_t K = stride_;
  const size_t S = scopes_.size();
  thread_local std::vector<Feature> x;
  thread_local std::vector<uint32_t> offsets;
  x.clear();
  ExtractFeatures(text, features_, x, starts ? &offsets : nullptr);
  // Segment boundaries as feature indices (before dropping unseen features).
  thread_local std::vector<uint32_t> seg_end;  // raw feature index where each segment ends
  seg_end.clear();
  if (starts) {
    for (size_t s = 1; s < starts->size(); ++s) {
      size_t t = (*starts)[s];
      seg_end.push_back(t < offsets.size() ? offsets[t] : static_cast<uint32_t>(x.size()));
    }
    seg_end.push_back(static_cast<uint32_t>(x.size()));
  }
  // Map buckets to rows, dropping never-seen features, and prefetch the rows: the loads then
  // overlap instead of waiting one by one.
  size_t n = 0;
  size_t seg = 0;
  thread_local std::vector<uint32_t> seg_n;  // kept features per segment
  seg_n.assign(seg_end.size(), 0);
  for (size_t i = 0; i < x.size(); ++i) {
    while (seg < seg_end.size() && i >= seg_end[seg]) ++seg;
    int32_t r = index_[x[i].bucket];
    if (r < 0) continue;
    __builtin_prefetch(Row(r));
    x[n++] = {static_cast<uint32_t>(r), x[i].value};
    if (seg < seg_n.size()) ++seg_n[seg];
  }
  x.resize(n);
  thread_local std::vector<float> z;
  thread_local std::vector<float> zseg;  // per segment: C raw logits
  thread_local std::vector<double> seg_norm;
  z.assign(K, 0.0f);
  const size_t nseg = seg_n.size();
  zseg.assign(nseg * C, 0.0f);
  seg_norm.assign(nseg, 0.0);
  double norm = 0;
  if (nseg == 0) {
    for (auto& f : x) {
      const float* row = Row(static_cast<int32_t>(f.bucket));
      f.value *= row[0];
      norm += static_cast<double>(f.value) * f.value;
      const float* w = row + 1;
      for (size_t k = 0; k < K; ++k) z[k] += w[k] * f.value;
    }
  } else {
    size_t i = 0;
    for (size_t sgi = 0; sgi < nseg; ++sgi) {
      float* zs = &zseg[sgi * C];
      double sn = 0;
      for (size_t e = i + seg_n[sgi]; i < e; ++i) {
        auto& f = x[i];
        const float* row = Row(static_cast<int32_t>(f.bucket));
        f.value *= row[0];
        sn += static_cast<double>(f.value) * f.value;
        const float* w = row + 1;
        for (size_t k = 0; k < C; ++k) zs[k] += w[k] * f.value;
        for (size_t k = C; k < K; ++k) z[k] += w[k] * f.value;
      }
      seg_norm[sgi] = sn;
      norm += sn;
      for (size_t k = 0; k < C; ++k) z[k] += zs[k];
    }
  }
  const float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
  for (size_t k = 0; k < K; ++k) z[k] = z[k] * inv + bias_[k];
  p.urgent_probability = Sigmoid(z[C]);
  p.urgent = p.urgent_probability >= urgent_threshold_;
  const auto& tk = text.tokens;
  // Urgent phrases, in context: a phrase under a negation or a hypothesis just before it
  // ("không có ai bị điện giật", "sợ bị điện giật", "nguy cơ cháy nhà") does not count; a soft
  // phrase ("~" in the list: "khẩn cấp", "cứu với" are also used for emphasis) counts only when
  // the model itself gives at least half the urgency threshold.
  auto negated = [&](size_t i) {
    for (size_t back = 1; back <= 3 && back <= i; ++back) {
      const Token& t = tk[i - back];
      if (t.folded == "khong" || t.folded == "suyt" || t.folded == "keo" || t.text == "chưa" ||
          t.text == "sợ" || t.text == "nếu" || t.text == "dễ" || t.text == "lo" ||
          (t.folded == "nguy" && i - back + 1 < tk.size() && tk[i - back + 1].folded == "co") ||
          (t.folded == "phong" && i - back >= 1 && tk[i - back - 1].folded == "de")) {
        return true;
      }
    }
    return false;
  };
  const bool model_support = p.urgent_probability >= urgent_threshold_ * 0.5f;
  for (size_t i = 0; i < tk.size() && !p.urgent_phrase; ++i) {
    const std::string& first = tk[i].folded;
    if (first.empty()) continue;
    for (const auto& ph : urgent_phrases_) {
      const bool soft = ph[0] == "~";
      const size_t off = soft ? 1 : 0;
      const size_t len = ph.size() - off;
      if (ph[off][0] != first[0] || i + len > tk.size() || ph[off] != first) continue;
      size_t k = 1;
      while (k < len && tk[i + k].folded == ph[off + k]) ++k;
      if (k == len && !negated(i) && (!soft || model_support)) {
        p.urgent_phrase = true;
        break;
      }
    }
  }
  p.urgent = p.urgent || p.urgent_phrase;
  p.probabilities.assign(z.begin(), z.begin() + static_cast<long>(C));
  Softmax(p.probabilities);
  p.category = static_cast<int>(
      std::max_element(p.probabilities.begin(), p.probabilities.end()) - p.probabilities.begin());
  p.confidence = p.probabilities[p.category];
  if (S > 0) {
    p.scope_probabilities.assign(z.begin() + static_cast<long>(C + 1), z.end());
    Softmax(p.scope_probabilities);
    p.scope = static_cast<int>(std::max_element(p.scope_probabilities.begin(),
                                                p.scope_probabilities.end()) -
                               p.scope_probabilities.begin());
    p.scope_confidence = p.scope_probabilities[p.scope];
  }
  if (nseg > 0) {
    thread_local std::vector<float> pr;
    segments.resize(nseg);
    for (size_t sgi = 0; sgi < nseg; ++sgi) {
      SegmentPrediction& sp = segments[sgi];
      sp.first_token = (*starts)[sgi];
      sp.end_token = sgi + 1 < starts->size() ? (*starts)[sgi + 1] : tk.size();
      sp.weight = norm > 0 ? static_cast<float>(seg_norm[sgi] / norm) : 0.0f;
      const float sinv =
          seg_norm[sgi] > 0 ? static_cast<float>(1.0 / std::sqrt(seg_norm[sgi])) : 0.0f;
      pr.resize(C);
      for (size_t k = 0; k < C; ++k) pr[k] = zseg[sgi * C + k] * sinv + bias_[k];
      Softmax(pr);
      int best = -1, second = -1;
      for (size_t k = 0; k < C; ++k) {
        const int kk = static_cast<int>(k);
        if (best < 0 || pr[k] > pr[best]) {
          second = best;
          best = kk;
        } else if (second < 0 || pr[k] > pr[second]) {
          second = kk;
        }
      }
      sp.category = best;
      sp.confidence = pr[best];
      sp.second = second;
      sp.second_confidence = second >= 0 ? pr[second] : 0.0f;
    }
  }
}

Result<std::vector<std::string>> Model::ParseUrgentPhrases(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    if (!IsValidUtf8(line)) return InvalidArgument("urgent phrases: invalid UTF-8");
    out.emplace_back(line);
  }
  return out;
}

Result<Prediction> Model::PredictText(std::string_view text) const {
  auto n = normalizer_.Normalize(text);
  if (!n.ok()) return n.error();
  return Predict(*n);
}

// ---- Serialisation -----------------------------------------------------------------------------

std::string Model::Serialize() const {
  std::ostringstream h;
  h.precision(9);
  h << kMagic << " " << kVersion << "\n";
  h << "hash_bits " << features_.hash_bits << "\n";
  h << "char_range " << features_.char_min << " " << features_.char_max << "\n";
  h << "weights " << features_.word_weight << " " << features_.bigram_weight << " "
    << features_.accent_weight << " " << features_.char_weight << "\n";
  if (features_.skip_weight > 0) h << "skip_weight " << features_.skip_weight << "\n";
  h << "categories";
  for (const auto& c : categories_) h << " " << c;
  h << "\n";
  if (!scopes_.empty()) {
    h << "scopes";
    for (const auto& c : scopes_) h << " " << c;
    h << "\n";
  }
  h << "urgent_threshold " << urgent_threshold_ << "\n";
  std::string abbr = normalizer_.abbreviations().ToTsv();
  h << "abbreviations " << normalizer_.abbreviations().size() << "\n" << abbr;
  h << "urgent_phrases " << urgent_phrases_.size() << "\n";
  for (const auto& ph : urgent_phrases_) {
    for (size_t i = 0; i < ph.size(); ++i) h << (i ? " " : "") << ph[i];
    h << "\n";
  }
  h << "rows " << row_bucket_.size() << "\n";
  std::string out = h.str();
  for (float b : bias_) PutRaw(out, b);
  for (size_t r = 0; r < row_bucket_.size(); ++r) {
    const float* row = Row(static_cast<int32_t>(r));
    PutRaw(out, row_bucket_[r]);
    for (size_t k = 0; k <= stride_; ++k) PutRaw(out, row[k]);
  }
  return out;
}

Status Model::Save(const std::string& path) const {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Unavailable("cannot write " + tmp);
    std::string bytes = Serialize();
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) return Unavailable("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Unavailable("cannot rename to " + path);
  return OkStatus();
}

Result<Model> Model::Load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return NotFound("cannot open model file " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  return Parse(ss.str());
}

Result<Model> Model::Parse(const std::string& bytes) {
  size_t pos = 0;
  auto next_line = [&](std::string& line) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string::npos) return false;
    line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    return true;
  };
  auto bad = [](const std::string& what) { return InvalidArgument("bad model file: " + what); };
  std::string line;
  if (!next_line(line)) return bad("empty");
  {
    std::istringstream is(line);
    std::string magic;
    int version = 0;
    is >> magic >> version;
    if (magic != kMagic) return bad("not a wardline triage model");
    if (version != 1 && version != kVersion) {
      return bad("unsupported version " + std::to_string(version));
    }
  }
  Model m;
  size_t rows = 0;
  bool have_rows = false;
  std::vector<std::string> phrase_lines;
  while (!have_rows && next_line(line)) {
    std::istringstream is(line);
    std::string key;
    is >> key;
    if (key == "hash_bits") {
      is >> m.features_.hash_bits;
      if (m.features_.hash_bits < 8 || m.features_.hash_bits > 26) return bad("hash_bits");
    } else if (key == "char_range") {
      is >> m.features_.char_min >> m.features_.char_max;
    } else if (key == "weights") {
      is >> m.features_.word_weight >> m.features_.bigram_weight >> m.features_.accent_weight >>
          m.features_.char_weight;
    } else if (key == "skip_weight") {
      is >> m.features_.skip_weight;
    } else if (key == "categories") {
      std::string c;
      while (is >> c) m.categories_.push_back(c);
      is.clear();
    } else if (key == "scopes") {
      std::string c;
      while (is >> c) m.scopes_.push_back(c);
      is.clear();
    } else if (key == "urgent_threshold") {
      is >> m.urgent_threshold_;
    } else if (key == "abbreviations") {
      size_t n = 0;
      is >> n;
      std::string tsv;
      for (size_t i = 0; i < n; ++i) {
        if (!next_line(line)) return bad("truncated abbreviations");
        tsv += line + "\n";
      }
      auto a = Abbreviations::Parse(tsv);
      if (!a.ok()) return bad(a.error().message);
      m.normalizer_ = Normalizer(std::move(*a));
    } else if (key == "urgent_phrases") {
      size_t n = 0;
      is >> n;
      for (size_t i = 0; i < n; ++i) {
        if (!next_line(line)) return bad("truncated urgent phrases");
        std::istringstream ws(line);
        std::vector<std::string> words;
        std::string w;
        while (ws >> w) words.push_back(w);
        if (!words.empty()) m.urgent_phrases_.push_back(std::move(words));
      }
      line = "urgent_phrases";
    } else if (key == "rows") {
      is >> rows;
      have_rows = true;
    }
    if (is.fail()) return bad("header line '" + line + "'");
  }
  if (!have_rows || m.categories_.size() < 2) return bad("incomplete header");
  if (m.scopes_.size() == 1) return bad("a scope head needs two scopes");
  const size_t K = m.categories_.size() + 1 + m.scopes_.size();
  const size_t buckets = size_t{1} << m.features_.hash_bits;
  const size_t need = K * 4 + rows * (8 + K * 4);
  if (bytes.size() - pos != need) return bad("binary part has the wrong size");
  m.stride_ = K;
  m.bias_.resize(K);
  std::memcpy(m.bias_.data(), bytes.data() + pos, K * 4);
  pos += K * 4;
  std::vector<float> idf(buckets, 0.0f);
  std::vector<float> weights(buckets * K, 0.0f);
  for (size_t r = 0; r < rows; ++r) {
    uint32_t b;
    std::memcpy(&b, bytes.data() + pos, 4);
    if (b >= buckets) return bad("bucket out of range");
    std::memcpy(&idf[b], bytes.data() + pos + 4, 4);
    if (idf[b] == 0) return bad("zero idf row");
    std::memcpy(&weights[b * K], bytes.data() + pos + 8, K * 4);
    pos += 8 + K * 4;
  }
  m.SetWeights(idf, weights);
  return m;
}

}  // namespace wardline::triage
