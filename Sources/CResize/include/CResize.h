// A terminal resize (SIGWINCH) may be delivered to any thread, while the UI thread sleeps in
// poll; this chains a handler after curses' own that also writes to a descriptor the UI polls.
#ifndef SPANTOP_CRESIZE_H
#define SPANTOP_CRESIZE_H

/// After curses started: a resize also writes a byte to `fd` (a pipe's write end); -1 stops that.
void spantop_wake_on_resize(int fd);

#endif
