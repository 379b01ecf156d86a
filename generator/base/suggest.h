/*
 * suggest: the known word a mistyped one most likely meant, for error
 * messages that say "did you mean ...?" (a command, a document type, a
 * fenced block's name).
 */
#ifndef PLANPRESS_SUGGEST_H
#define PLANPRESS_SUGGEST_H

#include <stddef.h>

/* Edit distance between a and b, with a swap of two neighbours counted as
 * one edit ("biuld" is 1 from "build"); letters compared without case.
 * Words longer than 30 bytes are far from everything (99). */
size_t suggest_distance(const char *a, const char *b);

/* The word of known[] (ended by NULL) nearest to word, if at most
 * max_edits away; NULL otherwise. */
const char *suggest_nearest(const char *word, const char *const *known, size_t max_edits);

#endif
