// Wide-character curses for Swift. Swift 6 cannot read curses' global variables (stdscr,
// COLORS, LINES) or expand its bit-twiddling macros, so the few we need are wrapped here.
#ifndef SPANTOP_CNCURSESW_SHIM_H
#define SPANTOP_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/// Starts curses in raw-ish mode: no echo, keypad decoding, optional mouse. 0 on success.
static inline int spantop_curses_start(int wantMouse) {
    setlocale(LC_ALL, "");
    // Box drawing, status symbols and CJK text need a UTF-8 character type even when the
    // environment names none (cron, CI, `env -i`).
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL || strcmp(codeset, "UTF-8") != 0) {
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "en_US.UTF-8");
    }
    if (initscr() == NULL) return -1;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    curs_set(0);
    set_escdelay(25);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    if (wantMouse) {
        mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
        mouseinterval(0);
    }
    return 0;
}

static inline void spantop_curses_end(void) { endwin(); }
static inline int spantop_has_colors(void) { return has_colors() ? 1 : 0; }
static inline int spantop_colors(void) { return COLORS; }
static inline int spantop_color_pairs(void) { return COLOR_PAIRS; }
static inline int spantop_lines(void) { return LINES; }
static inline int spantop_cols(void) { return COLS; }

/// Defines colour pair `pair`; -1 means the terminal's default colour.
static inline int spantop_init_pair(int pair, int fg, int bg) {
    return init_extended_pair(pair, fg, bg);
}

/// Curses attribute bits for a style.
static inline unsigned int spantop_attributes(int bold, int underline, int reverse, int dim) {
    attr_t a = A_NORMAL;
    if (bold) a |= A_BOLD;
    if (underline) a |= A_UNDERLINE;
    if (reverse) a |= A_REVERSE;
    if (dim) a |= A_DIM;
    return (unsigned int)a;
}

/// Writes `count` wide characters at (y, x) in one colour pair and attribute set.
static inline void spantop_put(int y, int x, const wchar_t *text, int count, int pair, unsigned int attributes) {
    attr_set((attr_t)attributes, 0, &pair);
    mvaddnwstr(y, x, text, count);
}

static inline void spantop_refresh(void) { refresh(); }
static inline void spantop_clear_all(void) { clearok(stdscr, TRUE); }

/// Waits up to `timeoutMs` for input. Returns 0 for a character (in *value), 1 for a function
/// key code (in *value), -1 when nothing arrived.
static inline int spantop_read(int timeoutMs, int *value) {
    wint_t ch = 0;
    timeout(timeoutMs);
    int r = get_wch(&ch);
    if (r == ERR) return -1;
    *value = (int)ch;
    return r == KEY_CODE_YES ? 1 : 0;
}

/// Reads the pending mouse event: 1 = left press or click, 4 = wheel up, 5 = wheel down, 0 = other.
static inline int spantop_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
    if (event.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}

#endif
