// Html.h - `bytedmd html FILE.json -o page.html`.
#ifndef BYTEDMD_DRIVER_HTML_H
#define BYTEDMD_DRIVER_HTML_H

namespace bytedmd {

/// Writes one self-contained page: the LRU stack of small measurements step
/// by step, cost per source line, and cost against size for a sweep.
int htmlCommand(int argc, char **argv);

} // namespace bytedmd

#endif // BYTEDMD_DRIVER_HTML_H
