/*
 * i18n: messages in the user's language, with gettext (glibc's own).
 *
 * Only the messages follow the locale: i18n_init sets LC_MESSAGES and
 * nothing else, so numbers, dates and character classes stay as in the C
 * locale whatever LANG says (planpress parses and writes numbers itself;
 * see DESIGN.md). The catalogue is po/sv.po, built into
 * build/locale/sv/LC_MESSAGES/planpress.mo and installed under LOCALEDIR.
 *
 * Mark a message with _() where it is used, or with N_() where it is only
 * named (a table of strings, a fragment handed to diag as %s) and _() is
 * applied where it is shown. diag() looks its format up itself: the
 * diag(..., "format", ...) calls need no mark. `make po` extracts them all.
 */
#ifndef PLANPRESS_I18N_H
#define PLANPRESS_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) s

/* Chooses the language of the messages from LANGUAGE, LC_ALL, LC_MESSAGES
 * and LANG, and finds the catalogue. main() calls it first, before any
 * thread starts; without it every message is the English original. */
void i18n_init(void);

#endif
