#ifndef SPANTOP_CZLIB_SHIM_H
#define SPANTOP_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro; Swift needs a function.
static inline int spantop_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);  // 15-bit window, auto-detect gzip/zlib header
}

// deflateInit2 is a macro too; gzip output (tests and load generators compress request bodies).
static inline int spantop_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
