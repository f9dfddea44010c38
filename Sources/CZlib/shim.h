#ifndef SPANTOP_CZLIB_SHIM_H
#define SPANTOP_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro; Swift needs a function.
static inline int spantop_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);  // 15-bit window, auto-detect gzip/zlib header
}
#endif
