// settings.cpp - the BYTEDMD_* environment of an instrumented program, and the variants' names.
#include "settings.h"

#include <cstdlib>

namespace bytedmd {

namespace {
// Accepts decimal digits only (no sign, no spaces), within [min, max].
bool parseCount(const char *text, std::uint64_t min, std::uint64_t max, std::uint64_t *out) {
  if (text == nullptr || *text == '\0')
    return false;
  std::uint64_t value = 0;
  for (const char *p = text; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9')
      return false;
    const std::uint64_t digit = std::uint64_t(*p - '0');
    if (digit > max || value > (max - digit) / 10)
      return false;
    value = value * 10 + digit;
  }
  if (value < min)
    return false;
  *out = value;
  return true;
}
/// A 0/1 switch: false (with *error naming the variable, `one` and `zero`
/// saying what each value does) when it is set to anything else.
bool readSwitch(const char *name, const char *one, const char *zero, bool *out,
                std::string *error) {
  const char *text = std::getenv(name);
  if (text == nullptr)
    return true;
  const std::string value = text;
  if (value != "0" && value != "1") {
    *error = std::string(name) + "='" + value + "': give 1 (" + one + ") or 0 (" + zero + ")";
    return false;
  }
  *out = value == "1";
  return true;
}
} // namespace

std::string VariantSpec::name() const {
  std::string out;
  auto add = [&](const char *option) { out += (out.empty() ? "" : ",") + std::string(option); };
  if (twoStack)
    add("two-stack");
  if (locations)
    add("stack=locations");
  if (nativeBytes)
    add("bytes=native");
  if (!liveness)
    add("no-liveness");
  if (sqrtCost)
    add("cost=sqrt");
  return out.empty() ? "reference" : out;
}

/// "a,b,,c" -> {"a", "b", "", "c"}: empty items are kept, for the caller
/// to refuse.
static std::vector<std::string> splitList(const std::string &text, char separator) {
  std::vector<std::string> items;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = text.find(separator, from);
    items.push_back(text.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos)
      return items;
    from = at + 1;
  }
}

bool parseVariant(const std::string &text, VariantSpec *spec, std::string *error) {
  *spec = VariantSpec();
  for (const std::string &option : splitList(text, ',')) {
    if (option == "no-liveness")
      spec->liveness = false;
    else if (option == "liveness")
      spec->liveness = true;
    else if (option == "cost=sqrt")
      spec->sqrtCost = true;
    else if (option == "bytes=native")
      spec->nativeBytes = true;
    else if (option == "bytes=element")
      spec->nativeBytes = false;
    else if (option == "stack=locations")
      spec->locations = true;
    else if (option == "stack=values")
      spec->locations = false;
    else if (option == "two-stack")
      spec->twoStack = true;
    else if (option == "cost=ceil-sqrt")
      ; // the default, named
    else {
      *error = "unknown variant option '" + option +
               "'; the options are no-liveness, liveness, cost=sqrt, cost=ceil-sqrt, "
               "bytes=native, bytes=element, stack=locations, stack=values, two-stack";
      return false;
    }
  }
  if (spec->twoStack && (spec->nativeBytes || spec->locations)) {
    *error = "two-stack combines with the per-element costs (and --bytes-per-element), not "
             "with bytes=native or stack=locations; give them as separate variants";
    return false;
  }
  if (spec->locations && spec->nativeBytes) {
    *error = "stack=locations and bytes=native do not combine (a location stack counts "
             "locations, not bytes); give them as two variants";
    return false;
  }
  return true;
}

bool parseCacheSizes(const std::string &text, std::vector<std::uint64_t> *sizes,
                     std::string *error) {
  sizes->clear();
  for (const std::string &given : splitList(text, ',')) {
    std::string item = given;
    std::uint64_t scale = 1;
    if (!item.empty() && (item.back() == 'K' || item.back() == 'k'))
      scale = 1024;
    else if (!item.empty() && (item.back() == 'M' || item.back() == 'm'))
      scale = 1024 * 1024;
    if (scale != 1)
      item.pop_back();
    std::uint64_t value = 0;
    if (!parseCount(item.c_str(), 1, (std::uint64_t(1) << 40) / scale, &value)) {
      *error = "cache size '" + given +
               "' is not a positive integer (with an optional K or M suffix), as in 64,256,1K";
      return false;
    }
    sizes->push_back(value * scale);
  }
  return true;
}

bool settingsFromEnvironment(Settings *settings, std::string *error) {
  if (const char *report = std::getenv("BYTEDMD_REPORT")) {
    if (*report == '\0') {
      *error = "BYTEDMD_REPORT is set but empty; unset it or give a file path";
      return false;
    }
    settings->reportPath = report;
  }
  if (const char *ir = std::getenv("BYTEDMD_IR"))
    settings->irPath = ir;
  if (const char *names = std::getenv("BYTEDMD_IR_NAMES"))
    settings->irNames = std::string(names) == "1";
  if (!readSwitch("BYTEDMD_ATTRIBUTION",
                  "the default: by_function, by_region, by_input, by_op and the distributions",
                  "none of them", &settings->attribution, error) ||
      !readSwitch("BYTEDMD_STREAM", "run each measured call twice and replay as it runs",
                  "keep the event log, the default", &settings->stream, error))
    return false;
  if (const char *threads = std::getenv("BYTEDMD_REPLAY_THREADS")) {
    if (!parseCount(threads, 1, 2, &settings->replayThreads)) {
      *error = std::string("BYTEDMD_REPLAY_THREADS='") + threads +
               "' is not 1 or 2; unset it (default 2: long logs replay in two halves at "
               "once) or give 1 (one thread)";
      return false;
    }
  }
  if (const char *bpe = std::getenv("BYTEDMD_BYTES_PER_ELEMENT")) {
    if (!parseCount(bpe, 1, 1u << 20, &settings->bytesPerElement)) {
      *error = std::string("BYTEDMD_BYTES_PER_ELEMENT='") + bpe +
               "' is not an integer from 1 to 1048576; unset it (default 1) or give e.g. 8";
      return false;
    }
  }
  if (const char *limit = std::getenv("BYTEDMD_TRACE_LIMIT")) {
    if (!parseCount(limit, 0, ~std::uint64_t(0), &settings->traceLimit)) {
      *error = std::string("BYTEDMD_TRACE_LIMIT='") + limit +
               "' is not a non-negative integer; unset it (default 1000000) or give e.g. 0";
      return false;
    }
  }
  if (const char *variants = std::getenv("BYTEDMD_VARIANTS"); variants && *variants) {
    for (const std::string &text : splitList(variants, ';')) {
      VariantSpec spec;
      std::string why;
      if (!parseVariant(text, &spec, &why)) {
        *error = std::string("BYTEDMD_VARIANTS='") + variants + "': " + why;
        return false;
      }
      settings->variants.push_back(spec);
    }
  }
  if (const char *sizes = std::getenv("BYTEDMD_CACHE_SIZES"); sizes && *sizes) {
    std::string why;
    if (!parseCacheSizes(sizes, &settings->cacheSizes, &why)) {
      *error = std::string("BYTEDMD_CACHE_SIZES='") + sizes + "': " + why;
      return false;
    }
  }
  return true;
}

} // namespace bytedmd
