#include "CResize.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t resize_fd = -1;
static struct sigaction previous_action;
static int installed = 0;

static void on_resize(int sig) {
    // Curses' handler first: it notes the new size for its next read.
    void (*previous)(int) = previous_action.sa_handler;
    if (!(previous_action.sa_flags & SA_SIGINFO) && previous != SIG_DFL && previous != SIG_IGN) previous(sig);
    int fd = resize_fd;
    if (fd >= 0) {
        char byte = 1;
        ssize_t written = write(fd, &byte, 1);  // async-signal-safe; a full pipe wakes anyway
        (void)written;
    }
}

void spantop_wake_on_resize(int fd) {
    resize_fd = fd;
    if (fd < 0 || installed) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_resize;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGWINCH, &action, &previous_action) == 0) installed = 1;
}
