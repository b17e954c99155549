// The only C in Portico: ncursesw as Swift can call it. SwiftPM drops pkg-config's -D flags, so
// the wide-character API is switched on here; function-like macros, attribute bits and the
// global variables (unsafe to touch from Swift 6) are wrapped in static inline functions.
#ifndef PORTICO_CNCURSES_SHIM_H
#define PORTICO_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

static inline WINDOW *portico_stdscr(void) { return stdscr; }
static inline int portico_lines(void) { return LINES; }
static inline int portico_cols(void) { return COLS; }
static inline int portico_colors(void) { return COLORS; }
static inline int portico_color_pairs(void) { return COLOR_PAIRS; }
static inline int portico_set_escdelay(int ms) { return set_escdelay(ms); }

static inline attr_t portico_a_bold(void) { return A_BOLD; }
static inline attr_t portico_a_dim(void) { return A_DIM; }
static inline attr_t portico_a_italic(void) { return A_ITALIC; }
static inline attr_t portico_a_underline(void) { return A_UNDERLINE; }
static inline attr_t portico_a_reverse(void) { return A_REVERSE; }
static inline attr_t portico_a_normal(void) { return A_NORMAL; }

static inline int portico_key_f(int n) { return KEY_F(n); }

static inline mmask_t portico_mouse_events(void) {
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline mmask_t portico_button1(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t portico_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t portico_wheel_down(void) { return BUTTON5_PRESSED; }

/// Draws `count` wide characters at (row, column) with attributes and a colour pair.
static inline int portico_put(int row, int column, const wchar_t *text, int count, attr_t attributes, int pair) {
    wattr_set(stdscr, attributes, (short)0, &pair);
    return mvwaddnwstr(stdscr, row, column, text, count);
}

#endif
